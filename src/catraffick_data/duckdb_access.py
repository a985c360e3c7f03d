"""SQL over the release in one call: DuckDB reads the Parquet files in place, every table a view of the
same name, with the views of the SQLite file (`figures`, `preferred_figures`, `figure_sources`: sqlviews.py).

DuckDB is an optional extra (`pip install "catraffick-data[sql]"`), imported here on first use only.
"""
from __future__ import annotations

from pathlib import Path

from . import catalog
from .sqlviews import KIND_KEY, create_views, literal, quote

EXTRA = 'pip install "catraffick-data[sql]"'


class MissingExtraError(ImportError):
    """An optional dependency is not installed: the message says which extra brings it."""


def _duckdb():
    try:
        import duckdb
    except ImportError:
        raise MissingExtraError(f"ctd.sql() and ctd.connect() run on DuckDB, which is not installed; "
                                f"it comes with the `sql` extra: {EXTRA}") from None
    return duckdb


def connect(release=None):
    """A new in-memory DuckDB connection where every table of the release and every view can be queried.
    The views read the Parquet files where they are; nothing is copied into the connection."""
    duckdb = _duckdb()
    descriptor = catalog.descriptor(release)
    folder = Path(str(catalog.release_dir(release)))
    con = duckdb.connect()
    try:
        for res in descriptor["resources"]:
            path = folder / res["catraffick:parquet"]["path"]
            con.execute(f"CREATE VIEW {quote(res['name'])} AS SELECT * FROM read_parquet({literal(str(path))})")
        for statement in create_views(descriptor["resources"], descriptor.get(KIND_KEY)):
            con.execute(statement)
    except BaseException:
        con.close()
        raise
    return con


def sql(query: str, release=None):
    """The rows of one SQL query (DuckDB's dialect) over every table and view, as a pandas DataFrame."""
    if not isinstance(query, str):
        raise TypeError(f"query must be SQL text, not {type(query).__name__}")
    con = connect(release)
    try:
        result = con.sql(query)
        if result is None:
            raise ValueError("ctd.sql() runs a query that returns rows (SELECT, WITH...); for other statements "
                             "use ctd.connect(), which returns the connection")
        return result.df()
    finally:
        con.close()
