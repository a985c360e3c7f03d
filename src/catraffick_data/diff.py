"""`catraffick diff OLD NEW`: rows added, removed and changed per table between two releases, or a
release and the working raw package. Rows are matched by primary key; numbers are compared as numbers,
so "5" and "5.0" are the same value. A raw package is compared as the release it would build
(rawsnapshot.py), so a release and a checkout are compared like with like."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .diff_conflicts import KINDS, conflict_changes, conflict_id_words
from .diff_schema import renamed_columns, renamed_tables, retyped_columns, schema_changes
from .printable import escape, path_text, printable
from .rawsnapshot import is_package_folder, raw_snapshot
from .snapshot import Snapshot, Table, read_release, same_value


def load_snapshot(path: Path) -> Snapshot:
    """Every table of a release folder or release zip by name, or of the release a package folder (a
    checkout: schemas/ and raw/) would build."""
    if is_package_folder(Path(path)):
        return raw_snapshot(Path(path))
    return read_release(path)


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


def _cells(row: dict[str, str]) -> dict[str, str]:
    return {c: v for c, v in row.items() if isinstance(c, str) and v}


def diff_tables(old: Table, new: Table) -> TableDiff:
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
                 if not same_value(a.get(c, ""), b.get(c, ""), c in new.numeric)}
        if cells:
            out.changed[name(k)] = cells
    return out


def diff(old_path: Path, new_path: Path, old: Snapshot | None = None, new: Snapshot | None = None) -> dict:
    """What changed from the release at `old_path` to the one at `new_path`; `old`, `new`: their
    snapshots, if already read (a build reads its --previous before any work, to refuse an unusable one
    early). Says which version bump the change needs (versioning.py)."""
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


def outcome(result: dict, check_version: bool) -> tuple[int, str]:
    """The exit status of `catraffick diff` and what it means: whether the releases differ or, with
    `check_version`, whether the new version is bumped as the change needs (versioning.check; a version
    that is not MAJOR.MINOR.PATCH raises VersionError)."""
    from .versioning import check

    if check_version:
        if check(result).ok:
            return 0, "the version is bumped as the change needs"
        return 1, "the version is not bumped enough"
    return (1, "the releases differ") if result.get("bump") is not None else (0, "they do not differ")


def diff_against_nothing(new_path: Path, new: Snapshot | None = None) -> dict:
    new = new if new is not None else load_snapshot(new_path)
    return {"old": None, "new": path_text(new_path), "versions": {"old": None, "new": new.version},
            "tables_added": sorted(new.tables), "tables_removed": [], "tables_renamed": [],
            "tables": {n: TableDiff(added=sorted("|".join(k) for k in t.rows), key=list(t.key), kind=t.kind).__dict__
                       for n, t in new.tables.items()},
            "conflicts": {"table": None, **{what: [] for what in KINDS}}, "bump": None}


def format_text(result: dict, rows_shown: int = 50) -> str:
    from .versioning import verdict

    lines = [change.words(printable) + (" (breaking)" if change.breaking else "") for change in schema_changes(result)]
    for name, d in result["tables"].items():
        if not (d["added"] or d["removed"] or d["changed"]):
            continue
        lines.append(f"{escape(name)}: {len(d['added'])} added, {len(d['removed'])} removed, {len(d['changed'])} changed")
        shown = [f"  + {printable(k)}" for k in d["added"]] + [f"  - {printable(k)}" for k in d["removed"]]
        for k, cells in d["changed"].items():
            what = "; ".join(f"{printable(c)}: {printable(old)!r} -> {printable(new)!r}"
                             for c, (old, new) in cells.items())
            shown.append(f"  ~ {printable(k)}: {what}")
        lines += shown[:rows_shown]
        if len(shown) > rows_shown:
            lines.append(f"  ... and {len(shown) - rows_shown} more")
    conflicts = result.get("conflicts") or {}
    for what in KINDS:
        for c in conflicts.get(what, []):
            lines.append(f"conflict {what}: {conflict_id_words(c, printable)} ({printable(c['status'])}): "
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
