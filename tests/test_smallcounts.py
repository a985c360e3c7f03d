"""small_count: counts of fewer than 11 for a place inside a state are flagged, nothing else, nothing removed."""
import numpy as np
import pandas as pd

from catraffick_data.smallcounts import THRESHOLD, flag_small_counts, inside_a_state
from conftest import ROOT, model

MODEL = model()
PLACES = pd.DataFrame({
    "geo_id": ["world", "us", "us-ca", "county", "city", "border", "loop-a", "loop-b"],
    "level": ["world", "country", "state", "county", "place", "border_region", "metro_area", "metro_area"],
    "parent": ["", "world", "us", "us-ca", "county", "world", "loop-b", "loop-a"],
}).replace("", np.nan)


def flagged(rows: list[dict]) -> list[bool]:
    table = MODEL.table("hotline_counts")
    base = {"value": np.nan, "low": np.nan, "high": np.nan, "unit": "count", "qualifier": "exact"}
    frame = pd.DataFrame([{**base, "figure_id": f"hc-{i:03d}", **r} for i, r in enumerate(rows)])
    places = PLACES.rename(columns={"geo_id": table.field("geography").references[1]})
    out = flag_small_counts(table, frame, {table.field("geography").references[0]: places})
    assert len(out) == len(frame) and str(out["small_count"].dtype) == "boolean"
    return out["small_count"].tolist()


def test_a_small_count_below_the_state_is_flagged_and_kept():
    assert flagged([{"geography": "county", "value": 8}, {"geography": "city", "value": 10},
                    {"geography": "city", "value": THRESHOLD}]) == [True, True, False]


def test_the_state_and_places_outside_any_state_are_not_flagged():
    assert flagged([{"geography": "us-ca", "value": 3}, {"geography": "us", "value": 3},
                    {"geography": "border", "value": 3}]) == [False, False, False]


def test_only_counts_are_flagged():
    assert flagged([{"geography": "county", "value": 5, "unit": "percent"},
                    {"geography": "county", "value": 5, "unit": "years"}]) == [False, False]


def test_bounds_count_and_a_figure_open_above_is_not_small():
    assert flagged([
        {"geography": "county", "high": 10, "qualifier": "up_to"},           # up to 10: fewer than 11
        {"geography": "county", "low": 3, "high": 15, "qualifier": "range"},  # may be 15
        {"geography": "county", "value": 5, "low": 5, "qualifier": "more_than"},
        {"geography": "county", "value": 5, "low": 5, "qualifier": "at_least"},
        {"geography": "county", "qualifier": "exact"},                        # no number at all
    ]) == [True, False, False, False, False]


def test_a_cycle_of_parents_ends():
    assert inside_a_state(PLACES, "geo_id") == {"county", "city"}


def test_the_release_flags_rows_and_suppresses_none(built_release):
    for table in MODEL.figure_tables:
        csv = pd.read_csv(built_release / "data" / f"{table.name}.csv", dtype=str, keep_default_na=False)
        raw = pd.read_csv(ROOT / table.path, dtype=str, keep_default_na=False)
        assert len(csv) == len(raw) and set(csv["small_count"]) <= {"true", "false"}, table.name
    origins = pd.read_parquet(built_release / "data" / "victim_origins.parquet")
    flagged_ids = set(origins.loc[origins["small_count"], "figure_id"])
    # San Francisco's 8 and 6 victims by origin (the KQED/task force figures)
    assert {"vo-011", "vo-012"} <= flagged_ids
    assert origins.loc[origins["figure_id"].isin(flagged_ids), "value"].notna().all()


def test_the_column_is_documented_with_its_threshold():
    field = MODEL.figure_tables[0].field("small_count")
    assert f"fewer than {THRESHOLD}" in field.description and "nothing is suppressed" in field.description
