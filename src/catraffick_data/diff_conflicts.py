"""Conflicts that a change opens or closes: the register (the table of kind `register`) compared entry
by entry. A conflict found by a rule keeps its id while the rows involved stay the same, so an id that
appears is a new disagreement and one that disappears is one no longer there."""
from __future__ import annotations

from .snapshot import Table

OPEN = "open"
SHOWN = ("conflict_id", "status", "kind", "figures", "description")


def _register(tables: dict[str, Table]) -> tuple[str, Table] | tuple[None, None]:
    for name, table in tables.items():
        if table.kind == "register":
            return name, table
    return None, None


def _entry(row: dict[str, str], key: tuple) -> dict[str, str]:
    entry = {c: row.get(c) or "" for c in SHOWN}
    entry["conflict_id"] = entry["conflict_id"] or "|".join(key)
    return entry


def conflict_changes(old: dict[str, Table], new: dict[str, Table]) -> dict:
    """New, reopened and closed conflicts: entries added to the register or whose status became `open`;
    entries removed from it or whose status is no longer `open` (explained, fixed upstream)."""
    name, after = _register(new)
    _, before = _register(old)
    out = {"table": name, "new": [], "reopened": [], "closed": []}
    if after is None or before is None:
        return out
    for key in sorted(after.rows.keys() - before.rows.keys()):
        out["new"].append(_entry(after.rows[key], key))
    for key in sorted(before.rows.keys() - after.rows.keys()):
        out["closed"].append({**_entry(before.rows[key], key), "status": "no longer found"})
    for key in sorted(after.rows.keys() & before.rows.keys()):
        was, now = before.rows[key].get("status"), after.rows[key].get("status")
        if was != now and now == OPEN:
            out["reopened"].append(_entry(after.rows[key], key))
        elif was != now and was == OPEN:
            out["closed"].append(_entry(after.rows[key], key))
    return out
