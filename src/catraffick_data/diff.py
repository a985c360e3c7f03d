"""`catraffick diff OLD NEW`: rows added, removed and changed per table between two releases, or a
release and the working raw package. Rows are matched by primary key; numbers are compared as numbers,
so "5" and "5.0" are the same value."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath


class SnapshotError(Exception):
    pass


@dataclass
class Table:
    key: list[str]
    columns: list[str]
    numeric: set[str]
    rows: dict[tuple, dict[str, str]]


def _reader(path: Path):
    """A function reading a file of the package by its relative path, from a folder or a zip."""
    path = Path(path)
    if path.is_file() and zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        names = archive.namelist()
        top = next((PurePosixPath(n).parent for n in names if PurePosixPath(n).name == "datapackage.json"), None)
        if top is None:
            raise SnapshotError(f"{path} holds no datapackage.json")
        return lambda rel: archive.read(str(top / rel) if str(top) != "." else rel)
    if path.is_file() and path.name == "datapackage.json":
        path = path.parent
    if not (path / "datapackage.json").is_file():
        raise SnapshotError(f"{path} is neither a release, a release zip nor a package folder with a datapackage.json")
    return lambda rel: (path / rel).read_bytes()


def load_snapshot(path: Path) -> dict[str, Table]:
    read = _reader(path)
    descriptor = json.loads(read("datapackage.json"))
    tables = {}
    for res in descriptor["resources"]:
        schema = res["schema"]
        if isinstance(schema, str):
            schema = json.loads(read(schema))
        key = schema.get("primaryKey") or []
        key = [key] if isinstance(key, str) else key
        numeric = {f["name"] for f in schema["fields"] if f.get("type") in ("number", "integer")}
        text = read(res["path"]).decode("utf-8-sig")
        records = list(csv.DictReader(io.StringIO(text, newline="")))
        columns = [f["name"] for f in schema["fields"]]
        tables[res["name"]] = Table(key, columns, numeric, {tuple(r.get(k, "") for k in key): r for r in records})
    return tables


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


def diff(old_path: Path, new_path: Path) -> dict:
    old, new = load_snapshot(old_path), load_snapshot(new_path)
    return {
        "old": str(old_path), "new": str(new_path),
        "tables_added": sorted(new.keys() - old.keys()),
        "tables_removed": sorted(old.keys() - new.keys()),
        "tables": {n: diff_tables(old[n], new[n]).__dict__ for n in new if n in old},
    }


def diff_against_nothing(new_path: Path) -> dict:
    new = load_snapshot(new_path)
    return {"old": None, "new": str(new_path), "tables_added": sorted(new), "tables_removed": [],
            "tables": {n: TableDiff(added=sorted("|".join(k) for k in t.rows)).__dict__ for n, t in new.items()}}


def format_text(result: dict, rows_shown: int = 50) -> str:
    lines = []
    for name in result["tables_added"]:
        lines.append(f"table added: {name}")
    for name in result["tables_removed"]:
        lines.append(f"table removed: {name}")
    for name, d in result["tables"].items():
        counts = f"{len(d['added'])} added, {len(d['removed'])} removed, {len(d['changed'])} changed"
        if not (d["added"] or d["removed"] or d["changed"] or d["columns_added"] or d["columns_removed"]):
            continue
        lines.append(f"{name}: {counts}")
        for c in d["columns_added"]:
            lines.append(f"  column added: {c}")
        for c in d["columns_removed"]:
            lines.append(f"  column removed: {c}")
        shown = [f"  + {k}" for k in d["added"]] + [f"  - {k}" for k in d["removed"]]
        for k, cells in d["changed"].items():
            what = "; ".join(f"{c}: {old!r} -> {new!r}" for c, (old, new) in cells.items())
            shown.append(f"  ~ {k}: {what}")
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
    head.append(f"Compared with the previous release ({Path(result['old']).name}).")
    head += ["", "```", format_text(result, rows_shown=10_000), "```", ""]
    return "\n".join(head)
