import pandas as pd
import pandera.pandas as pa
import pytest

from catraffick_data.pandera_schema import render
from catraffick_data.rawpackage import TableSpec
from catraffick_data.table_checks import Context

SCHEMA = {
    "fields": [
        {"name": "a", "type": "string", "constraints": {"pattern": "^[a-z]+$"}},
        {"name": "b", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "when", "type": "date"},
        {"name": "kind", "type": "string", "constraints": {"enum": ["x", "y"]}},
        {"name": "geo", "type": "string"},
        {"name": "parent_a", "type": "string"},
    ],
    "primaryKey": ["a", "b"],
    "foreignKeys": [
        {"fields": ["geo"], "reference": {"resource": "geographies", "fields": ["geo_id"]}},
        {"fields": ["parent_a"], "reference": {"fields": ["a"]}},
    ],
}
SPEC = TableSpec("things", None, SCHEMA, "Things", "")
CTX = Context(keys={("geographies", ("geo_id",)): {"us", "us-ca"}})


def frame(rows):
    df = pd.DataFrame(rows, columns=["a", "b", "when", "kind", "geo", "parent_a"])
    return pd.DataFrame({
        "a": pd.array(df["a"], dtype="str"), "b": pd.array(df["b"], dtype="Int64"),
        "when": pd.to_datetime(df["when"]).astype("datetime64[us]"), "kind": pd.array(df["kind"], dtype="str"),
        "geo": pd.array(df["geo"], dtype="str"), "parent_a": pd.array(df["parent_a"], dtype="str"),
    })


def failures(rows):
    rendered = render(SPEC, list(SCHEMA["fields"][i]["name"] for i in range(6)), CTX)
    try:
        rendered.schema.validate(frame(rows), lazy=True)
        return set()
    except pa.errors.SchemaErrors as err:
        out = set()
        for case in err.failure_cases.itertuples():
            if case.schema_context == "DataFrameSchema" and case.check_number in rendered.frame_rules:
                out.add((rendered.frame_rules[case.check_number][0].rule, int(case.index)))
            elif (case.column, case.check_number) in rendered.column_rules:
                out.add((rendered.column_rules[(case.column, case.check_number)].rule, int(case.index)))
            else:
                out.add((str(case.check).split("(")[0], None if pd.isna(case.index) else int(case.index)))
        return out


GOOD = ["abc", 1, "2018-01-01", "x", "us-ca", None]


def test_valid_rows_pass_with_nullable_integers_and_dates():
    assert failures([GOOD, ["abd", None, None, "y", None, "abc"]]) == {("not_nullable", 1)}
    assert failures([GOOD, ["abd", 2, None, "y", None, "abc"]]) == set()


def test_composite_primary_key_is_unique_and_required():
    found = failures([GOOD, ["abc", 1, "2019-01-01", "y", "us", None]])
    assert found == {("primary-key", 0), ("primary-key", 1)}  # both rows that share (a, b)
    assert failures([GOOD, ["abc", 2, "2019-01-01", "y", "us", None]]) == set()


def test_foreign_keys_to_other_tables_and_to_itself():
    found = failures([GOOD, ["abd", 2, None, "x", "us-zz", "nope"]])
    assert found == {("foreign-key", 1)}  # one rule per failing row, both keys fail on row 1
    found = failures([GOOD, ["abd", 2, None, "x", "us", "abc"]])
    assert found == set()


def test_constraints_become_checks():
    found = failures([["ABC", -1, None, "z", None, None]])
    assert {("pattern", 0), ("minimum", 0), ("enum", 0)} <= found


@pytest.mark.parametrize("text, ok", [("plain", True), ("=SUM(A1)", False), ("-5", True), ("+1 555", False),
                                      ("@user", False), (" padded", False), ("two\nlines", False)])
def test_text_cells_that_a_spreadsheet_or_a_diff_would_mangle(text, ok):
    spec = TableSpec("t", None, {"fields": [{"name": "s", "type": "string"}]}, "T", "")
    schema = render(spec, ["s"], Context()).schema
    frame = pd.DataFrame({"s": pd.array([text], dtype="str")})
    if ok:
        schema.validate(frame)
    else:
        with pytest.raises(pa.errors.SchemaError):
            schema.validate(frame)


def test_a_column_of_repeated_texts_is_checked_once_per_text_with_the_same_outcome():
    from catraffick_data.pandera_schema import SAMPLE

    spec = TableSpec("t", None, {"fields": [{"name": "s", "type": "string"}]}, "T", "")
    schema = render(spec, ["s"], Context()).schema
    cells = ["plain", "other text", None] * SAMPLE  # few distinct texts: the per-value path
    bad = {7: "=SUM(A1)", SAMPLE + 11: " padded", 3 * SAMPLE - 1: "two\nlines"}
    for row, text in bad.items():
        cells[row] = text
    with pytest.raises(pa.errors.SchemaErrors) as err:
        schema.validate(pd.DataFrame({"s": pd.array(cells, dtype="str")}), lazy=True)
    assert set(err.value.failure_cases["index"]) == set(bad)
    distinct = [f"text {i}" for i in range(3 * SAMPLE)]  # mostly distinct: cell by cell
    distinct[5] = "=1+1"
    with pytest.raises(pa.errors.SchemaErrors) as err:
        schema.validate(pd.DataFrame({"s": pd.array(distinct, dtype="str")}), lazy=True)
    assert set(err.value.failure_cases["index"]) == {5}
