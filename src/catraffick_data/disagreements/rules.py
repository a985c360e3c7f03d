"""The rules that find conflicts at build time. Each is a small function over all figure rows; each
states its tolerance in its docstring; none ever edits a value.

Intervals (see figures.interval): an exact count is exactly itself; any other exact figure allows half
a unit of its last written digit either way ("31%" is 30.5-31.5); "about" 10% either way; "nearly" up to 10% below; "at least"/"more than"
anything above; "up to"/"less than" anything below; a range its two ends, rounded the same way.
"""
from __future__ import annotations

from itertools import combinations

import pandas as pd

from .base import Conflict, RuleInput, groups as _groups
from .figures import disjoint, period_text, point, show
from .statements import same_statement

def _sum_interval(parts: pd.DataFrame) -> tuple[float, float]:
    return (sum(r.interval[0] for r in parts.itertuples()), sum(r.interval[1] for r in parts.itertuples()))


def parts_vs_total(data: RuleInput) -> list[Conflict]:
    """Rule 2: the parts of a breakdown against their stated total, or against 100% for shares.

    Tolerance: each part and the total keep their own rounding intervals, which add up; so three
    shares rounded to whole percents may add to 99 or 101. An exhaustive breakdown (unknowns included)
    fires when the parts cannot add up to the total; a breakdown the source does not call exhaustive
    fires only when its parts must exceed the total.
    """
    figs = data.figures
    found = []
    for b in data.breakdowns.itertuples(index=False):
        if isinstance(b.items_table, str):
            continue  # items listed in another table: rule 3
        parts = figs[(figs["breakdown"] == b.breakdown_id) & figs["interval"].notna()]
        if parts.empty:
            continue
        if isinstance(b.total_figure, str):
            totals = figs[figs["figure_id"] == b.total_figure]
            if totals.empty or totals.iloc[0]["interval"] is None:
                continue
            total = next(totals.itertuples(index=False))
            total_iv, total_value, unit = total.interval, point(total), total.unit
            total_text = show(total)
        else:
            total_iv, total_value, unit, total_text = (100.0, 100.0, False, False), 100.0, "percent", "100%"
        if (parts["unit"] != unit).any():
            continue
        lo, hi = _sum_interval(parts)
        sum_iv = (lo, hi, False, False)
        stated = sum(point(r) for r in parts.itertuples(index=False))
        terms = " + ".join(f"{point(r):g}" for r in parts.itertuples(index=False))
        exceeds = lo > total_iv[1] or (lo == total_iv[1] and total_iv[3])
        if (b.exhaustive and disjoint(sum_iv, total_iv)) or (not b.exhaustive and exceeds):
            unaccounted = total_value - stated
            what = (f"{abs(unaccounted):g} unaccounted" if unaccounted > 0 else f"{-unaccounted:g} more than the total")
            ids = list(parts["figure_id"]) + ([b.total_figure] if isinstance(b.total_figure, str) else [])
            kind_of = "an exhaustive" if b.exhaustive else "a partial"
            found.append(Conflict(
                "parts_vs_total", ids,
                f"Breakdown {b.breakdown_id} ({kind_of} split by {b.dimension}): {terms} = {stated:g}, "
                f"against a total of {total_text}: {what}.",
                "parts_vs_total", unaccounted, unit))
    return found


def count_vs_list(data: RuleInput) -> list[Conflict]:
    """Rule 3: a stated number of items against the items listed (a breakdown whose `items_table` names
    the table of listed items).

    Tolerance: none for an exact count (the list has exactly that many rows); an "about", "at least"
    or range count is read by its interval. A list the source does not call complete fires only when
    it is longer than the count allows.
    """
    figs = data.figures
    found = []
    for b in data.breakdowns.itertuples(index=False):
        if not isinstance(b.items_table, str) or not isinstance(b.total_figure, str):
            continue
        totals = figs[figs["figure_id"] == b.total_figure]
        items = data.listed.get(b.items_table, [])
        if totals.empty or totals.iloc[0]["interval"] is None:
            continue
        total = next(totals.itertuples(index=False))
        n = len(items)
        count_iv = (float(n), float(n), False, False)
        too_many = n > total.interval[1] or (n == total.interval[1] and total.interval[3])
        if (b.exhaustive and disjoint(count_iv, total.interval)) or (not b.exhaustive and too_many):
            found.append(Conflict(
                "count_vs_list", [b.total_figure, *items],
                f"{show(total)} states {point(total):g} {b.dimension.replace('_', ' ')}s; "
                f"{b.items_table} lists {n} ({items[0]} to {items[-1]}): {n - point(total):+g}.",
                "count_vs_list", n - point(total), "count"))
    return found


