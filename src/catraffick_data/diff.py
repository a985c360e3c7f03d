"""`catraffick diff OLD NEW`: rows added, removed and changed per table between two releases, or a
release and the working raw package. Rows are matched by primary key; numbers are compared as numbers,
so "5" and "5.0" are the same value. A raw package is compared as the release it would build
(rawsnapshot.py), so a release and a checkout are compared like with like."""
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


def load_snapshot(path: Path) -> Snapshot:
    """Every table of a release folder or release zip by name, or of the release a package folder (a
    checkout: schemas/ and raw/) would build."""
    from .rawsnapshot import is_package_folder, raw_snapshot

    if is_package_folder(Path(path)):
        return raw_snapshot(Path(path))
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
    columns_renamed: list[list[str]] = field(default_factory=list)  # [old name, new name]
    columns_retyped: dict[str, list[str]] = field(default_factory=dict)  # column -> [old type, new type]
    key: list[str] = field(default_factory=list)  # what the keys of added, removed and changed are
    kind: str | None = None
    added_cells: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> its non-empty cells
    removed_cells: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.columns_added or self.columns_removed
                    or self.columns_renamed or self.columns_retyped)


def _cells(row: dict[str, str]) -> dict[str, str]:
    return {c: v for c, v in row.items() if isinstance(c, str) and v}


def diff_tables(old: Table, new: Table) -> TableDiff:
    from .diff_schema import renamed_columns, retyped_columns

    added = [c for c in new.columns if c not in old.columns]
    removed = [c for c in old.columns if c not in new.columns]
    renamed = renamed_columns(old, new, removed, added)
    out = TableDiff(columns_added=[c for c in added if c not in {n for _, n in renamed}],
                    columns_removed=[c for c in removed if c not in {o for o, _ in renamed}],
                    columns_renamed=[list(pair) for pair in renamed],
                    columns_retyped=retyped_columns(old, new), key=list(new.key), kind=new.kind)
    shared = [c for c in new.columns if c in old.columns]
    name = "|".join
    out.added = sorted(name(k) for k in new.rows.keys() - old.rows.keys())
    out.removed = sorted(name(k) for k in old.rows.keys() - new.rows.keys())
    out.added_cells = {name(k): _cells(new.rows[k]) for k in new.rows.keys() - old.rows.keys()}
    out.removed_cells = {name(k): _cells(old.rows[k]) for k in old.rows.keys() - new.rows.keys()}
    for k in sorted(new.rows.keys() & old.rows.keys()):
        a, b = old.rows[k], new.rows[k]
        cells = {c: [a.get(c, ""), b.get(c, "")] for c in shared
                 if not _same(a.get(c, ""), b.get(c, ""), c in new.numeric)}
        if cells:
            out.changed[name(k)] = cells
    return out


def diff(old_path: Path, new_path: Path, old: Snapshot | None = None, new: Snapshot | None = None) -> dict:
    """What changed from the release at `old_path` to the one at `new_path`; `old`, `new`: their
    snapshots, if already read (a build reads its --previous before any work, to refuse an unusable one
    early). Says which version bump the change needs (versioning.py)."""
    from .diff_conflicts import conflict_changes
    from .diff_schema import renamed_tables
    from .versioning import required_bump

    old = old if old is not None else load_snapshot(old_path)
    new = new if new is not None else load_snapshot(new_path)
    added, removed = sorted(new.tables.keys() - old.tables.keys()), sorted(old.tables.keys() - new.tables.keys())
    renamed = renamed_tables(old.tables, new.tables, removed, added)
    result = {
        "old": path_text(old_path), "new": path_text(new_path),
        "versions": {"old": old.version, "new": new.version},
        "tables_added": [n for n in added if n not in {b for _, b in renamed}],
        "tables_removed": [n for n in removed if n not in {a for a, _ in renamed}],
        "tables_renamed": [list(pair) for pair in renamed],
        "tables": {n: diff_tables(old.tables[n], new.tables[n]).__dict__ for n in new.tables if n in old.tables},
        "conflicts": conflict_changes(old.tables, new.tables),
    }
    result["bump"] = required_bump(result)
    return result


