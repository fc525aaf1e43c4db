"""mktorg: marketing-department organisation designs as YAML, linted, charted and exported."""

__version__ = "0.1.0"
