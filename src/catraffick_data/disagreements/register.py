"""The conflict register of a release: curated entries from raw/conflicts.csv, then every conflict the
rules find, each with the status and evidence of its judgment (raw/conflict_judgments.csv), and the
columns that flag each figure row taking part in one."""
from __future__ import annotations

import pandas as pd

from ..rawpackage import RawPackage
from .base import Conflict, RuleInput
from .figures import figure_frame
from .rules import run_rules


def find_conflicts(package: RawPackage, frames: dict[str, pd.DataFrame]) -> list[Conflict]:
    """Every conflict the rules find; one with a deprecated figure is `resolved` by that rank."""
    figs = figure_frame(package, frames)
    model = package.model
    listed = {t.name: sorted(frames[t.name][t.primary_key[0]].dropna()) for t in model.of_kind("listed") if t.name in frames}
    in_force = {t.name for t in model.figure_tables if t.periods == "in_force"}
    found = run_rules(RuleInput(figs, frames.get("breakdowns", pd.DataFrame()), listed, in_force))
    ranks = dict(zip(figs["figure_id"], zip(figs["statement_rank"], figs["rank_reason"])))
    for conflict in found:
        deprecated = [f for f in conflict.figures if ranks.get(f, ("",))[0] == "deprecated"]
        if deprecated:
            conflict.status = "resolved"
            conflict.notes = " ".join(f"{f} is deprecated: {ranks[f][1]}" for f in deprecated)
    return found


def judge(found: list[Conflict], judgments: pd.DataFrame | None) -> list[int]:
    """Give each found conflict the status and evidence of its judgment (matched by rule and exact rows);
    return the positions of the judgments that match no conflict (stale: their rows changed)."""
    if judgments is None or judgments.empty:
        return []
    by_key = {(c.found_by, tuple(sorted(c.figures))): c for c in found}
    stale = []
    for i, (rule, figures, status, evidence) in enumerate(
            zip(judgments["found_by"], judgments["figures"], judgments["status"], judgments["evidence"])):
        conflict = by_key.get((rule, tuple(sorted(str(figures).split(";")))))
        if conflict is None:
            stale.append(i)
            continue
        conflict.status, conflict.notes = status, evidence
    return stale


def nearest_conflicts(found: list[Conflict], rule: str, figures: str) -> list[str]:
    """Conflicts of `rule` that share a row with `figures`: what a stale judgment probably meant."""
    rows = set(str(figures).split(";"))
    return [f"{c.conflict_id} ({';'.join(c.figures)})" for c in found if c.found_by == rule and rows & set(c.figures)]


def register(package: RawPackage, frames: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, list[Conflict], list[int]]:
    """Curated entries first, then found conflicts ordered by rule and rows, one row each; with the
    found conflicts and the positions of stale judgments."""
    table = package.model.of_kind("register")[0]
    judgments = next((frames.get(t.name) for t in package.model.of_kind("judgment")), None)
    found = find_conflicts(package, frames)
    stale = judge(found, judgments)
    rows = [{
        "conflict_id": c.conflict_id, "kind": c.kind, "figures": ";".join(c.figures),
        "description": c.description, "magnitude": c.magnitude, "magnitude_unit": c.magnitude_unit,
        "found_by": c.found_by, "status": c.status, "notes": c.notes,
    } for c in sorted(found, key=lambda c: (c.found_by, c.figures))]
    found_frame = pd.DataFrame(rows, columns=table.field_names).astype({"magnitude": "float64"})
    for col in table.field_names:
        if col != "magnitude":
            found_frame[col] = found_frame[col].astype("str")
    parts = [p for p in (frames.get(table.name), found_frame) if p is not None and len(p)]
    frame = pd.concat(parts, ignore_index=True)[table.field_names] if parts else found_frame
    return frame, found, stale


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
