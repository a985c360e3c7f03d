"""The checks of one table that look at whole rows: keys, foreign keys, and the row checks of checks/.

They are run function by function (table_problems.py), not through pandera: pandera would select the
failing rows of the whole frame after each of them, even when none fails, and on Arrow-backed columns
read in many blocks every such selection copies every column, a tenth of a second per check on a
million rows.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import numpy as np
import pandas as pd

from .checks import Context, checks_for
from .distinct import group_codes
from .model import ForeignKey, Table
from .rulebook import rule


@dataclass(frozen=True)
class FrameCheck:
    rule: str
    columns: tuple[str, ...]  # the columns it reads: a row whose cell there is already reported is skipped
    report: str  # the column a problem is reported on
    test: Callable[[pd.DataFrame], pd.Series]  # True per passing row, or per row None (pass) / a message
    message: str
    hint: str


def _key_values(df: pd.DataFrame, fields: list[str]):
    if len(fields) == 1:
        return df[fields[0]]
    return pd.Series(list(zip(*(df[f] for f in fields))), index=df.index)


def _foreign_key(table: Table, fk: ForeignKey, ctx: Context) -> FrameCheck:
    fields, ref = list(fk.fields), list(fk.ref_fields)

    def passes(df: pd.DataFrame) -> pd.Series:
        keys = set(_key_values(df, ref).dropna()) if fk.table == table.name else ctx.keys.get((fk.table, fk.ref_fields), set())
        values = _key_values(df, fields)
        empty = values.isna() if len(fields) == 1 else df[fields].isna().any(axis=1)
        return empty | values.isin(keys)

    where = f"{fk.table}.{'/'.join(ref)}"
    return FrameCheck("foreign-key", fk.fields, fields[0], passes, f"the value is not a {where} of the package",
                      f"add the row to {fk.table} first, or use an existing {'/'.join(ref)}")


def _unique(table: Table, names: list[str]) -> FrameCheck:
    """Rows whose values in `names` (a key) are used by no other row; a row with an empty key cell is
    left to the `required` rule. Factorised once, in Arrow: pandera's unique=True hashes a million ids
    twice (nunique, then duplicated) through pandas' object path."""
    def passes(df: pd.DataFrame) -> pd.Series:
        codes = group_codes(df, names)
        repeated = np.bincount(codes)[codes] > 1
        return pd.Series(~repeated, index=df.index) | df[names].isna().any(axis=1)

    name = "primary-key" if list(table.primary_key) == names else "unique"
    return FrameCheck(name, tuple(names), names[0], passes, rule(name).message, rule(name).hint)


def frame_checks(table: Table, present: list[str], ctx: Context) -> list[FrameCheck]:
    """Every frame check of `table` that its present columns allow, in the order they are reported."""
    ctx = replace(ctx, table=table)  # this table's view; the shared one is unchanged
    keyed = [list(table.primary_key)] if set(table.primary_key) <= set(present) else []
    keyed += [[f.name] for f in table.fields if f.constraints.get("unique") and [f.name] not in keyed
              and f.name in present]
    found = [_unique(table, names) for names in keyed]
    found += [_foreign_key(table, fk, ctx) for fk in table.foreign_keys if set(fk.fields) <= set(present)]
    for rc in checks_for(present, table.kind):
        r = rule(rc.rule)
        found.append(FrameCheck(rc.rule, rc.columns, rc.report, lambda df, fn=rc.passes: fn(df, ctx), r.message, r.hint))
    return found
