"""The SQL views of the SQLite file hold the rows of the pandas functions, and follow the model."""
import json
import sqlite3

import pytest

import catraffick_data as ctd
from catraffick_data.sqlviews import VIEWS, view_statements
from conftest import model, plain_rows, sqlite_frame

MODEL = model()
PANDAS = {
    "figures": lambda: ctd.figures(),
    "preferred_figures": lambda: ctd.figures(preferred=True),
    "figure_sources": lambda: ctd.figures(with_sources=True),
}


@pytest.fixture(scope="module")
def database(built_release):
    return built_release / "catraffick-data.sqlite"


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_holds_the_rows_of_its_pandas_function(use_release, database, view):
    frame = PANDAS[view]()
    rows = sqlite_frame(database, f'SELECT * FROM "{view}"')
    assert list(rows.columns) == list(frame.columns)
    assert plain_rows(rows) == plain_rows(frame)


def test_the_database_lists_the_views(database):
    con = sqlite3.connect(database)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert names == set(VIEWS)


def test_views_follow_the_descriptor_so_a_new_figure_table_is_in_them(built_release):
    descriptor = json.loads((built_release / "datapackage.json").read_text(encoding="utf-8"))
    kind = descriptor["catraffick:figureKind"]
    hotline = next(r for r in descriptor["resources"] if r["name"] == "hotline_counts")
    court = {**hotline, "name": "court_figures",
             "schema": {**hotline["schema"], "fields": [f for f in hotline["schema"]["fields"]
                                                        if f["name"] != "trafficking_type"]
                        + [{"name": "court", "type": "string"}]}}
    views = dict(view_statements([*descriptor["resources"], court], kind))
    assert "'court_figures' AS \"figure_table\"" in views["figures"]
    assert '"court" FROM "court_figures"' in views["figures"] and 'NULL AS "court"' in views["figures"]
    assert 'NULL AS "trafficking_type"' in views["preferred_figures"]
    assert views["figure_sources"].count("LEFT JOIN") == len(MODEL.figure_kind.beside)


def test_a_table_named_like_a_view_is_refused(built_release):
    descriptor = json.loads((built_release / "datapackage.json").read_text(encoding="utf-8"))
    resources = [*descriptor["resources"], {"name": "figures", "schema": {"fields": []}}]
    with pytest.raises(ValueError, match="a table has the name of a view"):
        view_statements(resources, descriptor["catraffick:figureKind"])
