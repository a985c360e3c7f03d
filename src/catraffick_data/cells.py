"""One cell of a release table as each export writes it: the same rules for CSV and SQLite.

Missing (None, NA, NaN, NaT) is one thing; dates are ISO 8601 days; booleans are true/false in CSV and
1/0 in SQLite (which has no boolean); a whole float is written without its `.0`.
"""
from __future__ import annotations

import math

import pandas as pd

MISSING = ""  # the one missing-value marker of every release CSV


def plain(value):
    """A cell as a plain Python value (None when missing; a date as its ISO day)."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value


def csv_text(value) -> str:
    value = plain(value)
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def sql_value(value):
    value = plain(value)
    return int(value) if isinstance(value, bool) else value