def differs(result: dict) -> bool:
    """Whether the two releases differ in any table, column or row."""
    from .versioning import required_bump

    return required_bump(result) is not None


def diff_against_nothing(new_path: Path, new: Snapshot | None = None) -> dict:
    new = new if new is not None else load_snapshot(new_path)
    return {"old": None, "new": path_text(new_path), "versions": {"old": None, "new": new.version},
            "tables_added": sorted(new.tables), "tables_removed": [], "tables_renamed": [],
            "tables": {n: TableDiff(added=sorted("|".join(k) for k in t.rows), key=list(t.key), kind=t.kind).__dict__
                       for n, t in new.tables.items()},
            "conflicts": {"table": None, "new": [], "closed": [], "reopened": []}, "bump": None}


def format_text(result: dict, rows_shown: int = 50) -> str:
    from .versioning import verdict

    lines = []
    for name in result["tables_added"]:
        lines.append(f"table added: {escape(name)}")
    for name in result["tables_removed"]:
        lines.append(f"table removed: {escape(name)} (breaking)")
    for old, new in result.get("tables_renamed", []):
        lines.append(f"table renamed: {escape(old)} -> {escape(new)} (breaking)")
    for name, d in result["tables"].items():
        counts = f"{len(d['added'])} added, {len(d['removed'])} removed, {len(d['changed'])} changed"
        if TableDiff(**d).empty:
            continue
        lines.append(f"{escape(name)}: {counts}")
        for c in d["columns_added"]:
            lines.append(f"  column added: {printable(c)}")
        for c in d["columns_removed"]:
            lines.append(f"  column removed: {printable(c)} (breaking)")
        for old, new in d.get("columns_renamed", []):
            lines.append(f"  column renamed: {printable(old)} -> {printable(new)} (breaking)")
        for c, (old, new) in d.get("columns_retyped", {}).items():
            lines.append(f"  column type changed: {printable(c)}: {printable(old)} -> {printable(new)} (breaking)")
        shown = [f"  + {printable(k)}" for k in d["added"]] + [f"  - {printable(k)}" for k in d["removed"]]
        for k, cells in d["changed"].items():
            what = "; ".join(f"{printable(c)}: {printable(old)!r} -> {printable(new)!r}"
                             for c, (old, new) in cells.items())
            shown.append(f"  ~ {printable(k)}: {what}")
        lines += shown[:rows_shown]
        if len(shown) > rows_shown:
            lines.append(f"  ... and {len(shown) - rows_shown} more")
    conflicts = result.get("conflicts") or {}
    for what in ("new", "reopened", "closed"):
        for c in conflicts.get(what, []):
            lines.append(f"conflict {what}: {printable(c['conflict_id'])} ({printable(c['status'])}): "
                         f"{printable(c['description'])}")
    if not lines:
        lines.append("no differences")
    if result.get("old") is not None:
        lines.append(verdict(result))
    return "\n".join(lines)


def changelog(version: str, result: dict, heading: str | None = None) -> str:
    """The release CHANGELOG: what changed in the data, table by table; `heading` replaces the
    version as its title (a build of changes not yet released says so)."""
    head = ["# Changelog", "", f"## {heading or version}", ""]
    if result["old"] is None:
        head.append("First release: every row is new.")
        head.append("")
        head += [f"- {name}: {len(d['added'])} rows" for name, d in result["tables"].items()]
        return "\n".join(head) + "\n"
    head.append(f"Compared with the previous release ({path_text(Path(result['old']).name)}).")
    head += ["", "```", format_text(result, rows_shown=10_000), "```", ""]
    return "\n".join(head)
