"""Checks on the rows of figure tables: bounds, qualifiers, periods, ranks."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..distinct import group_codes
from .base import collector

CHECKS: list = []
row_check = collector(CHECKS)
FIGURE = ("figure",)


@row_check("figure-id-prefix", ("figure_id",), "figure_id", FIGURE)
def _figure_id_prefix(df, ctx):
    return df["figure_id"].isna() | df["figure_id"].str.startswith(ctx.table.prefix + "-")


@row_check("bounds-order", ("low", "high"), "low")
def _bounds_order(df, ctx):
    return ~(df["low"] > df["high"])


@row_check("value-within-bounds", ("value", "low", "high"), "value")
def _value_within_bounds(df, ctx):
    return ~((df["value"] < df["low"]) | (df["value"] > df["high"]))


@row_check("qualifier-bounds", ("qualifier", "value", "low", "high"), "qualifier")
def _qualifier_bounds(df, ctx):
    q, v, lo, hi = df["qualifier"], df["value"], df["low"], df["high"]
    point = q.isin(["exact", "about", "nearly"]) & v.notna() & lo.isna() & hi.isna()
    ranged = (q == "range") & lo.notna() & hi.notna()
    floor = q.isin(["at_least", "more_than"]) & v.notna() & (lo == v) & hi.isna()
    ceiling = q.isin(["up_to", "less_than"]) & v.notna() & (hi == v) & lo.isna()
    return q.isna() | point | ranged | floor | ceiling


@row_check("percent-range", ("unit", "value", "low", "high"), "value")
def _percent_range(df, ctx):
    pct = df["unit"] == "percent"
    inside = [~((df[c] < 0) | (df[c] > 100)) for c in ("value", "low", "high")]
    return ~pct | (inside[0] & inside[1] & inside[2])


@row_check("count-whole", ("unit", "value", "low", "high"), "value")
def _count_whole(df, ctx):
    count = df["unit"] == "count"
    whole = [df[c].isna() | (df[c] % 1 == 0) for c in ("value", "low", "high")]
    return ~count | (whole[0] & whole[1] & whole[2])


@row_check("period-order", ("period_start", "period_end"), "period_end")
def _period_order(df, ctx):
    return ~(df["period_start"] > df["period_end"])


@row_check("period-basis", ("period_basis", "period_start", "period_end"), "period_basis")
def _period_basis(df, ctx):
    both = df["period_start"].notna() & df["period_end"].notna()
    neither = df["period_start"].isna() & df["period_end"].isna()
    basis = df["period_basis"]
    return basis.isna() | ((basis == "unstated") & neither) | (basis.isin(["stated", "inferred"]) & both)


@row_check("stated-or-derived", ("value_basis", "value_text", "formula"), "value_basis")
def _stated_or_derived(df, ctx):
    b, t, f = df["value_basis"], df["value_text"], df["formula"]
    return b.isna() | ((b == "stated") & t.notna() & f.isna()) | ((b == "derived") & f.notna() & t.isna())


@row_check("rank-reason", ("statement_rank", "rank_reason"), "rank_reason")
def _rank_reason(df, ctx):
    return ~df["statement_rank"].isin(["preferred", "deprecated"]) | df["rank_reason"].notna()


def _shown_key(row: pd.Series, key: list[str]) -> str:
    def cell(v):
        return "(empty)" if pd.isna(v) else f"{v:%Y-%m-%d}" if isinstance(v, pd.Timestamp) else str(v)
    return ", ".join(f"{c} {cell(row[c])}" for c in key)


@row_check("one-preferred", ("figure_id", "statement_rank"), "statement_rank", FIGURE)
def _one_preferred(df, ctx):
    """Rows sharing the table's statement key compete; among those not deprecated, exactly one must be
    preferred. Reported once per group, on its first row, naming the rows and the key they share."""
    key = [c for c in ctx.table.statement_key if c in df.columns]
    ok = pd.Series(None, index=df.index, dtype=object)
    if not key:
        return ok
    codes = group_codes(df, key)
    shared = np.bincount(codes)[codes] > 1  # only rows sharing a key compete
    if not shared.any():
        return ok
    live = (df["statement_rank"] != "deprecated").to_numpy() & shared
    preferred = (df["statement_rank"] == "preferred").to_numpy() & live
    n_live = np.bincount(codes, weights=live, minlength=codes.max() + 1)
    n_preferred = np.bincount(codes, weights=preferred, minlength=codes.max() + 1)
    failing = np.flatnonzero((n_live > 1) & (n_preferred != 1))
    if not len(failing):
        return ok
    members = pd.Series(np.flatnonzero(live & np.isin(codes, failing)))
    for code, positions in members.groupby(codes[members.to_numpy()]):
        group = df.iloc[positions.to_numpy()]
        ids = ", ".join(group["figure_id"].astype(str))
        ok.iloc[positions.iat[0]] = (f"rows {ids} state the same {_shown_key(group.iloc[0], key)}: "
                                     f"{int(n_preferred[code])} of them preferred, where exactly one must be")
    return ok


def _figure_ids(table) -> re.Pattern:
    """The figure ids a formula names, by the model's own pattern for figure_id."""
    return re.compile(r"\b" + table.field("figure_id").constraints["pattern"].strip("^$") + r"\b")


@row_check("derived-from-deprecated", ("value_basis", "formula", "statement_rank"), "statement_rank", FIGURE)
def _derived_from_deprecated(df, ctx):
    """A derived row inherits the doubt of its inputs: if a figure its formula names is deprecated, the
    derived row must be deprecated too."""
    ok = pd.Series(None, index=df.index, dtype=object)
    # the formula column alone: selecting whole rows of a million-row contribution copies every column
    derived = ((df["value_basis"] == "derived") & df["formula"].notna() & (df["statement_rank"] != "deprecated")).to_numpy()
    if not derived.any():
        return ok
    formulas = df["formula"][derived]
    pattern = _figure_ids(ctx.table)
    named = {fid for formula in formulas for fid in pattern.findall(formula)}
    deprecated = set()
    for rows in ctx.figure_rows.values():
        # few rows are deprecated: select them first, so a million-row contribution costs one comparison
        ids = rows.loc[(rows["statement_rank"] == "deprecated").to_numpy(), "figure_id"]
        deprecated |= set(ids[ids.isin(named)])
    for index, formula in formulas.items():
        inputs = sorted(set(pattern.findall(formula)) & deprecated)
        if inputs:
            ok[index] = f"it is derived from {', '.join(inputs)}, which {'is' if len(inputs) == 1 else 'are'} deprecated"
    return ok
