"""The stats of a design for people and machines; the names below are read by `mktorg stats --help`."""

FORMATS = ("text", "markdown", "json", "csv")
TABLES = ("departments", "levels", "employment", "spans", "layers", "functions", "duties", "cost")
"""Every table, in the order shown."""
