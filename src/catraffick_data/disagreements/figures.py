"""All figure rows of the package in one long frame, each with the interval its qualifier allows.

The rules compare intervals, not bare values, so that rounding ("31%" against "30.9%") and words such
as "about", "more than" or "up to" are read the way the source wrote them.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..rawpackage import RawPackage
from ..written_numbers import precision

COMMON = ["figure_id", "measure", "geography", "period_start", "period_end", "subgroup", "value", "low", "high",
          "qualifier", "unit", "value_text", "value_basis", "breakdown", "source", "statement_rank", "rank_reason"]
ABOUT = 0.10  # "about" and "nearly" are read as within 10% of the value (or its rounding, if wider)


def _step(text, value) -> float:
    """Half of this is the rounding a written number hides: 1 for "2,803", 0.1 for "76.3%"."""
    found = precision(text, value)
    if found is not None:
        return found
    decimals = len(repr(float(value)).split(".")[1].rstrip("0")) if not float(value).is_integer() else 0
    return 10.0 ** -decimals


def interval(row) -> tuple[float, float, bool, bool]:
    """(low, high, low_open, high_open) of the values the row allows."""
    q, v, lo, hi, text = row.qualifier, row.value, row.low, row.high, row.value_text
    if q == "range":
        step = min(_step(text, lo), _step(text, hi))
        return lo - step / 2, hi + step / 2, False, False
    if q == "at_least":
        return v, math.inf, False, True
    if q == "more_than":
        return v, math.inf, True, True
    if q == "up_to":
        return 0.0, v, False, False
    if q == "less_than":
        return 0.0, v, False, True
    if q == "exact" and row.unit == "count":
        return v, v, False, False  # a count written to the unit is exact: 1,304 and 1,305 differ
    half = _step(text, v) / 2
    if q == "about":
        spread = max(half, ABOUT * abs(v))
        return v - spread, v + spread, False, False
    if q == "nearly":
        return v - max(half, ABOUT * abs(v)), v, False, False
    return v - half, v + half, False, False


def disjoint(a: tuple, b: tuple) -> bool:
    """Whether no value lies in both intervals (each as returned by `interval`)."""
    a_lo, a_hi, a_lo_open, a_hi_open = a
    b_lo, b_hi, b_lo_open, b_hi_open = b
    if a_hi < b_lo or b_hi < a_lo:
        return True
    if a_hi == b_lo and (a_hi_open or b_lo_open):
        return True
    return b_hi == a_lo and (b_hi_open or a_lo_open)


def figure_frame(package: RawPackage, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every figure row with its table, its dimensions as one text (e.g. `sector=cleaning`) and its interval."""
    parts = []
    for spec in package.figure_tables:
        df = frames.get(spec.name)
        if df is None or df.empty:
            continue
        own = [c for c in spec.statement_key if c not in COMMON]
        out = df[COMMON].copy()
        out.insert(0, "table", spec.name)
        dims = [df[c].astype(object).where(df[c].notna(), "").map(lambda v, c=c: f"{c}={v}") for c in own]
        out["dims"] = pd.concat(dims, axis=1).agg(";".join, axis=1) if dims else ""
        parts.append(out)
    if not parts:
        return pd.DataFrame(columns=["table", *COMMON, "dims", "interval"])
    figs = pd.concat(parts, ignore_index=True)
    figs["interval"] = [interval(r) if not (pd.isna(r.value) and pd.isna(r.low)) else None
                        for r in figs.itertuples(index=False)]
    return figs


def point(row) -> float:
    """One number for arithmetic in a description: the value, or a range's midpoint."""
    if not pd.isna(row.value):
        return float(row.value)
    return float(np.nanmean([row.low, row.high]))


def show(row) -> str:
    """A figure as the source wrote it, with its row id: `790 (hc-001)`."""
    text = row.value_text if isinstance(row.value_text, str) else f"{point(row):g} (derived)"
    return f"{text} ({row.figure_id})"


def period_text(row) -> str:
    if pd.isna(row.period_start):
        return "no stated period"
    start, end = row.period_start, row.period_end
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        return str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
    return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"
