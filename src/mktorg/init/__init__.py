"""`mktorg init`: working organisations for the archetypes of the source documents."""
