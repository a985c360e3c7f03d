import sqlite3

import pandas as pd

from catraffick_data.model import parse_table
from catraffick_data.sqlite_export import write_sqlite

FIELDS = {"id": {"type": "string", "description": "the key"}, "d": {"type": "date", "description": "a day"},
          "x": {"type": "number", "description": "a number"}, "b": {"type": "boolean", "description": "a flag"},
          "p": {"type": "string", "description": "a parent", "references": "parent.id"}}


def table(name, fields):
    return parse_table(name, {"kind": "lookup", "title": name, "description": name, "path": f"{name}.csv",
                              "fields": fields, "primary_key": ["id"]}, FIELDS)


def test_release_database_declares_keys_and_every_reference_resolves(built_release):
    con = sqlite3.connect(built_release / "catraffick-data.sqlite")
    con.execute("PRAGMA foreign_keys = ON")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    fks = {(row[2], row[3]) for row in con.execute("PRAGMA foreign_key_list(hotline_counts)")}
    assert {("measures", "measure"), ("geographies", "geography"), ("sources", "source")} <= fks
    pk = [row[1] for row in con.execute("PRAGMA table_info(hotline_counts)") if row[5]]
    assert pk == ["figure_id"]
    with_fk = sqlite3.connect(built_release / "catraffick-data.sqlite")
    with_fk.execute("PRAGMA foreign_keys = ON")
    try:
        with_fk.execute("INSERT INTO hotline_counts (figure_id, measure, geography, period_basis, subgroup, "
                        "trafficking_type, qualifier, unit, value_basis, source, locator, excerpt, statement_rank, "
                        "in_conflict) VALUES ('hc-999', 'nope', 'us-ca', 'stated', 'all', 'all', 'exact', 'count', "
                        "'stated', 'wikipedia-ht-california', 'x', 'x', 'normal', 0)")
        raise AssertionError("an unknown measure was accepted")
    except sqlite3.IntegrityError:
        pass


def test_dates_are_iso_text_and_missing_is_null(tmp_path):
    frame = pd.DataFrame({"id": ["a", "b"], "d": pd.to_datetime(["2018-12-31", None]), "x": [1.5, None],
                          "b": pd.array([True, None], dtype="boolean")})
    write_sqlite(tmp_path / "t.sqlite", [(table("t", ["id", "d", "x", "b"]), frame)])
    rows = sqlite3.connect(tmp_path / "t.sqlite").execute("SELECT * FROM t ORDER BY id").fetchall()
    assert rows == [("a", "2018-12-31", 1.5, 1), ("b", None, None, None)]


def test_a_dangling_reference_stops_the_export(tmp_path):
    tables = [(table("parent", ["id"]), pd.DataFrame({"id": ["x"]})),
              (table("child", ["id", "p"]), pd.DataFrame({"id": ["c"], "p": ["y"]}))]
    try:
        write_sqlite(tmp_path / "t.sqlite", tables)
        raise AssertionError("no error")
    except ValueError as exc:
        assert "foreign keys" in str(exc)
