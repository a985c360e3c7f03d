"""`catraffick diff OLD NEW`: rows added, removed and changed per table between two releases, or a
release and the working raw package. Rows are matched by primary key; numbers are compared as numbers,
so "5" and "5.0" are the same value."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .printable import escape, path_text, printable
from .releasereader import ReleaseReader, SnapshotError


@dataclass
class Table:
    key: list[str]
    columns: list[str]
    numeric: set[str]
    rows: dict[tuple, dict[str, str]]


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
    numeric = {f["name"] for f in schema["fields"] if f.get("type") in ("number", "integer")}
    try:
        text = read.read(res.get("path"), res["name"]).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SnapshotError(f"{read.path}: the file of {res['name']} is not UTF-8") from None
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    return res["name"], Table(key, columns, numeric, {tuple(r.get(k) or "" for k in key): r for r in records})


def _json(read: ReleaseReader, rel: str):
    try:
        return json.loads(read.read(rel))
    except (ValueError, UnicodeDecodeError):
        raise SnapshotError(f"{read.path}: {rel} is not valid JSON") from None


def load_snapshot(path: Path) -> dict[str, Table]:
    """Every table of a release folder, release zip or package folder, by name."""
    read = ReleaseReader(path)
    descriptor = _json(read, "datapackage.json")
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        raise SnapshotError(f"{read.path}: its datapackage.json lists no resources")
    try:
        return dict(_table(read, res) for res in resources)
    except csv.Error as exc:
        raise SnapshotError(f"{read.path}: a table is not readable CSV ({exc})") from None


def _same(a: str, b: str, numeric: bool) -> bool:
    if a == b:
        return True
    if numeric and a and b:
        try:
            return float(a) == float(b)
        except ValueError:
            return False
    return False


@dataclass
class TableDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.columns_added or self.columns_removed)


def diff_tables(old: Table, new: Table) -> TableDiff:
    out = TableDiff(columns_added=[c for c in new.columns if c not in old.columns],
                    columns_removed=[c for c in old.columns if c not in new.columns])
    shared = [c for c in new.columns if c in old.columns]
    name = "|".join
    out.added = sorted(name(k) for k in new.rows.keys() - old.rows.keys())
    out.removed = sorted(name(k) for k in old.rows.keys() - new.rows.keys())
    for k in sorted(new.rows.keys() & old.rows.keys()):
        a, b = old.rows[k], new.rows[k]
        cells = {c: [a.get(c, ""), b.get(c, "")] for c in shared
                 if not _same(a.get(c, ""), b.get(c, ""), c in new.numeric)}
        if cells:
            out.changed[name(k)] = cells
    return out


def diff(old_path: Path, new_path: Path, old: dict[str, Table] | None = None) -> dict:
    """What changed from the release at `old_path` to the one at `new_path`; `old`: its tables, if
    already read (a build reads its --previous before any work, to refuse an unusable one early)."""
    old, new = old if old is not None else load_snapshot(old_path), load_snapshot(new_path)
    return {
        "old": path_text(old_path), "new": path_text(new_path),
        "tables_added": sorted(new.keys() - old.keys()),
        "tables_removed": sorted(old.keys() - new.keys()),
        "tables": {n: diff_tables(old[n], new[n]).__dict__ for n in new if n in old},
    }


def diff_against_nothing(new_path: Path) -> dict:
    new = load_snapshot(new_path)
    return {"old": None, "new": path_text(new_path), "tables_added": sorted(new), "tables_removed": [],
            "tables": {n: TableDiff(added=sorted("|".join(k) for k in t.rows)).__dict__ for n, t in new.items()}}


def format_text(result: dict, rows_shown: int = 50) -> str:
    lines = []
    for name in result["tables_added"]:
        lines.append(f"table added: {escape(name)}")
    for name in result["tables_removed"]:
        lines.append(f"table removed: {escape(name)}")
    for name, d in result["tables"].items():
        counts = f"{len(d['added'])} added, {len(d['removed'])} removed, {len(d['changed'])} changed"
        if not (d["added"] or d["removed"] or d["changed"] or d["columns_added"] or d["columns_removed"]):
            continue
        lines.append(f"{name}: {counts}")
        for c in d["columns_added"]:
            lines.append(f"  column added: {printable(c)}")
        for c in d["columns_removed"]:
            lines.append(f"  column removed: {printable(c)}")
        shown = [f"  + {printable(k)}" for k in d["added"]] + [f"  - {printable(k)}" for k in d["removed"]]
        for k, cells in d["changed"].items():
            what = "; ".join(f"{printable(c)}: {printable(old)!r} -> {printable(new)!r}"
                             for c, (old, new) in cells.items())
            shown.append(f"  ~ {printable(k)}: {what}")
        lines += shown[:rows_shown]
        if len(shown) > rows_shown:
            lines.append(f"  ... and {len(shown) - rows_shown} more")
    return "\n".join(lines) if lines else "no differences"


def changelog(version: str, result: dict) -> str:
    """The release CHANGELOG: what changed in the data, table by table."""
    head = ["# Changelog", "", f"## {version}", ""]
    if result["old"] is None:
        head.append("First release: every row is new.")
        head.append("")
        head += [f"- {name}: {len(d['added'])} rows" for name, d in result["tables"].items()]
        return "\n".join(head) + "\n"
    head.append(f"Compared with the previous release ({path_text(Path(result['old']).name)}).")
    head += ["", "```", format_text(result, rows_shown=10_000), "```", ""]
    return "\n".join(head)
