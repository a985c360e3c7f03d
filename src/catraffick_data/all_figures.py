"""Figure tables read as one (`figures()`).

Not named figures.py: importing a submodule of that name would replace `catraffick_data.figures()`.

Which tables hold figures, the columns they share, the column that names a row's table and the columns put
beside a figure all come from the release descriptor (`catraffick:kind`, and `catraffick:figureKind`, rendered
from [kinds.figure] in schemas/tables.toml): the same lists the SQL views are generated from (sqlviews.py).
"""
from __future__ import annotations

from . import catalog
from .frames import beside, check_flag, figure_kind, one_per_statement, read_table, with_attrs
from .sqlviews import figure_fields, figure_resources


def chosen_tables(tables, release=None) -> list[dict]:
    """The figure tables' resources that `tables` names (None: all), in the release's order."""
    every = figure_resources(catalog.descriptor(release)["resources"])
    if tables is None:
        return every
    names = [tables] if isinstance(tables, str) else tables
    if not isinstance(names, (list, tuple, set, frozenset)) or not all(isinstance(n, str) for n in names):
        raise TypeError(f"tables must be a list of figure table names (or None for all), not {tables!r}")
    if not names:
        raise ValueError("tables is empty: name at least one figure table, or pass None for all of them")
    figure_names = [r["name"] for r in every]
    for name in names:
        if catalog.resource(name, release)["name"] not in figure_names:  # an unknown name suggests the closest
            raise ValueError(f"{name!r} is not a figure table; the figure tables are: {', '.join(figure_names)}")
    return [r for r in every if r["name"] in set(names)]


def figures(preferred: bool = False, tables=None, with_sources: bool = False, release=None):
    """Every figure table in one DataFrame: a column naming each row's table (`figure_table`), the columns
    every figure table has, then each table's own columns (empty in the rows of the other tables).

    preferred=True: one row per statement of each table, as `load(name, preferred=True)`. tables: the names
    of the figure tables to read (default: all). with_sources=True: each figure's source and measure beside
    it, as `load(name, with_sources=True)`."""
    check_flag("preferred", preferred)
    check_flag("with_sources", with_sources)
    import pandas as pd

    kind = figure_kind(release)
    every = figure_resources(catalog.descriptor(release)["resources"])
    chosen = chosen_tables(tables, release)
    fields = figure_fields(chosen, every)
    names = [f["name"] for f in fields]
    frames = [read_table(r["name"], release) for r in chosen]
    if preferred:
        frames = [one_per_statement(r, f) for r, f in zip(chosen, frames)]
    dtypes = {}
    for frame in frames:
        for column in frame.columns:
            dtypes.setdefault(column, frame[column].dtype)
    table_column = kind["tableField"]["name"]
    parts = []
    for res, frame in zip(chosen, frames):
        # a column another table has is empty here, of that column's type, so the types survive the concat
        missing = {c: pd.Series(index=frame.index, dtype=dtypes[c]) for c in names if c not in frame.columns}
        part = frame.assign(**missing)[names]
        part.insert(0, table_column, res["name"])
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out[table_column] = pd.Categorical(out[table_column], categories=[r["name"] for r in every])
    schema = {"fields": [kind["tableField"], *fields], "primaryKey": every[0]["schema"]["primaryKey"],
              "missingValues": [""]}
    if with_sources:
        out, schema = beside(out, schema, release)
    which = ", ".join(r["name"] for r in chosen)
    return with_attrs(out, "figures", "Figures of every figure table" if tables is None else f"Figures of {which}",
                      f"The rows of {which}{', one per statement' if preferred else ''}, in one frame.", schema,
                      release)
