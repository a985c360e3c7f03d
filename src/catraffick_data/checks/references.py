"""Checks that rows agree with the rows of other tables they refer to."""
from __future__ import annotations

from ..distinct import each_distinct_row
from .base import collector, within

CHECKS: list = []
row_check = collector(CHECKS)


@row_check("unit-of-measure", ("unit", "measure"), "unit")
def _unit_of_measure(df, ctx):
    def fits(measure, unit):
        declared = ctx.measure_units.get(measure)
        return declared is None or not isinstance(unit, str) or declared == unit
    return each_distinct_row(df, ["measure", "unit"], fits).astype(bool)


@row_check("percent-denominator", ("unit", "denominator"), "denominator")
def _percent_denominator(df, ctx):
    return (df["unit"] != "percent") | df["denominator"].notna()


@row_check("total-figure-exists", ("total_figure",), "total_figure")
def _total_figure_exists(df, ctx):
    return df["total_figure"].isna() | within(df["total_figure"], ctx.figure_ids)


@row_check("conflict-rows-exist", ("figures",), "figures")
def _conflict_rows_exist(df, ctx):
    rows = df["figures"].str.split(";").explode()
    known = within(rows, ctx.figure_ids) | within(rows, ctx.listed_ids)
    return df["figures"].isna() | known.groupby(level=0).all().reindex(df.index, fill_value=True)


@row_check("code-fits-level", ("level", "fips", "iso3166"), "fips")
def _code_fits_level(df, ctx):
    fips_len = df["fips"].str.len()
    fips_ok = df["fips"].isna() | ((df["level"] == "state") & (fips_len == 2)) | (
        (df["level"] == "county") & (fips_len == 5)) | ((df["level"] == "place") & (fips_len == 7))
    iso_ok = df["iso3166"].isna() | ((df["level"] == "country") & (df["iso3166"].str.len() == 2)) | (
        (df["level"] == "state") & df["iso3166"].str.contains("-", regex=False))
    return fips_ok & iso_ok