def _touch(a, b) -> bool:
    """Whether two periods overlap or one starts the day after the other ends."""
    day = pd.Timedelta(days=1)
    return a.period_start <= b.period_end + day and b.period_start <= a.period_end + day


def conflicting_periods(data: RuleInput) -> list[Conflict]:
    """Rule 5a: one figure given with different periods by different sources: the same measure, place,
    subgroup, dimensions and number (an equal value, or equal range ends, whose intervals meet), both
    periods known and different. Pairs of sources that do this for several figures make one conflict.
    Figures of tables whose periods are periods in force (laws) are not compared: a law that keeps a
    figure from one version to the next states it for both periods.

    Tolerance: values must be equal as numbers and their intervals must meet ("nearly 500" and "more
    than 500" are not the same figure). Where the sources give the statement for three periods or more,
    it is a series, and only periods that overlap or touch are compared (2018 against 2017-2018, 2017
    against 2018: "last year" read wrongly): 11 minors rescued in 2020 and again in 2024 are two
    figures of a series, not one misdated; $1 million dated 2006 by one source and 2016 by another is.
    """
    figs = data.figures[data.figures["period_start"].notna() & ~data.figures["table"].isin(data.in_force)].copy()
    # "500" and "more than 500" state the same number: compare the value, or a range's two ends
    figs["number"] = [f"{r.value:g}" if not pd.isna(r.value) else f"{r.low:g}-{r.high:g}"
                      for r in figs.itertuples(index=False)]
    key = ["table", "measure", "geography", "subgroup", "dims", "number"]
    by_pair: dict[tuple, list] = {}
    periods = figs.groupby(key[:-1], dropna=False)["period_start"].transform("nunique")
    figs["series"] = (periods >= 3).to_numpy()
    for group in _groups(figs, key):
        for a, b in combinations(list(group.itertuples(index=False)), 2):
            if a.source == b.source or (a.period_start, a.period_end) == (b.period_start, b.period_end):
                continue
            if a.interval is None or b.interval is None or disjoint(a.interval, b.interval):
                continue
            if a.series and not _touch(a, b):
                continue
            a, b = sorted([a, b], key=lambda r: r.source)
            pair = (a.source, period_text(a), b.source, period_text(b))
            by_pair.setdefault(pair, []).append((a, b))
    found = []
    for (src_a, per_a, src_b, per_b), pairs in by_pair.items():
        ids = sorted({r.figure_id for pair in pairs for r in pair})
        listed = "; ".join(f"{show(a)} and {show(b)}" for a, b in pairs)
        years = abs(pairs[0][0].period_start.year - pairs[0][1].period_start.year)
        found.append(Conflict(
            "conflicting_periods", ids,
            f"{src_a} dates these figures {per_a}, {src_b} dates the same figures {per_b}: {listed}.",
            "conflicting_periods", float(years), "years"))
    return found


def conflicting_denominators(data: RuleInput) -> list[Conflict]:
    """Rule 5b: one percentage given for different populations: the same measure, subgroup and value
    (as a number, to the digit) for different places, e.g. a statewide share repeated for one county.

    Tolerance: percentages only, equal to the digit; counts and ranks are left alone, since equal
    counts for different places are no sign of a copied figure.
    """
    figs = data.figures[(data.figures["unit"] == "percent") & data.figures["value"].notna()]
    found = []
    for group in _groups(figs, ["measure", "subgroup", "value"]):
        if group["geography"].nunique() < 2:
            continue
        rows = list(group.itertuples(index=False))
        places = ", ".join(f"{r.geography} ({show(r)}, {r.source})" for r in rows)
        found.append(Conflict(
            "conflicting_denominators", [r.figure_id for r in rows],
            f"{rows[0].measure} = {rows[0].value:g}% is given for different populations: {places}.",
            "conflicting_denominators", None, None))
    return found


RULES = [same_statement, parts_vs_total, count_vs_list, conflicting_periods, conflicting_denominators]


def run_rules(data: RuleInput) -> list[Conflict]:
    found = []
    for rule in RULES:
        found.extend(rule(data))
    return found
