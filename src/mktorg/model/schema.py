"""JSON Schemas generated from the pydantic models, one per file kind."""

import json

from mktorg.model.kinds import FILE_KINDS


def schema_texts() -> dict[str, str]:
    """File name -> JSON Schema text, one per file kind."""
    out = {}
    for kind in FILE_KINDS:
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **kind.model.model_json_schema()}
        out[f"{kind.name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return out
