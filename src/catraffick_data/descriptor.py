"""The model rendered as Frictionless (Data Package v2) descriptors: the raw package's datapackage.json,
which is generated and checked in (`catraffick render` writes it; validation reports it when it has
drifted), and the Table Schemas of a release.

Every tabular resource carries both `"type": "table"` and `"profile": "tabular-data-resource"`: R's
frictionless package refuses a resource without the profile, and frictionless-py accepts both.
"""
from __future__ import annotations

import json

from .model import Model, Table

PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
PACKAGE_KEYS = ("name", "title", "description", "version", "licenses", "sources", "contributors", "keywords")


def _plain(value):
    """A frozen model value (mapping proxies, tuples) as plain JSON data."""
    if hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    return [_plain(v) for v in value] if isinstance(value, (list, tuple)) else value


def package_metadata(model: Model) -> dict:
    return {k: _plain(model.package[k]) for k in PACKAGE_KEYS if k in model.package}


def table_schema(table: Table, release: bool = False) -> dict:
    """The table's Table Schema; `release` adds the columns a release gives it."""
    fields = [*table.fields, *(table.release_fields if release else ())]
    schema = {"$schema": SCHEMA_PROFILE, "fields": [f.descriptor() for f in fields],
              "primaryKey": list(table.primary_key), "missingValues": [""]}
    keys = []
    for fk in table.foreign_keys:
        reference = {"fields": list(fk.ref_fields)}
        if fk.table != table.name:  # a self-reference names no resource (Data Package v2)
            reference = {"resource": fk.table, **reference}
        keys.append({"fields": list(fk.fields), "reference": reference})
    if keys:
        schema["foreignKeys"] = keys
    return schema


def resource_head(table: Table) -> dict:
    """What every resource of the table says about itself, raw or released."""
    head = {"name": table.name, "type": "table", "profile": "tabular-data-resource", "title": table.title,
            "description": table.description, "catraffick:kind": table.kind}
    if table.statement_key:
        head["catraffick:statementKey"] = list(table.statement_key)
    return head


def raw_descriptor(model: Model) -> dict:
    resources = [{**resource_head(t), "path": t.path, "scheme": "file", "format": "csv", "mediatype": "text/csv",
                  "encoding": "utf-8", "dialect": {"delimiter": ",", "header": True}, "schema": table_schema(t)}
                 for t in model.raw_tables]
    return {"$schema": PACKAGE_PROFILE, **package_metadata(model), "resources": resources}


def render_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def drift(package) -> list:
    """A problem when the checked-in datapackage.json is not what the definitions render to."""
    from .problems import Problem
    from .rawpackage import DESCRIPTOR

    path = package.root / DESCRIPTOR
    wanted = render_json(raw_descriptor(package.model))
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    if current == wanted:
        return []
    what = "is missing" if current is None else "differs from what schemas/ define"
    from .printable import display_path  # named like the tables' files: from the current folder

    return [Problem(display_path(path), None, None, None, "descriptor-drift", f"{DESCRIPTOR} {what}")]
