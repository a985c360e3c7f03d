"""Conflicts that a change opens, closes or regroups: the register (the table of kind `register`)
compared entry by entry. A conflict found by a rule keeps its id while the rows involved stay the same,
so an id that appears is a new disagreement and one that disappears is one no longer there; but a row
that joins (or leaves) a conflict gives it another id, so an entry that disappears and one that appears
of the same kind, sharing rows, are one conflict whose rows changed ("regrouped")."""
from __future__ import annotations

from .snapshot import Table

OPEN = "open"
SHOWN = ("conflict_id", "status", "kind", "figures", "description")
KINDS = ("new", "reopened", "regrouped", "closed")  # the changes a diff lists, in its order


def _register(tables: dict[str, Table]) -> tuple[str, Table] | tuple[None, None]:
    for name, table in tables.items():
        if table.kind == "register":
            return name, table
    return None, None


def _entry(row: dict[str, str], key: tuple) -> dict[str, str]:
    entry = {c: row.get(c) or "" for c in SHOWN}
    entry["conflict_id"] = entry["conflict_id"] or "|".join(key)
    return entry


def _rows(entry: dict[str, str]) -> set[str]:
    return {f for f in entry["figures"].split(";") if f}


def _regrouped(new: list[dict], gone: list[dict]) -> list[dict]:
    """Pairs of a new entry and a vanished one of the same kind that share rows (the most shared first),
    taken out of `new` and `gone`: each entry as it is now, with the id it had and the rows it gained or lost."""
    out = []
    for entry in list(new):
        shared = [(len(_rows(entry) & _rows(g)), i) for i, g in enumerate(gone)
                  if g["kind"] == entry["kind"] and _rows(entry) & _rows(g)]
        if not shared:
            continue
        was = gone.pop(max(shared)[1])
        new.remove(entry)
        out.append({**entry, "was": was["conflict_id"], "rows_added": sorted(_rows(entry) - _rows(was)),
                    "rows_removed": sorted(_rows(was) - _rows(entry))})
    return out


def conflict_id_words(entry: dict, quote) -> str:
    """A conflict's id, or for a regrouped one its old id -> its new id and the rows it gained or lost;
    every value (untrusted: it comes from a release) passed through `quote`."""
    if "was" not in entry:
        return quote(entry["conflict_id"])
    moved = [f"rows {what} " + ", ".join(quote(r) for r in entry[f"rows_{what}"])
             for what in ("added", "removed") if entry[f"rows_{what}"]]
    return f"{quote(entry['was'])} -> {quote(entry['conflict_id'])} ({'; '.join(moved)})"


def conflict_changes(old: dict[str, Table], new: dict[str, Table]) -> dict:
    """New, reopened, closed and regrouped conflicts: entries added to the register or whose status became
    `open`; entries removed from it or whose status is no longer `open` (explained, fixed upstream); and
    entries whose rows changed, so that their id did."""
    name, after = _register(new)
    _, before = _register(old)
    out = {"table": name, **{what: [] for what in KINDS}}
    if after is None or before is None:
        return out
    added = [_entry(after.rows[key], key) for key in sorted(after.rows.keys() - before.rows.keys())]
    gone = [{**_entry(before.rows[key], key), "status": "no longer found"}
            for key in sorted(before.rows.keys() - after.rows.keys())]
    out["regrouped"] = _regrouped(added, gone)
    out["new"], out["closed"] = added, gone
    for key in sorted(after.rows.keys() & before.rows.keys()):
        was, now = before.rows[key].get("status"), after.rows[key].get("status")
        if was != now and now == OPEN:
            out["reopened"].append(_entry(after.rows[key], key))
        elif was != now and was == OPEN:
            out["closed"].append(_entry(after.rows[key], key))
    return out
