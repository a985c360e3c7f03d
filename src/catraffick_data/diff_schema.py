"""Changes to the shape of a release between two versions: tables and columns renamed, columns whose
type changed. Each of them breaks a reader's code (versioning.py: a major version).

A release records no history of names, so a rename is recognised by its content: a column removed and
a column added that hold the same values in every row both releases share (and at least one value), or
a table removed and a table added with the same columns and the same rows' keys. Anything else is
reported as removed and added, which is as breaking.
"""
from __future__ import annotations

from dataclasses import dataclass

from .snapshot import Table, same_value


def renamed_columns(old: Table, new: Table, removed: list[str], added: list[str]) -> list[tuple[str, str]]:
    """(old name, new name) of each removed column whose values an added column holds, row by row."""
    shared = sorted(old.rows.keys() & new.rows.keys())
    pairs: list[tuple[str, str]] = []
    taken: set[str] = set()
    for gone in removed:
        values = [old.rows[k].get(gone) or "" for k in shared]
        if not any(values):
            continue  # an empty column "matches" every empty one: no evidence of a rename
        for candidate in added:
            numeric = candidate in new.numeric and gone in old.numeric
            if candidate not in taken and all(same_value(v, new.rows[k].get(candidate) or "", numeric)
                                              for v, k in zip(values, shared)):
                pairs.append((gone, candidate))
                taken.add(candidate)
                break
    return pairs


def retyped_columns(old: Table, new: Table) -> dict[str, list[str]]:
    """Columns both releases have, whose Table Schema type differs: column -> [old type, new type]."""
    return {c: [old.types[c], new.types[c]] for c in new.columns
            if c in old.types and c in new.types and old.types[c] != new.types[c]}


def renamed_tables(old: dict[str, Table], new: dict[str, Table], removed: list[str],
                   added: list[str]) -> list[tuple[str, str]]:
    """(old name, new name) of each removed table that an added table repeats: columns and rows' keys."""
    pairs: list[tuple[str, str]] = []
    taken: set[str] = set()
    for gone in removed:
        before = old[gone]
        for candidate in added:
            after = new[candidate]
            if (candidate not in taken and before.rows and before.columns == after.columns
                    and before.rows.keys() == after.rows.keys()):
                pairs.append((gone, candidate))
                taken.add(candidate)
                break
    return pairs


@dataclass(frozen=True)
class SchemaChange:
    """One change to a release's shape, as a diff's result holds it: `what` ("table added", "column type
    changed"...), the names it is about, old before new (a column's table first), and the bump it needs."""
    what: str
    names: tuple[str, ...]

    @property
    def breaking(self) -> bool:
        return not self.what.endswith("added")

    @property
    def bump(self) -> str:
        return "major" if self.breaking else "minor"

    def words(self, quote) -> str:
        """The change in one line, each name (untrusted: it comes from a release) passed through `quote`."""
        n = [quote(name) for name in self.names]
        if self.what.startswith("table"):
            shown = " -> ".join(n)
        elif self.what == "column type changed":
            shown = f"{n[0]}.{n[1]}: {n[2]} -> {n[3]}"
        else:
            shown = f"{n[0]}." + " -> ".join(n[1:])
        return f"{self.what}: {shown}"


def schema_changes(result: dict) -> list[SchemaChange]:
    """Every table and column added, removed, renamed or retyped in a diff's result, tables first."""
    changes = [SchemaChange("table added", (n,)) for n in result["tables_added"]]
    changes += [SchemaChange("table removed", (n,)) for n in result["tables_removed"]]
    changes += [SchemaChange("table renamed", (a, b)) for a, b in result.get("tables_renamed", [])]
    for name, d in result["tables"].items():
        changes += [SchemaChange("column added", (name, c)) for c in d["columns_added"]]
        changes += [SchemaChange("column removed", (name, c)) for c in d["columns_removed"]]
        changes += [SchemaChange("column renamed", (name, a, b)) for a, b in d.get("columns_renamed", [])]
        changes += [SchemaChange("column type changed", (name, c, a, b))
                    for c, (a, b) in d.get("columns_retyped", {}).items()]
    return changes
