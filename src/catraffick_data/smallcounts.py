"""The `small_count` flag of a release's figure rows: a count of fewer than 11 for a place inside a state.

A count that small for a county or a city can point at identifiable people. The Counter-Trafficking Data
Collaborative publishes its records k-anonymized with k = 11 (sources/source-leads.md); this package
suppresses nothing (every figure is already published) and flags such counts instead, so that a user
who republishes can decide.
"""
from __future__ import annotations

import pandas as pd

from .model import Table

THRESHOLD = 11  # fewer than this many is small
COUNT_UNIT = "count"
STATE_LEVEL = "state"
OPEN_ABOVE = ("at_least", "more_than")  # the figure may be any size above its number


def inside_a_state(places: pd.DataFrame, key: str) -> set[str]:
    """The places (their `key`) that have a place of level `state` among their ancestors: counties,
    cities, areas."""
    parent = dict(zip(places[key], places["parent"].astype(object)))
    level = dict(zip(places[key], places["level"].astype(object)))
    inside = set()
    for geo in parent:
        seen, up = {geo}, parent[geo]
        while isinstance(up, str) and up not in seen:  # `seen`: a cycle in the data must not hang the build
            if level.get(up) == STATE_LEVEL:
                inside.add(geo)
                break
            seen.add(up)
            up = parent.get(up)
    return inside


def flag_small_counts(table: Table, frame: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The figure table with `small_count`: unit `count`, a place inside a state, and every number the
    row states (value, low, high) below THRESHOLD, unless its qualifier leaves it open above. `frames`:
    every table by name, among them the places the `geography` column refers to."""
    places, key = table.field("geography").references
    largest = frame[["value", "low", "high"]].astype("float64").max(axis=1, skipna=True)
    small = ((frame["unit"].astype(object) == COUNT_UNIT)
             & frame["geography"].isin(inside_a_state(frames[places], key))
             & ~frame["qualifier"].astype(object).isin(OPEN_ABOVE)
             & (largest < THRESHOLD).fillna(False))
    out = frame.copy()
    out["small_count"] = pd.array(small.to_numpy(dtype=bool), dtype="boolean")
    return out
