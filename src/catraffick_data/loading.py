"""`load(name)`: a table of a release as a typed pandas DataFrame. pandas is imported here, on first
use, and never by `import catraffick_data`."""
from __future__ import annotations

from importlib import resources

from . import catalog


def _read(name: str, release):
    """The Parquet file as pandas reads it, but for its days (Arrow date32): datetime64 columns, not
    columns of Python date objects, so that they compare with "2018-01-01", sort and resample."""
    import pandas as pd

    with resources.as_file(catalog.parquet_path(name, release)) as path:
        return pd.read_parquet(path, to_pandas_kwargs={"date_as_object": False})


def _preferred(res: dict, frame):
    """One row per statement (the table's statement key): the preferred row where there is one,
    otherwise the only row not deprecated (validation guarantees there is no third case)."""
    key = res.get("catraffick:statementKey")
    if res.get("catraffick:kind") != "figure" or not key:
        raise ValueError(f"preferred=True applies to figure tables only, not to {res['name']!r}")
    live = frame[frame["statement_rank"] != "deprecated"]
    groups = [live[c].astype(object) for c in key]
    is_preferred = live["statement_rank"] == "preferred"
    group_has_preferred = is_preferred.groupby(groups, dropna=False).transform("any")
    return live[is_preferred | ~group_has_preferred].reset_index(drop=True)


def _cited_sources(used: set[str], release) -> list[dict]:
    """The rows of the sources table that `used` names, as plain Python records (None when empty).
    Read with pyarrow alone: a pandas frame for a few records would cost more than the read."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    with resources.as_file(catalog.parquet_path("sources", release)) as path:
        table = pq.read_table(path)
    return table.filter(pc.is_in(table["source_id"], value_set=pa.array(sorted(used), pa.string()))).to_pylist()


def check_flag(name: str, value) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {value!r}")


def with_attrs(frame, name: str, title: str, description: str, schema: dict, release):
    """`frame` with its `.attrs`: what it is, its Table Schema, the sources its rows cite, licences, version."""
    pkg = catalog.descriptor(release)
    cited = _cited_sources(set(frame["source"].dropna()), release) if "source" in frame.columns and name != "sources" else []
    frame.attrs = {"name": name, "title": title, "description": description, "schema": schema, "sources": cited,
                   "licenses": pkg.get("licenses", []), "version": pkg.get("version")}
    return frame


def load(name: str, preferred: bool = False, release=None, with_sources: bool = False):
    """All rows of table `name`: nullable integers, floats, nullable booleans, dates as datetime64 (midnight
    of the day; the Parquet file holds days), categoricals for columns with a fixed set of values.

    With `preferred=True` (figure tables only), one row per statement: the `preferred` one where sources
    compete, never a `deprecated` one. With `with_sources=True` (figure tables only), each figure has its
    source's publisher, title, date and URL and its measure's name, unit and caveat beside it
    (`source_publisher`... `measure_caveat`). `release`: a folder written by `catraffick build` (default:
    the release installed with the package).

    `.attrs` holds the table's description, its Table Schema, the sources its rows cite, the licence and
    the data version.
    """
    check_flag("preferred", preferred)
    check_flag("with_sources", with_sources)
    res = catalog.resource(name, release)
    if with_sources and res.get("catraffick:kind") != "figure":
        raise ValueError(f"with_sources=True applies to figure tables only, not to {res['name']!r}")
    frame = _read(name, release)
    if preferred:
        frame = _preferred(res, frame)
    schema = res["schema"]
    if with_sources:
        from .all_figures import beside

        frame, schema = beside(frame, schema, release)
    return with_attrs(frame, name, res.get("title", name), res.get("description", ""), schema, release)
