import numpy as np
import pandas as pd
import pytest

from catraffick_data.checks import ROW_CHECKS
from conftest import row_check as passes

NAN = np.nan


def test_every_row_check_has_its_own_rule():
    names = [c.rule for c in ROW_CHECKS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("row, ok", [
    ({"qualifier": "exact", "value": 5.0, "low": NAN, "high": NAN}, True),
    ({"qualifier": "exact", "value": 5.0, "low": 5.0, "high": NAN}, False),
    ({"qualifier": "range", "value": NAN, "low": 3417.0, "high": 8108.0}, True),
    ({"qualifier": "range", "value": NAN, "low": 3417.0, "high": NAN}, False),
    ({"qualifier": "at_least", "value": 8000.0, "low": 8000.0, "high": NAN}, True),
    ({"qualifier": "at_least", "value": 8000.0, "low": NAN, "high": NAN}, False),
    ({"qualifier": "more_than", "value": 50.0, "low": 50.0, "high": 60.0}, False),
    ({"qualifier": "up_to", "value": 20000.0, "low": NAN, "high": 20000.0}, True),
    ({"qualifier": "nearly", "value": NAN, "low": NAN, "high": NAN}, False),
])
def test_qualifier_bounds(row, ok):
    assert passes("qualifier-bounds", [row]) == [ok]


def test_bounds_and_value():
    assert passes("bounds-order", [{"low": 1.0, "high": 2.0}, {"low": 3.0, "high": 2.0}]) == [True, False]
    rows = [{"value": 5.0, "low": 1.0, "high": 9.0}, {"value": 0.5, "low": 1.0, "high": NAN},
            {"value": 5.0, "low": NAN, "high": NAN}]
    assert passes("value-within-bounds", rows) == [True, False, True]


def test_percent_range_only_applies_to_percentages():
    rows = [{"unit": "percent", "value": 100.0}, {"unit": "percent", "value": 101.0},
            {"unit": "count", "value": 101.0}, {"unit": "percent", "value": NAN, "high": 140.0}]
    assert passes("percent-range", rows) == [True, False, True, False]


def test_counts_are_whole():
    rows = [{"unit": "count", "value": 27.0}, {"unit": "count", "value": 27.5}, {"unit": "percent", "value": 27.5}]
    assert passes("count-whole", rows) == [True, False, True]


def test_period():
    d = pd.Timestamp
    assert passes("period-order", [{"period_start": d("2018-01-01"), "period_end": d("2017-12-31")}]) == [False]
    rows = [{"period_basis": "unstated", "period_start": pd.NaT, "period_end": pd.NaT},
            {"period_basis": "unstated", "period_start": d("2018-01-01"), "period_end": d("2018-12-31")},
            {"period_basis": "stated", "period_start": d("2018-01-01"), "period_end": pd.NaT},
            {"period_basis": "inferred", "period_start": d("2018-01-01"), "period_end": d("2018-12-31")}]
    assert passes("period-basis", rows) == [True, False, False, True]


def test_stated_and_derived_rows():
    rows = [{"value_basis": "stated", "value_text": "790", "formula": NAN},
            {"value_basis": "stated", "value_text": NAN, "formula": NAN},
            {"value_basis": "derived", "value_text": NAN, "formula": "vo-001 * vo-002 / 100"},
            {"value_basis": "derived", "value_text": "27", "formula": "x"}]
    assert passes("stated-or-derived", rows) == [True, False, True, False]


def test_figure_ids_start_with_the_tables_prefix():
    assert passes("figure-id-prefix", [{"figure_id": "hc-001"}, {"figure_id": "vo-001"}]) == [True, False]
    assert passes("figure-id-prefix", [{"figure_id": "vo-001"}], table="victim_origins") == [True]


def test_one_preferred_is_reported_once_per_group_naming_its_rows_and_key():
    d = pd.Timestamp
    row = {"measure": "hotline_cases", "geography": "us-ca", "period_start": d("2018-01-01"),
           "period_end": d("2018-12-31"), "subgroup": "all", "trafficking_type": "all"}
    rows = [dict(row, figure_id="hc-001", statement_rank="normal"), dict(row, figure_id="hc-023", statement_rank="normal"),
            dict(row, figure_id="hc-024", statement_rank="deprecated"), dict(row, figure_id="hc-099", statement_rank="normal",
                                                                             geography="us-tx")]
    found = passes("one-preferred", rows)
    assert found[1:] == [None, None, None]
    assert found[0] == ("rows hc-001, hc-023 state the same measure hotline_cases, geography us-ca, period_start "
                        "2018-01-01, period_end 2018-12-31, subgroup all, trafficking_type all: 0 of them preferred, "
                        "where exactly one must be")
    rows[1]["statement_rank"] = "preferred"
    assert passes("one-preferred", rows) == [None] * 4


def test_a_row_derived_from_a_deprecated_row_must_be_deprecated_too():
    from catraffick_data.checks import Context

    inputs = pd.DataFrame({"figure_id": ["rf-020", "vo-004"], "statement_rank": ["deprecated", "normal"]})
    ctx = Context(figure_rows={"regional_figures": inputs})
    rows = [{"value_basis": "derived", "formula": "vo-004 * rf-020 / 100", "statement_rank": "normal"},
            {"value_basis": "derived", "formula": "vo-004 * rf-020 / 100", "statement_rank": "deprecated"},
            {"value_basis": "derived", "formula": "vo-004 * 2", "statement_rank": "normal"},
            {"value_basis": "stated", "formula": NAN, "statement_rank": "normal"}]
    assert passes("derived-from-deprecated", rows, ctx, table="victim_origins") == [
        "it is derived from rf-020, which is deprecated", None, None, None]
