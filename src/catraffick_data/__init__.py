"""Statistics on human trafficking in California, one row per figure as one source states it.

    import catraffick_data as ctd
    ctd.tables(); df = ctd.load("hotline_counts"); print(ctd.describe("hotline_counts"))
    ctd.source_text("wikipedia-ht-california")  # the text every excerpt of a source is quoted from
    ctd.figures(preferred=True)                     # every figure table in one frame
    ctd.sql("SELECT * FROM figure_sources")         # DuckDB, with the `sql` extra

Importing this module reads no data and imports neither pandas, pyarrow, pandera, frictionless nor duckdb.
"""
from __future__ import annotations

from .catalog import UnknownTableError, describe, tables

__all__ = ["tables", "describe", "load", "figures", "series", "sources", "source_text", "conflicts", "sql", "connect",
           "UnknownTableError",
           "data_version"]


def load(name: str, preferred: bool = False, release=None, *, with_sources: bool = False):
    """Table `name` as a typed pandas DataFrame; see `tables()` for the names.

    preferred=True keeps one row per statement (`describe(name)` says which columns make one: measure,
    place, period, subgroup and the table's own dimensions). with_sources=True puts each figure's source
    (publisher, title, date, URL) and measure (name, unit, caveat) beside it, as `source_publisher`...
    `measure_caveat`. `release`: a folder `catraffick build` wrote, instead of the release installed with
    the package."""
    from .loading import load as _load

    return _load(name, preferred=preferred, release=release, with_sources=with_sources)


def figures(preferred: bool = False, tables=None, *, with_sources: bool = False, release=None):
    """Every figure table in one DataFrame: `figure_table` names each row's table; the columns all figure
    tables share, then each table's own (empty in the others' rows). `tables`: some figure tables only."""
    from .all_figures import figures as _figures

    return _figures(preferred=preferred, tables=tables, with_sources=with_sources, release=release)


def sql(query: str, release=None):
    """The rows of an SQL query (DuckDB) over every table and the views `figures`, `preferred_figures` and
    `figure_sources`, as a DataFrame. Needs the `sql` extra: pip install "catraffick-data[sql]"."""
    from .duckdb_access import sql as _sql

    return _sql(query, release=release)


def connect(release=None):
    """A DuckDB connection with every table and view of the release (the `sql` extra)."""
    from .duckdb_access import connect as _connect

    return _connect(release=release)


def series(measure: str, geography: str | None = None, **options):
    """The preferred figure of `measure` per year (and place), oldest first, with its source: a line to
    plot. See catraffick_data.timeseries.series for the options (subgroup, years_only, dimensions)."""
    from .timeseries import series as _series

    return _series(measure, geography, **options)


def conflicts():
    """The conflict register: every disagreement between sources, curated or found by a rule."""
    return load("conflicts")


def sources():
    """The sources table: every publication a figure comes from."""
    return load("sources")


def source_text(source_id: str, release=None) -> str:
    """The stored text the excerpts of source `source_id` are quoted from (its `text_file` in
    `sources()`), checked against its `text_sha256`; `release` as for `load`."""
    from .texts import source_text as _source_text

    return _source_text(source_id, release=release)


def __getattr__(name: str):
    if name in ("__version__", "data_version"):
        from .catalog import descriptor

        return descriptor()["version"]
    raise AttributeError(f"module 'catraffick_data' has no attribute {name!r}")
