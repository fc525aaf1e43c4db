"""JSON Schemas generated from the pydantic models."""

import json

from pydantic import BaseModel

from mktorg.model import Department, OrgFile, Process, Role

KINDS: dict[str, type[BaseModel]] = {"org": OrgFile, "department": Department, "role": Role, "process": Process}


def schema_texts() -> dict[str, str]:
    """File name -> JSON Schema text, one per file kind."""
    out = {}
    for kind, model in KINDS.items():
        schema = model.model_json_schema()
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **schema,
        }
        out[f"{kind}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return out
