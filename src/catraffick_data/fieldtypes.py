"""Turn the text cells of a table into typed columns, reporting every cell whose text is not of its type.

Types are parsed here, vectorised, instead of by pandera's coercion: pandera reports a failed coercion
without the row or the value, which a contributor cannot act on.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .csvfile import CsvTable
from .distinct import each_distinct
from .problems import Problem

INTEGER = r"[+-]?[0-9]+"
NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
TRUE = ["true", "True", "TRUE", "1"]
FALSE = ["false", "False", "FALSE", "0"]

HINTS = {
    "integer": "write a whole number in digits, without thousands separators (2803, not 2,803)",
    "number": "write digits with an optional decimal point, without thousands separators, % or $ (76.3, 810000000)",
    "date": "write a real calendar date as YYYY-MM-DD (2018-12-31)",
    "boolean": "write true or false",
}

# pandas dtype of each Table Schema type once parsed; the pandera schema and the release use the same.
DTYPES = {"string": "str", "integer": "Int64", "number": "float64", "date": "datetime64[us]", "boolean": "boolean"}


def _to_float(text: pd.Series) -> pd.Series:
    """Text already known to be numbers (or missing) as float64, cast by Arrow: pd.to_numeric would
    go through Python objects, ten times slower on a million cells."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        cast = pc.cast(pa.array(text, type=pa.string(), from_pandas=True), pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_numeric(text, errors="coerce").astype("float64")
    return pd.Series(cast.to_numpy(zero_copy_only=False), index=text.index, dtype="float64")


def _to_dates(text: pd.Series) -> pd.Series:
    """YYYY-MM-DD text as datetime64[us], NaT where it names no real day. Arrow parses ten times faster
    than pandas but rolls 2018-02-30 over to 2018-03-02, so a parse counts only if it prints back
    as the same text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    raw = pa.array(text, type=pa.string(), from_pandas=True)
    parsed = pc.strptime(raw, format="%Y-%m-%d", unit="us", error_is_null=True)
    same = pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), raw)
    dates = pc.if_else(pc.fill_null(same, False), parsed, pa.scalar(None, type=parsed.type))
    return pd.Series(dates.to_numpy(zero_copy_only=False), index=text.index).astype("datetime64[us]")


def _parse(kind: str, text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return (typed column, mask of non-empty cells that failed to parse)."""
    empty = text.isna()
    if kind == "string":
        return text, pd.Series(False, index=text.index)
    if kind == "integer":
        # Parsed by Python's int, not pd.to_numeric: with a missing cell in the column that goes through
        # float64, which rounds past 2**53 and makes a 20-digit cell raise a TypeError in astype("Int64").
        # A whole number outside Int64's range is reported as not a valid integer.
        ok = text.str.fullmatch(INTEGER).fillna(False) & ~empty
        numbers = [int(t) if good else None for t, good in zip(text, ok)]
        fits = [n is None or -2**63 <= n < 2**63 for n in numbers]
        ok &= pd.Series(fits, index=text.index, dtype=bool)
        values = pd.Series(pd.array([n if f else None for n, f in zip(numbers, fits)], dtype="Int64"),
                           index=text.index)
        return values, ~empty & ~ok
    if kind == "number":
        ok = text.str.fullmatch(NUMBER).fillna(False).astype(bool)
        values = _to_float(text.where(ok & ~empty))
        # "1e400" has the shape of a number but overflows to infinity, which no release file can hold
        ok &= ~np.isinf(values.to_numpy())
        values = values.where(ok)
        return values, ~empty & ~ok
    if kind == "date":
        ok = text.str.fullmatch(DATE).fillna(False).astype(bool)
        values = _to_dates(text.where(ok & ~empty))
        # 2018-02-30 matches the shape but is no date; nor is year 0000, which Python's dates (and so the
        # frictionless validator of the release) cannot hold although pandas parses it
        bad = ~empty & (~ok | values.isna() | (values.dt.year < 1))
        return values.where(~bad), bad
    if kind == "boolean":
        is_true, is_false = text.isin(TRUE), text.isin(FALSE)
        values = pd.Series(pd.array(np.where(is_true, True, False), dtype="boolean"), index=text.index)
        values[~(is_true | is_false)] = pd.NA
        return values, ~empty & ~(is_true | is_false)
    raise ValueError(f"field type {kind!r} is not supported by catraffick_data")


def parse_table(table: CsvTable, fields) -> tuple[pd.DataFrame, list[Problem], set[tuple[int, str]]]:
    """Typed frame with the same index as `table.frame`; unparseable cells become missing, are reported,
    and are returned as (row, column) so that no later check reports them again."""
    problems: list[Problem] = []
    unreadable: set[tuple[int, str]] = set()
    typed = {}
    for f in fields:
        if f.name not in table.frame.columns:
            continue
        text = table.frame[f.name]
        if f.type == "string":
            typed[f.name] = text
            continue
        parsed = each_distinct(text, lambda t, kind=f.type: pd.DataFrame(dict(zip(("value", "bad"), _parse(kind, t)))))
        for row in np.flatnonzero(parsed["bad"].to_numpy(dtype=bool)):
            unreadable.add((int(row), f.name))
            problems.append(Problem(
                table.file, int(table.lines[row]), table.positions[f.name], f.name, f"type-{f.type}",
                f"not a valid {f.type}", value=text.iat[row], hint=HINTS[f.type]))
        typed[f.name] = parsed["value"].astype(DTYPES[f.type])
    return pd.DataFrame(typed, index=table.frame.index), problems, unreadable
