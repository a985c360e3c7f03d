"""Statistics on human trafficking in California, one row per figure as one source states it.

    import catraffick_data as ctd
    ctd.tables(); df = ctd.load("hotline_counts"); print(ctd.describe("hotline_counts"))
    ctd.source_text("wikipedia-ht-california")  # the text every excerpt of a source is quoted from

Importing this module reads no data and imports neither pandas, pandera nor frictionless.
"""
from __future__ import annotations

from .catalog import UnknownTableError, describe, tables

__all__ = ["tables", "describe", "load", "series", "sources", "source_text", "conflicts", "UnknownTableError",
           "data_version"]


def load(name: str, preferred: bool = False, release=None):
    """Table `name` as a typed pandas DataFrame; see `tables()` for the names.

    preferred=True keeps one row per statement (`describe(name)` says which columns make one: measure,
    place, period, subgroup and the table's own dimensions). `release`: a folder `catraffick build`
    wrote, instead of the release installed with the package."""
    from .loading import load as _load

    return _load(name, preferred=preferred, release=release)


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
