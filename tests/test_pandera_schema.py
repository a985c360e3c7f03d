import pandas as pd
import pandera.pandas as pa
import pytest

from catraffick_data.distinct import DISTINCT_FROM
from catraffick_data.model import parse_table
from catraffick_data.pandera_schema import render

FIELDS = {
    "a": {"type": "string", "description": "a lower-case word", "constraints": {"pattern": "^[a-z]+$"}},
    "b": {"type": "integer", "description": "a count, never negative", "constraints": {"minimum": 0}},
    "when": {"type": "date", "description": "a day"},
    "score": {"type": "number", "description": "between 0 and 10", "constraints": {"maximum": 10}},
    "code": {"type": "string", "description": "three letters or more", "constraints": {"minLength": 3}},
    "kind": {"type": "string", "description": "one of two kinds", "constraints": {"enum": ["x", "y"]}},
    "s": {"type": "string", "description": "any text"},
}
TABLE = parse_table("things", {"kind": "lookup", "title": "Things", "description": "Test things.", "path": "t.csv",
                               "fields": ["a", "b", "when", "kind"], "primary_key": ["a", "b"]}, FIELDS)
TEXT = parse_table("texts", {"kind": "lookup", "title": "Texts", "description": "Test texts.", "path": "t.csv",
                             "fields": ["a", "s"], "primary_key": ["a"]}, FIELDS)


def frame(rows):
    df = pd.DataFrame(rows, columns=["a", "b", "when", "kind"])
    return pd.DataFrame({"a": pd.array(df["a"], dtype="str"), "b": pd.array(df["b"], dtype="Int64"),
                         "when": pd.to_datetime(df["when"]).astype("datetime64[us]"),
                         "kind": pd.array(df["kind"], dtype="str")})


def failures(rows) -> set:
    schema, rules = render(TABLE, TABLE.field_names)
    try:
        schema.validate(frame(rows), lazy=True)
        return set()
    except pa.errors.SchemaErrors as err:
        out = set()
        for case in err.failure_cases.itertuples():
            if (case.column, case.check_number) in rules:
                out.add((rules[(case.column, case.check_number)].rule, int(case.index)))
            else:
                out.add((str(case.check).split("(")[0], None if pd.isna(case.index) else int(case.index)))
        return out


GOOD = ["abc", 1, "2018-01-01", "x"]


def test_valid_rows_pass_with_nullable_integers_and_dates():
    assert failures([GOOD, ["abd", None, None, "y"]]) == {("not_nullable", 1)}  # a key column is required
    assert failures([GOOD, ["abd", 2, None, "y"]]) == set()


def test_constraints_become_checks():
    assert {("pattern", 0), ("minimum", 0), ("enum", 0)} <= failures([["ABC", -1, None, "z"]])
    table = parse_table("scores", {"kind": "lookup", "title": "Scores", "description": "Test scores.", "path": "s.csv",
                                   "fields": ["code", "score"], "primary_key": ["code"]}, FIELDS)
    schema, rules = render(table, ["code", "score"])
    data = pd.DataFrame({"code": pd.array(["abc", "ab"], dtype="str"), "score": [11.0, 5.0]})
    with pytest.raises(pa.errors.SchemaErrors) as err:
        schema.validate(data, lazy=True)
    found = {(rules[(c.column, c.check_number)].rule, int(c.index)) for c in err.value.failure_cases.itertuples()}
    assert found == {("maximum", 0), ("min-length", 1)}


@pytest.mark.parametrize("text, ok", [("plain", True), ("=SUM(A1)", False), ("-5", True), ("+1 555", False),
                                      ("@user", False), (" padded", False), ("two\nlines", False),
                                      ("right\u202eleft", False), ("-inf", False)])
def test_text_cells_that_a_spreadsheet_a_diff_or_a_reader_would_mistake(text, ok):
    schema, _ = render(TEXT, ["s"])  # the text column alone
    data = pd.DataFrame({"s": pd.array([text], dtype="str")})
    if ok:
        schema.validate(data)
    else:
        with pytest.raises(pa.errors.SchemaError):
            schema.validate(data)


def test_a_column_of_repeated_texts_is_checked_once_per_text_with_the_same_outcome():
    schema, _ = render(TEXT, ["s"])  # the text column alone
    size = 30 * DISTINCT_FROM
    cells = ["plain", "other text", None] * (size // 3)  # few distinct texts: the per-value path
    bad = {7: "=SUM(A1)", DISTINCT_FROM + 11: " padded", size - 1: "two\nlines"}
    for row, text in bad.items():
        cells[row] = text
    with pytest.raises(pa.errors.SchemaErrors) as err:
        schema.validate(pd.DataFrame({"s": pd.array(cells, dtype="str")}), lazy=True)
    assert set(err.value.failure_cases["index"]) == set(bad)
    distinct = [f"text {i}" for i in range(size)]  # mostly distinct: cell by cell
    distinct[5] = "=1+1"
    with pytest.raises(pa.errors.SchemaErrors) as err:
        schema.validate(pd.DataFrame({"s": pd.array(distinct, dtype="str")}), lazy=True)
    assert set(err.value.failure_cases["index"]) == {5}
