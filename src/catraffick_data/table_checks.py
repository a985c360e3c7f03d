"""Checks on whole rows that a Table Schema cannot express.

Each check names its rule, the columns it needs (it runs only when all are present), the column a
problem is reported on, and returns True for every row that passes. Checks that need other tables
(a measure's unit, a source's text) read them from the :class:`Context`, never from disk.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from .written_numbers import says


@dataclass
class Context:
    """What row checks may know about the rest of the package."""
    figure_prefix: str = ""
    measure_units: dict[str, str] = field(default_factory=dict)
    source_texts: dict[str, str] = field(default_factory=dict)  # source_id -> text its excerpts quote
    text_file_hashes: dict[str, str | None] = field(default_factory=dict)  # text_file -> sha256, None if unreadable
    text_file_refusals: dict[str, str | None] = field(default_factory=dict)  # text_file -> why it was not read
    figure_ids: object = None  # an Arrow array of every figure_id, for _within()
    listed_ids: object = None  # an Arrow array of the ids of listed items (task forces)
    figure_key: list[str] = field(default_factory=list)  # columns that identify what a figure row states
    keys: dict[tuple[str, tuple[str, ...]], set] = field(default_factory=dict)  # (table, fields) -> key values


@dataclass(frozen=True)
class RowCheck:
    rule: str
    columns: tuple[str, ...]
    report: str
    message: str
    hint: str
    passes: Callable[[pd.DataFrame, Context], pd.Series]


CHECKS: list[RowCheck] = []


def row_check(rule: str, columns: tuple[str, ...], report: str, message: str, hint: str):
    def register(fn: Callable[[pd.DataFrame, Context], pd.Series]):
        CHECKS.append(RowCheck(rule, columns, report, message, hint, fn))
        return fn
    return register


def checks_for(columns) -> list[RowCheck]:
    present = set(columns)
    return [c for c in CHECKS if present.issuperset(c.columns)]


def _within(values: pd.Series, universe) -> pd.Series:
    """Whether each value is in `universe` (an Arrow array), hashed in C. pandas' isin() would walk a
    large `universe` in Python, a million figure ids at a time."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cells = pa.array(values.to_numpy(dtype=object, na_value=None), type=pa.string())
    if len(universe) > 4 * len(cells):
        # a hash table of a million ids for a hundred values: hash the values and scan the ids instead
        universe = pc.unique(pc.filter(universe, pc.is_in(universe, value_set=cells)))
    found = pc.is_in(cells, value_set=universe)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index).fillna(False).astype(bool)


