"""`load(name)`: a table of a release as a typed pandas DataFrame. pandas is imported here, on first
use, and never by `import catraffick_data`."""
from __future__ import annotations

from . import catalog
from .frames import beside, check_flag, one_per_statement, read_table, with_attrs


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
    frame = read_table(name, release)
    if preferred:
        frame = one_per_statement(res, frame)
    schema = res["schema"]
    if with_sources:
        frame, schema = beside(frame, schema, release)
    return with_attrs(frame, name, res.get("title", name), res.get("description", ""), schema, release)
