"""What a row check is, and what it may know about the rest of the package.

A row check names its rule (in rules.toml, which gives its message and hint), the columns it needs (it
runs only when all are present) and the column a problem is reported on, and returns True for every
row that passes. Checks that need other tables read them from the Context, never from disk.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from ..model import Table


@dataclass(frozen=True)
class Context:
    """What row checks may know about the package; `table` is the table being checked."""
    table: Table | None = None
    measure_units: dict[str, str] = field(default_factory=dict)
    source_texts: dict[str, str] = field(default_factory=dict)  # source_id -> text its excerpts quote
    source_files: dict[str, str] = field(default_factory=dict)  # source_id -> its text_file
    text_file_hashes: dict[str, str | None] = field(default_factory=dict)  # text_file -> sha256, None if unreadable
    text_file_refusals: dict[str, str | None] = field(default_factory=dict)  # text_file -> why it was not read
    figure_ids: object = None  # an Arrow array of every figure_id, for within()
    listed_ids: object = None  # an Arrow array of the ids of listed items (task forces)
    figure_rows: dict[str, pd.DataFrame] = field(default_factory=dict)  # figure table -> its rows
    keys: dict[tuple[str, tuple[str, ...]], set] = field(default_factory=dict)  # (table, fields) -> key values


@dataclass(frozen=True)
class RowCheck:
    rule: str
    columns: tuple[str, ...]
    report: str
    passes: Callable[[pd.DataFrame, Context], pd.Series]
    kinds: tuple[str, ...] = ()  # the kinds of table it applies to; every kind when empty


def collector(checks: list[RowCheck]):
    """A decorator that adds a row check to `checks`, the list of the module that declares it."""
    def row_check(rule: str, columns: tuple[str, ...], report: str, kinds: tuple[str, ...] = ()):
        def add(fn: Callable[[pd.DataFrame, Context], pd.Series]):
            checks.append(RowCheck(rule, columns, report, fn, kinds))
            return fn
        return add
    return row_check


def within(values: pd.Series, universe) -> pd.Series:
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
