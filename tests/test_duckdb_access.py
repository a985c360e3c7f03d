"""ctd.sql() and ctd.connect(): DuckDB over the Parquet files, with every table and the SQLite file's views."""
import sys

import pytest

import catraffick_data as ctd
from catraffick_data.duckdb_access import MissingExtraError
from catraffick_data.sqlviews import VIEWS
from conftest import plain_rows, sqlite_frame

duckdb = pytest.importorskip("duckdb", reason='install the sql extra: pip install -e ".[sql]"')


@pytest.mark.parametrize("view", VIEWS)
def test_duckdb_views_hold_the_rows_of_the_sqlite_views(use_release, view):
    ours = ctd.sql(f"SELECT * FROM {view}")
    theirs = sqlite_frame(use_release / "catraffick-data.sqlite", f'SELECT * FROM "{view}"')
    assert list(ours.columns) == list(theirs.columns)
    assert plain_rows(ours) == plain_rows(theirs)


def test_duckdb_preferred_figures_are_those_of_figures_preferred(use_release):
    rows = ctd.sql("SELECT * FROM preferred_figures")
    frame = ctd.figures(preferred=True)
    assert plain_rows(rows) == plain_rows(frame)


def test_every_table_is_there_with_all_its_rows(use_release):
    con = ctd.connect()
    try:
        for name in ctd.tables():
            frame = ctd.load(name)
            rows = con.execute(f'SELECT * FROM "{name}"').df()
            assert list(rows.columns) == list(frame.columns), name
            assert plain_rows(rows) == plain_rows(frame), name
    finally:
        con.close()


def test_a_join_needs_no_string_splitting(use_release):
    rows = ctd.sql("SELECT l.figure_id, c.kind FROM figure_conflicts AS l JOIN conflicts AS c USING (conflict_id) "
                   "WHERE l.figure_id = 'hc-023'")
    register = ctd.conflicts()
    expected = register[register["figures"].str.split(";").map(lambda ids: "hc-023" in ids)]
    assert sorted(rows["kind"]) == sorted(expected["kind"].astype(str)) and len(rows) > 0


def test_a_bad_query_says_what_is_wrong(use_release):
    with pytest.raises(duckdb.CatalogException, match='Did you mean "hotline_counts"'):
        ctd.sql("SELECT * FROM hotline")
    with pytest.raises(TypeError, match="query must be SQL text"):
        ctd.sql(["SELECT 1"])


def test_without_duckdb_the_error_names_the_extra(use_release, monkeypatch):
    monkeypatch.setitem(sys.modules, "duckdb", None)  # what `import duckdb` meets where it is not installed
    for call in (lambda: ctd.sql("SELECT 1"), ctd.connect):
        with pytest.raises(MissingExtraError, match=r'pip install "catraffick-data\[sql\]"'):
            call()

