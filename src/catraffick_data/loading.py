"""`load(name)`: a table of the bundled release as a typed pandas DataFrame. pandas is imported here,
on first use, and never by `import catraffick_data`."""
from __future__ import annotations

from importlib import resources

from . import catalog


def _read(name: str):
    import pandas as pd

    with resources.as_file(catalog.parquet_path(name)) as path:
        return pd.read_parquet(path)


def _preferred(name: str, frame):
    """One row per measure, place, period, subgroup and dimension: the preferred row where there is
    one, otherwise the only row not deprecated (validation guarantees there is no third case)."""
    from .rawpackage import figure_key

    figure_tables = {r["name"]: [f["name"] for f in r["schema"]["fields"]]
                     for r in catalog.descriptor()["resources"]
                     if any(f["name"] == "figure_id" for f in r["schema"]["fields"])}
    if name not in figure_tables:
        raise ValueError(f"preferred=True applies to figure tables only: {', '.join(figure_tables)}")
    live = frame[frame["statement_rank"] != "deprecated"]
    key = [live[c].astype(object) for c in figure_key(figure_tables, name)]
    is_preferred = live["statement_rank"] == "preferred"
    group_has_preferred = is_preferred.groupby(key, dropna=False).transform("any")
    return live[is_preferred | ~group_has_preferred].reset_index(drop=True)


def _cited_sources(used: set[str]) -> list[dict]:
    """The rows of the sources table that `used` names, as plain Python records (None when empty).
    Read with pyarrow alone: a pandas frame for a few records would cost more than the read."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    with resources.as_file(catalog.parquet_path("sources")) as path:
        table = pq.read_table(path)
    return table.filter(pc.is_in(table["source_id"], value_set=pa.array(sorted(used), pa.string()))).to_pylist()


def load(name: str, preferred: bool = False):
    """All rows of table `name`: nullable integers, dates, categoricals for columns with a fixed set of values.

    With `preferred=True` (figure tables only), one row per measure, place, period and subgroup: the
    `preferred` statement where sources compete, never a `deprecated` one.

    `.attrs` holds the table's description, its Table Schema, the sources its rows cite, the licence and
    the data version.
    """
    res = catalog.resource(name)
    frame = _read(name)
    if preferred:
        frame = _preferred(name, frame)
    pkg = catalog.descriptor()
    cited = _cited_sources(set(frame["source"].dropna())) if "source" in frame.columns and name != "sources" else []
    frame.attrs = {
        "name": name,
        "title": res.get("title", name),
        "description": res.get("description", ""),
        "schema": res["schema"],
        "sources": cited,
        "licenses": pkg.get("licenses", []),
        "version": pkg.get("version"),
    }
    return frame