def group_codes(df: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """One integer per row, equal for rows equal in all `columns` (empty cells equal too).

    Column by column, factorised and folded into one code: a fraction of the time and memory of
    groupby() or duplicated() over several text columns of a million rows."""
    codes = np.zeros(len(df), dtype=np.int64)
    distinct = 1  # an upper bound of the codes so far
    for column in columns:
        part, uniques = pd.factorize(df[column], use_na_sentinel=False)
        if distinct * (len(uniques) + 1) >= 2**62:  # re-factorised only when folding could overflow
            codes, seen = pd.factorize(codes)
            distinct = len(seen)
        codes = codes * (len(uniques) + 1) + part
        distinct *= len(uniques) + 1
    return pd.factorize(codes)[0] if len(columns) > 1 else codes  # dense, for bincount


def _cells(values: pd.Series, rows: np.ndarray) -> list:
    """Some cells of a column as Python values (None or NaN when empty). An Arrow-backed column is read
    cell by cell: selecting rows from a column in many chunks (iloc, take) first copies it whole."""
    if hasattr(values.array, "__arrow_array__"):
        import pyarrow as pa

        arrow = pa.array(values.array)
        return [arrow[i].as_py() for i in rows.tolist()]
    return values.iloc[rows].tolist()


def _per_unique(df: pd.DataFrame, columns: list[str], fn) -> pd.Series:
    """Apply a Python-level test once per distinct combination of `columns`, not once per row: a
    contributed file of a million rows repeats the same excerpts and numbers many times."""
    codes = group_codes(df, columns)
    distinct, first = np.unique(codes, return_index=True)
    cells = [_cells(df[c], first) for c in columns]
    results = np.zeros(distinct.max() + 1 if len(distinct) else 0, dtype=bool)
    for code, args in zip(distinct, zip(*cells)):
        results[code] = bool(fn(*args))
    return pd.Series(results[codes], index=df.index)


@row_check("figure-id-prefix", ("figure_id",), "figure_id",
           "the figure_id does not start with this table's prefix",
           "figure ids are the table's initials, a hyphen and a number, e.g. hc-012 in hotline_counts")
def _figure_id_prefix(df, ctx):
    return df["figure_id"].isna() | df["figure_id"].str.startswith(ctx.figure_prefix + "-")


@row_check("bounds-order", ("low", "high"), "low", "low is greater than high",
           "swap them, or check which number the source gives as the lower bound")
def _bounds_order(df, ctx):
    return ~(df["low"] > df["high"])


@row_check("value-within-bounds", ("value", "low", "high"), "value", "value lies outside low..high",
           "low <= value <= high must hold; check all three against the excerpt")
def _value_within_bounds(df, ctx):
    return ~((df["value"] < df["low"]) | (df["value"] > df["high"]))


QUALIFIER_HINT = ("exact/about/nearly: value only; range: low and high (value optional); at_least/more_than: "
                  "value and low equal, high empty; up_to/less_than: value and high equal, low empty")


@row_check("qualifier-bounds", ("qualifier", "value", "low", "high"), "qualifier",
           "value, low and high do not fit the qualifier", QUALIFIER_HINT)
def _qualifier_bounds(df, ctx):
    q, v, lo, hi = df["qualifier"], df["value"], df["low"], df["high"]
    point = q.isin(["exact", "about", "nearly"]) & v.notna() & lo.isna() & hi.isna()
    ranged = (q == "range") & lo.notna() & hi.notna()
    floor = q.isin(["at_least", "more_than"]) & v.notna() & (lo == v) & hi.isna()
    ceiling = q.isin(["up_to", "less_than"]) & v.notna() & (hi == v) & lo.isna()
    return q.isna() | point | ranged | floor | ceiling


@row_check("percent-range", ("unit", "value", "low", "high"), "value",
           "a percentage lies outside 0-100", "percentages are written 0-100: 76.3 for 76.3%")
def _percent_range(df, ctx):
    pct = df["unit"] == "percent"
    inside = [~((df[c] < 0) | (df[c] > 100)) for c in ("value", "low", "high")]
    return ~pct | (inside[0] & inside[1] & inside[2])


@row_check("count-whole", ("unit", "value", "low", "high"), "value",
           "a count is not a whole number", "counts are whole numbers; a share belongs in a percent measure")
def _count_whole(df, ctx):
    count = df["unit"] == "count"
    whole = [df[c].isna() | (df[c] % 1 == 0) for c in ("value", "low", "high")]
    return ~count | (whole[0] & whole[1] & whole[2])


@row_check("period-order", ("period_start", "period_end"), "period_end", "the period ends before it starts",
           "period_start <= period_end; a single year runs from YYYY-01-01 to YYYY-12-31")
def _period_order(df, ctx):
    return ~(df["period_start"] > df["period_end"])


@row_check("period-basis", ("period_basis", "period_start", "period_end"), "period_basis",
           "period_basis does not match the dates",
           "`unstated` needs both dates empty; `stated` and `inferred` need both dates")
def _period_basis(df, ctx):
    both = df["period_start"].notna() & df["period_end"].notna()
    neither = df["period_start"].isna() & df["period_end"].isna()
    basis = df["period_basis"]
    return basis.isna() | ((basis == "unstated") & neither) | (basis.isin(["stated", "inferred"]) & both)


@row_check("value-text-in-excerpt", ("value_text", "excerpt"), "value_text",
           "value_text does not occur in the excerpt", "copy the number exactly as the excerpt writes it")
def _value_text_in_excerpt(df, ctx):
    return _per_unique(df, ["value_text", "excerpt"],
                       lambda t, e: not isinstance(t, str) or not isinstance(e, str) or t in e)


@row_check("value-text-says-value", ("value_text", "value", "low", "high"), "value",
           "value, low or high is not the number written in value_text",
           "value_text '$810 million' means 810000000; '76.3%' means 76.3; '3,417 and 8,108' means low 3417, high 8108")
def _value_text_says_value(df, ctx):
    return _per_unique(df, ["value_text", "value", "low", "high"],
                       lambda text, *numbers: not isinstance(text, str)
                       or all(pd.isna(n) or says(text, n) for n in numbers))


@row_check("stated-or-derived", ("value_basis", "value_text", "formula"), "value_basis",
           "a stated row needs value_text and no formula; a derived row needs a formula and no value_text",
           "a derived figure is computed from other rows and says how in `formula`")
def _stated_or_derived(df, ctx):
    b, t, f = df["value_basis"], df["value_text"], df["formula"]
    return b.isna() | ((b == "stated") & t.notna() & f.isna()) | ((b == "derived") & f.notna() & t.isna())


@row_check("rank-reason", ("statement_rank", "rank_reason"), "rank_reason",
           "a preferred or deprecated row needs a rank_reason", "say why this figure is preferred or deprecated")
def _rank_reason(df, ctx):
    return ~df["statement_rank"].isin(["preferred", "deprecated"]) | df["rank_reason"].notna()


@row_check("unit-of-measure", ("unit", "measure"), "unit", "the unit differs from the unit its measure declares",
           "use the measure's unit (see measures.csv), or choose another measure")
def _unit_of_measure(df, ctx):
    def fits(measure, unit):
        declared = ctx.measure_units.get(measure)
        return declared is None or not isinstance(unit, str) or declared == unit
    return _per_unique(df, ["measure", "unit"], fits)


@row_check("excerpt-in-source", ("excerpt", "source"), "excerpt",
           "the excerpt is not in the source's text file, character for character",
           "copy the passage from the file named in sources.text_file; keep its dashes, quotes and spaces")
def _excerpt_in_source(df, ctx):
    def found(excerpt, source):
        text = ctx.source_texts.get(source)
        return text is None or not isinstance(excerpt, str) or excerpt in text
    return _per_unique(df, ["excerpt", "source"], found)


@row_check("total-figure-exists", ("total_figure",), "total_figure", "total_figure names no figure row",
           "use the figure_id of the row that states the total")
def _total_figure_exists(df, ctx):
    return df["total_figure"].isna() | _within(df["total_figure"], ctx.figure_ids)


def _text_file_not(refusal: str):
    def passes(df, ctx):
        return df["text_file"].isna() | df["text_file"].map(lambda p: ctx.text_file_refusals.get(p) != refusal)
    return passes


row_check("text-file-readable", ("text_file",), "text_file", "the text file cannot be read",
          "text_file is a path inside the package, e.g. sources/human-trafficking-in-california.txt")(
    _text_file_not("unreadable"))
row_check("text-file-outside", ("text_file",), "text_file",
          "the text file is not inside the package's sources/ folder",
          "name a file under sources/ with a relative path, without `..`; a symlink must not lead out of sources/")(
    _text_file_not("outside"))
row_check("text-file-not-regular", ("text_file",), "text_file",
          "the text file is not a regular file (a folder, device or FIFO), so it is not read",
          "store the text as an ordinary UTF-8 file under sources/")(_text_file_not("not-regular"))
row_check("text-file-too-large", ("text_file",), "text_file",
          "the text file is larger than 20 MiB, so it is not read",
          "keep only the passages that hold figures (see the files under sources/publishers/)")(
    _text_file_not("too-large"))


@row_check("text-file-hash", ("text_file", "text_sha256"), "text_sha256",
           "text_sha256 is not the SHA-256 of text_file",
           "the text changed: check every excerpt still holds, then record the new hash (sha256sum FILE)")
def _text_file_hash(df, ctx):
    actual = df["text_file"].map(lambda p: ctx.text_file_hashes.get(p))
    return actual.isna() | df["text_sha256"].isna() | (actual == df["text_sha256"])


@row_check("code-fits-level", ("level", "fips", "iso3166"), "fips",
           "the FIPS or ISO code does not fit the level",
           "FIPS: 2 digits for a state, 5 for a county, 7 for a place; ISO 3166 only for a country or state")
def _code_fits_level(df, ctx):
    fips_len = df["fips"].str.len()
    fips_ok = df["fips"].isna() | ((df["level"] == "state") & (fips_len == 2)) | (
        (df["level"] == "county") & (fips_len == 5)) | ((df["level"] == "place") & (fips_len == 7))
    iso_ok = df["iso3166"].isna() | ((df["level"] == "country") & (df["iso3166"].str.len() == 2)) | (
        (df["level"] == "state") & df["iso3166"].str.contains("-", regex=False))
    return fips_ok & iso_ok


@row_check("percent-denominator", ("unit", "denominator"), "denominator",
           "a percentage measure needs its denominator", "say what it is a percentage of")
def _percent_denominator(df, ctx):
    return (df["unit"] != "percent") | df["denominator"].notna()


@row_check("conflict-rows-exist", ("figures",), "figures", "a row named in `figures` does not exist",
           "name figure_ids (or task_force_ids) of rows in the package, separated by ;")
def _conflict_rows_exist(df, ctx):
    rows = df["figures"].str.split(";").explode()
    known = _within(rows, ctx.figure_ids) | _within(rows, ctx.listed_ids)
    return df["figures"].isna() | known.groupby(level=0).all().reindex(df.index, fill_value=True)


@row_check("one-preferred", ("figure_id", "statement_rank"), "statement_rank",
           "rows stating the same measure, place, period and subgroup need exactly one `preferred` among those not deprecated",
           "mark the best-supported row preferred (with rank_reason); load(name, preferred=True) returns it")
def _one_preferred(df, ctx):
    key = [c for c in ctx.figure_key if c in df.columns]
    if not key:
        return pd.Series(True, index=df.index)
    codes = group_codes(df, key)
    shared = pd.Series(np.bincount(codes)[codes] > 1, index=df.index)  # only rows sharing a key compete
    ok = pd.Series(True, index=df.index)
    if not shared.any():
        return ok
    rows = df[shared]
    counts = pd.DataFrame({"live": rows["statement_rank"] != "deprecated",
                           "preferred": rows["statement_rank"] == "preferred"})
    sums = counts.groupby([rows[c] for c in key], dropna=False).transform("sum")
    ok[shared] = ~counts["live"] | (sums["live"] < 2) | (sums["preferred"] == 1)
    return ok
