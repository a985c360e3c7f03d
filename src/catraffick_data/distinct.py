"""Run a test once per distinct value instead of once per cell.

A contributed file of a million rows repeats its texts (one excerpt for many figures, the same notes,
numbers and dates), and a regular expression, a parse or a Python-level test costs far more than hashing
the value. Short columns, and columns whose values are mostly distinct, are tested cell by cell, since
hashing would then only add to the cost.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

DISTINCT_FROM = 1000  # rows from which a column is looked at for repeats


def repeats(values: pd.Series) -> bool:
    """Whether testing each distinct value once beats testing every cell: a long column, at most half of
    whose leading cells are distinct."""
    if len(values) < DISTINCT_FROM:
        return False
    head = values.iloc[:10 * DISTINCT_FROM]
    return head.nunique() <= len(head) // 2


def each_distinct(values: pd.Series, test: Callable[[pd.Series], pd.Series | pd.DataFrame]):
    """`test` (vectorised, Series in, Series or DataFrame of the same length out) on the distinct values
    of `values`, spread back to every cell; empty cells get what `test` gives an empty cell."""
    if not repeats(values):
        return test(values)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)  # an empty cell is one more value
    result = test(pd.Series(uniques, dtype=values.dtype))
    spread = result.iloc[codes]
    spread.index = values.index
    return spread


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


def each_distinct_row(df: pd.DataFrame, columns: list[str], test: Callable[..., object]) -> pd.Series:
    """A Python-level `test(*cells)` once per distinct combination of `columns`, its result spread to
    every row that holds the combination (an object Series; `.astype(bool)` for a pass/fail test)."""
    codes = group_codes(df, columns)
    distinct, first = np.unique(codes, return_index=True)
    cells = [_cells(df[c], first) for c in columns]
    results = np.empty(distinct.max() + 1 if len(distinct) else 0, dtype=object)
    for code, args in zip(distinct, zip(*cells)):
        results[code] = test(*args)
    return pd.Series(results[codes], index=df.index, dtype=object)
