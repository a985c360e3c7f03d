"""The conflict register of a release: curated entries from raw/conflicts.csv, then every conflict the
rules find, and the columns that flag each figure row taking part in one."""
from __future__ import annotations

import pandas as pd

from ..rawpackage import RawPackage
from .figures import figure_frame
from .rules import Conflict, RuleInput, run_rules


def find_conflicts(package: RawPackage, frames: dict[str, pd.DataFrame]) -> list[Conflict]:
    figs = figure_frame(package, frames)
    listed = {t.name: sorted(frames[t.name][t.primary_key[0]].dropna())
              for t in package.model.of_kind("listed") if t.name in frames}
    breakdowns = frames.get("breakdowns", pd.DataFrame())
    found = run_rules(RuleInput(figs, breakdowns, listed))
    ranks = dict(zip(figs["figure_id"], zip(figs["statement_rank"], figs["rank_reason"])))
    for conflict in found:
        deprecated = [f for f in conflict.figures if ranks.get(f, ("",))[0] == "deprecated"]
        if deprecated:
            conflict.status = "explained"
            conflict.notes = " ".join(f"{f} is deprecated: {ranks[f][1]}" for f in deprecated)
    return found


def register(package: RawPackage, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Curated entries first, then found conflicts ordered by rule and rows; one row each."""
    curated = frames.get(package.model.of_kind("register")[0].name)
    columns = package.model.of_kind("register")[0].field_names
    found = find_conflicts(package, frames)
    rows = [{
        "conflict_id": c.conflict_id, "kind": c.kind, "figures": ";".join(c.figures),
        "description": c.description, "magnitude": c.magnitude, "magnitude_unit": c.magnitude_unit,
        "found_by": c.found_by, "status": c.status, "notes": c.notes,
    } for c in sorted(found, key=lambda c: (c.found_by, c.figures))]
    found_frame = pd.DataFrame(rows, columns=columns).astype({"magnitude": "float64"})
    for col in columns:
        if col != "magnitude":
            found_frame[col] = found_frame[col].astype("str")
    parts = [p for p in (curated, found_frame) if p is not None and len(p)]
    if not parts:
        return found_frame
    return pd.concat(parts, ignore_index=True)[columns]


def flag_figures(frame: pd.DataFrame, conflicts: pd.DataFrame) -> pd.DataFrame:
    """Add `in_conflict` and `conflict_ids` (the register's ids, `;`-separated) to a figure table."""
    by_figure: dict[str, list[str]] = {}
    for cid, figures in zip(conflicts["conflict_id"], conflicts["figures"]):
        for fid in figures.split(";"):
            by_figure.setdefault(fid, []).append(cid)
    ids = frame["figure_id"].map(lambda f: ";".join(sorted(by_figure.get(f, []))) or None)
    out = frame.copy()
    out["in_conflict"] = pd.array(ids.notna(), dtype="boolean")
    out["conflict_ids"] = pd.array(ids, dtype="str")
    return out
