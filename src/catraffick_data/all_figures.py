"""Figure tables read as one (`figures()`), and figures beside the rows they refer to (`with_sources`).

Not named figures.py: importing a submodule of that name would replace `catraffick_data.figures()`.

Which tables hold figures, the columns they share, the column that names a row's table and the columns put
beside a figure all come from the release descriptor (`catraffick:kind`, and `catraffick:figureKind`, rendered
from [kinds.figure] in schemas/tables.toml): the same lists the SQL views are generated from (sqlviews.py).
"""
from __future__ import annotations

from . import catalog
from .loading import _preferred, _read, check_flag, with_attrs
from .sqlviews import KIND_KEY, figure_fields, figure_resources


def figure_kind(release=None) -> dict:
    kind = catalog.descriptor(release).get(KIND_KEY)
    if kind is None:
        raise ValueError(f"the release at {catalog.release_dir(release)} does not describe its figure tables "
                         f"({KIND_KEY}): it was built by an older catraffick_data; build it again")
    return kind


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


def _beside_field(field: dict, resource: str, column: str, name: str) -> dict:
    return {**field, "name": name,
            "description": f"`{resource}.{field['name']}` of the row `{column}` names: {field.get('description', '')}"}


def beside(frame, schema: dict, release=None):
    """`frame` (figure rows) with the columns of the rows its figures refer to beside them, and `schema`
    with those columns' fields. Rows keep their order and number (each figure refers to one row)."""
    kind = figure_kind(release)
    frame = frame.copy()
    fields = list(schema["fields"])
    for b in kind["beside"]:
        ref = _read(b["resource"], release).set_index(b["key"])
        ref_fields = {f["name"]: f for f in catalog.resource(b["resource"], release)["schema"]["fields"]}
        for field, name in zip(b["fields"], b["names"]):
            frame[name] = frame[b["column"]].map(ref[field])
            fields.append(_beside_field(ref_fields[field], b["resource"], b["column"], name))
    return frame, {**schema, "fields": fields}


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
    frames = [_read(r["name"], release) for r in chosen]
    if preferred:
        frames = [_preferred(r, f) for r, f in zip(chosen, frames)]
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
