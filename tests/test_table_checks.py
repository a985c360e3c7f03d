import numpy as np
import pandas as pd
import pytest

from catraffick_data.table_checks import CHECKS, Context

NAN = np.nan


def passes(rule: str, rows: list[dict], ctx: Context | None = None) -> list[bool]:
    check = next(c for c in CHECKS if c.rule == rule)
    frame = pd.DataFrame(rows)
    for col in check.columns:
        if col not in frame:
            frame[col] = NAN
    return [bool(x) for x in check.passes(frame, ctx or Context())]


def test_every_rule_has_a_hint_and_a_unique_name():
    names = [c.rule for c in CHECKS]
    assert len(names) == len(set(names))
    assert all(c.hint and c.message and c.report for c in CHECKS)


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


def test_value_text_must_stand_in_the_excerpt_and_say_the_value():
    assert passes("value-text-in-excerpt", [{"value_text": "2,803", "excerpt": "there were 2,803 total calls"},
                                            {"value_text": "2803", "excerpt": "there were 2,803 total calls"}]) == [True, False]
    rows = [{"value_text": "$810 million", "value": 810e6},
            {"value_text": "$810 million", "value": 81e6},
            {"value_text": "3,417 and 8,108", "value": NAN, "low": 3417.0, "high": 8108.0},
            {"value_text": "3,417 and 8,108", "value": NAN, "low": 3417.0, "high": 8018.0},
            {"value_text": NAN, "value": 27.0}]
    assert passes("value-text-says-value", rows) == [True, False, True, False, True]


def test_stated_and_derived_rows():
    rows = [{"value_basis": "stated", "value_text": "790", "formula": NAN},
            {"value_basis": "stated", "value_text": NAN, "formula": NAN},
            {"value_basis": "derived", "value_text": NAN, "formula": "vo-001 * vo-002 / 100"},
            {"value_basis": "derived", "value_text": "27", "formula": "x"}]
    assert passes("stated-or-derived", rows) == [True, False, True, False]


def test_cross_table_lookups_come_from_the_context():
    import pyarrow as pa

    ctx = Context(measure_units={"hotline_cases": "count"}, source_texts={"art": "there were 790 cases"},
                  figure_ids=pa.array(["hc-001"]), figure_prefix="hc")
    assert passes("unit-of-measure", [{"unit": "count", "measure": "hotline_cases"},
                                      {"unit": "percent", "measure": "hotline_cases"},
                                      {"unit": "percent", "measure": "unknown"}], ctx) == [True, False, True]
    assert passes("excerpt-in-source", [{"excerpt": "790 cases", "source": "art"},
                                        {"excerpt": "791 cases", "source": "art"}], ctx) == [True, False]
    assert passes("total-figure-exists", [{"total_figure": "hc-001"}, {"total_figure": "hc-002"},
                                          {"total_figure": NAN}], ctx) == [True, False, True]
    assert passes("figure-id-prefix", [{"figure_id": "hc-001"}, {"figure_id": "vo-001"}], ctx) == [True, False]


def test_codes_fit_the_level():
    rows = [{"level": "state", "fips": "06", "iso3166": "US-CA"}, {"level": "county", "fips": "06", "iso3166": NAN},
            {"level": "place", "fips": "0666000", "iso3166": NAN}, {"level": "country", "fips": NAN, "iso3166": "NA"},
            {"level": "county", "fips": NAN, "iso3166": "MX"}]
    assert passes("code-fits-level", rows) == [True, False, True, True, False]
