"""`load(name)`: a table of the bundled release as a typed pandas DataFrame. pandas is imported here,
on first use, and never by `import catraffick_data`."""
from __future__ import annotations

from importlib import resources

from . import catalog


def _read(name: str):
    import pandas as pd

    with resources.as_file(catalog.parquet_path(name)) as path:
        return pd.read_parquet(path)


def load(name: str):
    """All rows of table `name`: nullable integers, dates, categoricals for columns with a fixed set of values.

    `.attrs` holds the table's description, its Table Schema, the sources its rows cite, the licence and
    the data version.
    """
    res = catalog.resource(name)
    frame = _read(name)
    pkg = catalog.descriptor()
    cited = []
    if "source" in frame.columns and name != "sources":
        used = set(frame["source"].dropna())
        src = _read("sources")
        cited = src[src["source_id"].isin(used)].astype(object).where(src.notna(), None).to_dict("records")
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
