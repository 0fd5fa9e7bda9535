"""The API documentation page's content, read from the OpenAPI document itself (so it never
drifts from what the API does)."""

from __future__ import annotations

from typing import Any


def _type_of(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_of(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"liste de {_type_of(schema.get('items', {}))}"
    return str(schema.get("type", ""))


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation: method, path, summary, description, parameters, documented answers."""
    result = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            result.append(
                {
                    "id": operation.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "auth": bool(operation.get("security")),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "required": p.get("required", False),
                            "type": _type_of(p.get("schema", {})),
                            "description": p.get("description")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    return result
