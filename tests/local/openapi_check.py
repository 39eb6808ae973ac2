#!/usr/bin/env python3
"""Checks recorded sandbox answers against the official PlanetScale OpenAPI document.

usage: openapi_check.py OPENAPI.yaml RECORD.jsonl

RECORD.jsonl holds one answer per line, {method, path, route, status, body}, as branchdeck-local --record
writes them. For every answer whose route is a path of the document, the status must be one the operation
declares (2xx) and the body must match the declared response schema: required fields present, types,
enum values, recursively through objects and arrays. JSON null is accepted exactly where the document marks
the schema `nullable: true` (directly or on the schema a $ref or allOf names), nowhere else. Errors (4xx/5xx)
must have the API's {code, message} shape. Routes that the document lacks (branch and deploy-request diff,
refresh-schema) are listed, not checked.
Exit status 0 when everything matches, 1 otherwise.
"""
import json
import sys

import yaml

TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}


def resolve(doc, schema):
    while isinstance(schema, dict) and "$ref" in schema:
        node = doc
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def nullable(doc, schema):
    """True when the document allows null here: `nullable: true` on the schema or on what it refers to."""
    if not isinstance(schema, dict):
        return False
    if schema.get("nullable") is True:
        return True
    if "$ref" in schema:
        return nullable(doc, resolve(doc, {"$ref": schema["$ref"]}))
    return any(nullable(doc, sub) for sub in schema.get("allOf", []))


def check(doc, schema, value, where, errors):
    if value is None:
        if not nullable(doc, schema):
            errors.append(f"{where}: null where the document requires a value (not nullable)")
        return
    schema = resolve(doc, schema)
    if not isinstance(schema, dict):
        return
    for key in ("allOf",):
        for sub in schema.get(key, []):
            check(doc, sub, value, where, errors)
    kind = schema.get("type")
    if kind in TYPES and not TYPES[kind](value):
        errors.append(f"{where}: expected {kind}, got {type(value).__name__} {json.dumps(value)[:60]}")
        return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if kind == "object" or "properties" in schema:
        if not isinstance(value, dict):
            return
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{where}: required field '{name}' is missing")
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                check(doc, sub, value[name], f"{where}.{name}", errors)
    if kind == "array" and "items" in schema:
        for i, item in enumerate(value):
            check(doc, schema["items"], item, f"{where}[{i}]", errors)


def main():
    doc = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    paths = doc["paths"]
    errors, checked, skipped, operations = [], 0, set(), set()
    for number, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        route, method, status, body = rec["route"], rec["method"], str(rec["status"]), rec["body"]
        where = f"line {number} {method.upper()} {rec['path']} {status}"
        if status.startswith(("4", "5")):
            if not (isinstance(body, dict) and isinstance(body.get("code"), str) and isinstance(body.get("message"), str)):
                errors.append(f"{where}: error body is not {{code, message}}")
            checked += 1
            continue
        op = paths.get(route, {}).get(method)
        if op is None:
            skipped.add(f"{method.upper()} {route or rec['path']}")
            continue
        operations.add(f"{method.upper()} {route}")
        response = op.get("responses", {}).get(status)
        if response is None:
            errors.append(f"{where}: status {status} is not declared (declared: {list(op.get('responses', {}))})")
            continue
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            if body not in (None, {}):
                errors.append(f"{where}: the document declares no body, but one was sent")
        else:
            check(doc, schema, body, where, errors)
        checked += 1
    print(f"openapi_check: {checked} answers checked over {len(operations)} operations; "
          f"not in the document (unchecked): {sorted(skipped)}")
    for error in errors:
        print("  " + error)
    return 1 if errors or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
