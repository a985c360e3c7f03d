"""A release read for comparison (`catraffick diff`, the CHANGELOG, the version check): its version and,
per table, the rows by primary key as the CSV holds them, the columns, which are numeric, and the kind.
The release is untrusted input: releasereader.py bounds and confines what is read."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .printable import printable
from .releasereader import ReleaseReader, SnapshotError


@dataclass
class Table:
    key: list[str]
    columns: list[str]
    numeric: set[str]
    rows: dict[tuple, dict[str, str]]
    kind: str | None = None  # "figure", "register"...: the release's catraffick:kind
    types: dict[str, str] = field(default_factory=dict)  # column -> Table Schema type


@dataclass
class Snapshot:
    """A release (or the release a raw package would build): its version and its tables by name."""
    version: str | None
    tables: dict[str, Table]


def parse_rows(text: str, key: list[str]) -> dict[tuple, dict[str, str]]:
    return {tuple(r.get(k) or "" for k in key): r for r in csv.DictReader(io.StringIO(text, newline=""))}


NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")  # a Data Package resource or field name


def _table(read: ReleaseReader, res) -> tuple[str, Table]:
    where = f"{read.path} (datapackage.json)"
    if not isinstance(res, dict) or not isinstance(res.get("name"), str) or not NAME.match(res["name"]):
        raise SnapshotError(f"{where}: a resource has no usable name: {printable(repr(res), 80)}")
    schema = res.get("schema")
    if isinstance(schema, str):
        schema = _json(read, schema)
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        raise SnapshotError(f"{where}: resource {res['name']} has no Table Schema with fields")
    columns = [f.get("name") if isinstance(f, dict) else None for f in schema["fields"]]
    if not all(isinstance(c, str) and c for c in columns):
        raise SnapshotError(f"{where}: resource {res['name']} has a field without a name")
    key = schema.get("primaryKey") or []
    key = [key] if isinstance(key, str) else key
    if not isinstance(key, list) or not all(k in columns for k in key):
        raise SnapshotError(f"{where}: the primaryKey of resource {res['name']} names no columns of it")
    types = {f["name"]: f.get("type") if isinstance(f.get("type"), str) else "any" for f in schema["fields"]}
    numeric = {name for name, kind in types.items() if kind in ("number", "integer")}
    try:
        text = read.read(res.get("path"), res["name"]).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SnapshotError(f"{read.path}: the file of {res['name']} is not UTF-8") from None
    kind = res.get("catraffick:kind")
    return res["name"], Table(key, columns, numeric, parse_rows(text, key),
                              kind if isinstance(kind, str) else None, types)


def _json(read: ReleaseReader, rel: str):
    try:
        return json.loads(read.read(rel))
    except (ValueError, UnicodeDecodeError):
        raise SnapshotError(f"{read.path}: {rel} is not valid JSON") from None


def same_value(a: str, b: str, numeric: bool) -> bool:
    if a == b:
        return True
    if numeric and a and b:
        try:
            return float(a) == float(b)
        except ValueError:
            return False
    return False


def read_release(path: Path) -> Snapshot:
    """Every table of a release folder or release zip by name."""
    read = ReleaseReader(path)
    descriptor = _json(read, "datapackage.json")
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        raise SnapshotError(f"{read.path}: its datapackage.json lists no resources")
    version = descriptor.get("version")
    try:
        tables = dict(_table(read, res) for res in resources)
    except csv.Error as exc:
        raise SnapshotError(f"{read.path}: a table is not readable CSV ({exc})") from None
    return Snapshot(version if isinstance(version, str) else None, tables)
