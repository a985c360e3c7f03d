"""Keys and foreign keys, as frame checks of a table of the model."""
import pandas as pd

from catraffick_data.checks import Context
from catraffick_data.frame_checks import frame_checks
from catraffick_data.model import parse_table

FIELDS = {
    "a": {"type": "string", "description": "part of the key"},
    "b": {"type": "integer", "description": "the other part of the key"},
    "geo": {"type": "string", "description": "a place", "references": "geographies.geo_id"},
    "parent_a": {"type": "string", "description": "another row's a", "references": "things.a"},
    "label": {"type": "string", "description": "a label no two rows share", "constraints": {"unique": True}},
}
TABLE = parse_table("things", {"kind": "lookup", "title": "Things", "description": "Test things.", "path": "t.csv",
                               "fields": ["a", "b", "geo", "parent_a"], "primary_key": ["a", "b"]}, FIELDS)
CTX = Context(keys={("geographies", ("geo_id",)): {"us", "us-ca"}})


def failing(rows) -> set:
    df = pd.DataFrame(rows, columns=["a", "b", "geo", "parent_a"]).astype({"b": "Int64"})
    out = set()
    for check in frame_checks(TABLE, list(df.columns), CTX):
        passed = check.test(df)
        out |= {(check.rule, i) for i in df.index[~passed.to_numpy(dtype=bool, na_value=False)]}
    return out


def test_composite_primary_key_is_unique():
    assert failing([["abc", 1, "us", None], ["abc", 1, "us", None]]) == {("primary-key", 0), ("primary-key", 1)}
    assert failing([["abc", 1, "us", None], ["abc", 2, "us", None]]) == set()


def test_foreign_keys_to_other_tables_and_to_itself():
    assert failing([["abc", 1, "us", None], ["abd", 2, "us-zz", "nope"]]) == {("foreign-key", 1)}
    assert failing([["abc", 1, "us", None], ["abd", 2, "us", "abc"]]) == set()


def test_the_shared_context_is_not_changed_by_checking_a_table():
    frame_checks(TABLE, ["a", "b"], CTX)
    assert CTX.table is None


def test_a_unique_column_that_is_not_the_key():
    table = parse_table("labels", {"kind": "lookup", "title": "Labels", "description": "Test labels.", "path": "l.csv",
                                   "fields": ["a", "label"], "primary_key": ["a"]}, FIELDS)
    df = pd.DataFrame({"a": ["x", "y", "z"], "label": ["one", "one", None]})
    checks = {c.rule: c for c in frame_checks(table, ["a", "label"], CTX)}
    assert checks["unique"].test(df).tolist() == [False, False, True]
    assert checks["primary-key"].test(df).tolist() == [True, True, True]
