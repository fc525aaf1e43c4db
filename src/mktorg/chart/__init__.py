"""Org charts: DOT text built from the organisation, rendered by Graphviz."""
