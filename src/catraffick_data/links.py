"""Link tables of a release (kind `link` in schemas/tables.toml): one row per item of a `;`-joined column of
every figure table, so that a notebook or an SQL query joins on a column instead of splitting text.

Built from the figure tables as the release writes them, so a link and the column it splits cannot differ.
"""
from __future__ import annotations

import pandas as pd

from .model import Model, Table


def link_frame(table: Table, model: Model, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The rows of link table `table`: per figure table in the model's order, per row in its order, per item
    in the order the split column writes them. `frames`: the release frames of the figure tables."""
    key = model.figure_tables[0].primary_key[0]
    table_column = model.figure_kind.table_field.name
    parts = []
    for figure_table in model.figure_tables:
        if figure_table.name not in frames:
            continue
        frame = frames[figure_table.name].reset_index(drop=True)
        items = frame[table.link.split].str.split(";").explode().dropna()
        parts.append(pd.DataFrame({key: frame[key].loc[items.index].to_numpy(), table.link.item: items.to_numpy(),
                                   table_column: figure_table.name}))
    columns = table.field_names
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in columns})
    out = pd.concat(parts, ignore_index=True)
    return out.astype({c: "str" for c in columns})[columns]
