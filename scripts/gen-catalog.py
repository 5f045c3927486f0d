#!/usr/bin/env python3
"""Generate catalog/endpoints.tsv from the CIPP OpenAPI description.

Usage:
    scripts/gen-catalog.py [--check] [OPENAPI_JSON]

OPENAPI_JSON defaults to ../shared/contract/cipp-openapi.json relative to the
repository root. The output is an interface description only (endpoint names,
HTTP methods, roles and parameter names/locations), one row per path, sorted by
endpoint name (ordinal). Columns:

    endpoint   path segment after /api/
    method     get|post, as in the spec
    role       x-cipp-role
    any_tenant Y|N (x-cipp-any-tenant)
    query      ';'-separated query parameter names, '*' suffix = required
    body       ';'-separated top-level request-body property names, '*' = required
    passthrough Y|N: the body schema (or, for an array body, its items) carries
               x-cipp-passthrough or additionalProperties: true - the endpoint
               forwards the body and reads more keys than 'body' lists

With --check the file is regenerated in memory and compared with
catalog/endpoints.tsv; exit status 1 (with a message) when they differ.
Python 3 standard library only.
"""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SPEC = os.path.join(ROOT, "..", "shared", "contract", "cipp-openapi.json")
OUTPUT = os.path.join(ROOT, "catalog", "endpoints.tsv")
HEADER = ["endpoint", "method", "role", "any_tenant", "query", "body", "passthrough"]


def resolve(spec, obj):
    """Follow a local '$ref' (one level at a time) until a plain object remains."""
    seen = 0
    while isinstance(obj, dict) and "$ref" in obj:
        ref = obj["$ref"]
        if not ref.startswith("#/"):
            raise SystemExit("unsupported $ref: %s" % ref)
        node = spec
        for part in ref[2:].split("/"):
            node = node[part]
        obj = node
        seen += 1
        if seen > 32:
            raise SystemExit("$ref loop at %s" % ref)
    return obj


def clean(text):
    """Keep a cell free of the TSV separators."""
    return str(text).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def query_params(spec, op):
    names = []
    for prm in op.get("parameters", []):
        prm = resolve(spec, prm)
        if prm.get("in") != "query":
            continue
        name = clean(prm["name"])
        names.append(name + ("*" if prm.get("required") else ""))
    return ";".join(names)


def body_schema(spec, op):
    body = op.get("requestBody")
    if not body:
        return {}
    body = resolve(spec, body)
    content = body.get("content", {})
    media = content.get("application/json") or next(iter(content.values()), None)
    if not media:
        return {}
    return resolve(spec, media.get("schema", {}))


def passthrough(spec, op):
    schema = body_schema(spec, op)
    if schema.get("type") == "array":
        schema = resolve(spec, schema.get("items", {}))
    open_ended = schema.get("x-cipp-passthrough") or schema.get("additionalProperties") is True
    return "Y" if open_ended else "N"


def body_params(spec, op):
    schema = body_schema(spec, op)
    props = schema.get("properties") or {}
    required = set(schema.get("required") or [])
    return ";".join(clean(n) + ("*" if n in required else "") for n in props)


def build(spec_path):
    with open(spec_path, "r", encoding="utf-8") as f:
        spec = json.load(f)
    rows = []
    for path, item in spec.get("paths", {}).items():
        name = path.rsplit("/", 1)[-1]
        methods = [m for m in ("get", "post") if m in item]
        if not methods:
            raise SystemExit("path %s has neither get nor post" % path)
        if len(methods) > 1:
            raise SystemExit("path %s has more than one method" % path)
        method = methods[0]
        op = item[method]
        role = op.get("x-cipp-role")
        if not role:
            raise SystemExit("path %s lacks x-cipp-role" % path)
        rows.append(
            [
                clean(name),
                method,
                clean(role),
                "Y" if op.get("x-cipp-any-tenant") else "N",
                query_params(spec, op),
                body_params(spec, op),
                passthrough(spec, op),
            ]
        )
    # Ordinal sort: compare the UTF-16/UTF-8 code points, not locale collation.
    rows.sort(key=lambda r: r[0].encode("utf-8"))
    names = [r[0] for r in rows]
    if len(set(n.lower() for n in names)) != len(names):
        raise SystemExit("endpoint names collide case-insensitively")
    lines = ["\t".join(HEADER)] + ["\t".join(r) for r in rows]
    return "\n".join(lines) + "\n"


def main(argv):
    check = False
    spec_path = DEFAULT_SPEC
    args = [a for a in argv[1:]]
    if "-h" in args or "--help" in args:
        print(__doc__.strip())
        return 0
    if "--check" in args:
        check = True
        args.remove("--check")
    if len(args) > 1:
        print("usage: gen-catalog.py [--check] [OPENAPI_JSON]", file=sys.stderr)
        return 2
    if args:
        spec_path = args[0]
    text = build(spec_path)
    if check:
        try:
            with open(OUTPUT, "r", encoding="utf-8", newline="") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print(
                "catalog/endpoints.tsv is out of date with %s; run scripts/gen-catalog.py"
                % os.path.relpath(spec_path),
                file=sys.stderr,
            )
            return 1
        print("catalog/endpoints.tsv is up to date")
        return 0
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    print("wrote %s (%d endpoints)" % (os.path.relpath(OUTPUT), text.count("\n") - 1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
