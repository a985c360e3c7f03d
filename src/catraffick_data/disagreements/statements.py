"""Rules 1 and 4: figures of one statement that cannot both be right, as ONE register entry per
statement (every competing value of it), not one per pair.

A statement is a table, measure, place, period, subgroup and the table's dimensions. In a table whose
periods are periods in force (a law's provision holds from one date to another), the period is not part
of the statement: two figures are compared when their periods overlap, or when either is undated.
"""
from __future__ import annotations

import math
from itertools import combinations

import pandas as pd

from .base import POINT, Conflict, RuleInput, about, groups
from .figures import disjoint, period_text, point, show

STATEMENT = ["table", "measure", "geography", "period_start", "period_end", "subgroup", "dims"]
UNDATED = STATEMENT[:3] + STATEMENT[5:]


def _overlap(a, b) -> bool:
    """Whether two periods in force share a day; an undated one may share any."""
    if pd.isna(a.period_start) or pd.isna(b.period_start):
        return True
    return a.period_start <= b.period_end and b.period_start <= a.period_end


def _disagreeing(group: pd.DataFrame, in_force: bool) -> list[tuple]:
    rows = [r for r in group.itertuples(index=False) if r.interval is not None]
    return [(a, b) for a, b in combinations(rows, 2)
            if a.source != b.source and (not in_force or _overlap(a, b)) and disjoint(a.interval, b.interval)]


def _gap(a, b) -> float | None:
    low, high = sorted([a, b], key=lambda r: r.interval[0])
    gap = high.interval[0] - low.interval[1]
    return max(gap, 0.0) if math.isfinite(gap) else None


def _statement_groups(data: RuleInput):
    figs = data.figures
    dated = figs[~figs["table"].isin(data.in_force)]
    for group in groups(dated, STATEMENT):
        yield group, False
    for group in groups(figs[figs["table"].isin(data.in_force)], UNDATED):
        yield group, True


def same_statement(data: RuleInput) -> list[Conflict]:
    """Rules 1 and 4: different sources give one statement values that cannot both hold.

    Tolerance: each figure is read as the interval its qualifier and rounding allow (figures.interval):
    two figures disagree only when their intervals do not meet, so "31%" agrees with "30.9%" and a value
    within an "about" agrees; exact counts must be equal (1,304 against 1,305 disagrees). Rows that
    differ in subgroup or dimensions are never compared. One entry per statement names every figure of
    it that disagrees with another: `different_values` (found by same_key_different_values) when every
    disagreeing pair is of two point figures (exact, about, nearly), else `incompatible_bounds`.
    """
    found = []
    for group, in_force in _statement_groups(data):
        pairs = _disagreeing(group, in_force)
        if not pairs:
            continue
        members = {r.figure_id: r for pair in pairs for r in pair}
        rows = sorted(members.values(), key=lambda r: (point(r), r.figure_id))
        points = all(a.qualifier in POINT and b.qualifier in POINT for a, b in pairs)
        values = "; ".join(f"{show(r)}{'' if r.qualifier in POINT else f' ({r.qualifier})'} from {r.source}"
                           + (f" in force {period_text(r)}" if in_force else "") for r in rows)
        first = rows[0]
        where = about(first) if not in_force else f"{first.measure}, {first.geography}, {first.subgroup}"
        if points:
            spread = point(rows[-1]) - point(rows[0])
            found.append(Conflict("different_values", sorted(members), f"{where}: {values}; the values span "
                                  f"{point(rows[0]):g} to {point(rows[-1]):g} ({spread:g}).",
                                  "same_key_different_values", spread, first.unit))
        else:
            gaps = [g for g in (_gap(a, b) for a, b in pairs) if g is not None]
            found.append(Conflict("incompatible_bounds", sorted(members),
                                  f"{where}: {values}; " + "; ".join(
                                      f"{a.figure_id} and {b.figure_id} cannot both hold" for a, b in pairs) + ".",
                                  "incompatible_bounds", max(gaps) if gaps else None, first.unit))
    return found
