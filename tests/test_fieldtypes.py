import pytest
import pandas as pd

from catraffick_data.csvfile import read_csv_table
from catraffick_data.fieldtypes import parse_table
from catraffick_data.model import Field

FIELDS = [Field(name, kind, f"a {kind}", {}) for name, kind in
          [("n", "integer"), ("x", "number"), ("d", "date"), ("b", "boolean"), ("s", "string")]]


def parse(tmp_path, body: str):
    path = tmp_path / "t.csv"
    path.write_text("n,x,d,b,s\n" + body, encoding="utf-8")
    table, problems = read_csv_table(path, "t.csv", [f.name for f in FIELDS])
    assert problems == []
    frame, problems, unreadable = parse_table(table, FIELDS)
    assert unreadable == {(p.line - 2, p.field) for p in problems}  # every reported cell, by row and column
    return frame, problems


def test_valid_cells_get_their_types_and_empty_means_missing(tmp_path):
    frame, problems = parse(tmp_path, "1,2.5,2018-12-31,true,NA\n,,,,\n")
    assert problems == []
    assert str(frame["n"].dtype) == "Int64" and frame["n"].tolist()[0] == 1 and frame["n"].isna().iat[1]
    assert frame["x"].iat[0] == 2.5 and pd.isna(frame["x"].iat[1])
    assert frame["d"].iat[0] == pd.Timestamp("2018-12-31") and str(frame["d"].dtype) == "datetime64[us]"
    assert bool(frame["b"].iat[0]) is True and pd.isna(frame["b"].iat[1])
    assert frame["s"].iat[0] == "NA" and pd.isna(frame["s"].iat[1])


def test_each_bad_cell_is_reported_with_line_and_column(tmp_path):
    _, problems = parse(tmp_path, "1.5,2,2018-01-01,true,a\n2,\"1,000\",2018-02-30,yes,b\n3,76.3%,18-01-01,false,c\n")
    found = sorted((p.line, p.column, p.rule, p.value) for p in problems)
    assert found == [
        (2, 1, "type-integer", "1.5"),
        (3, 2, "type-number", "1,000"),
        (3, 3, "type-date", "2018-02-30"),
        (3, 4, "type-boolean", "yes"),
        (4, 2, "type-number", "76.3%"),
        (4, 3, "type-date", "18-01-01"),
    ]


def test_spaces_around_a_number_are_not_a_number(tmp_path):
    _, problems = parse(tmp_path, "1, 2,2018-01-01,true,a\n")
    assert [p.rule for p in problems] == ["type-number"]


@pytest.mark.parametrize("kind, texts", [
    ("number", ["76.3", "1,000", "", "1e400", "-2", "abc", ".5"]),
    ("date", ["2018-12-31", "2018-02-30", "", "0000-01-01", "2016-02-29", "31/12/2018"]),
    ("integer", ["12", "12.0", "", "99999999999999999999", "-3"]),
    ("boolean", ["true", "yes", "", "FALSE", "0"]),
])
def test_a_long_column_parsed_once_per_distinct_text_gives_the_same_cells(kind, texts):
    from catraffick_data.distinct import each_distinct, repeats
    from catraffick_data.fieldtypes import _parse

    column = pd.Series(pd.array([texts[i % len(texts)] or None for i in range(3000)], dtype="str"))
    assert repeats(column)
    direct_values, direct_bad = _parse(kind, column)
    once = each_distinct(column, lambda t: pd.DataFrame(dict(zip(("value", "bad"), _parse(kind, t)))))
    values, bad = once["value"], once["bad"]
    assert values.isna().tolist() == direct_values.isna().tolist()
    assert values.dropna().tolist() == direct_values.dropna().tolist()
    assert bad.tolist() == direct_bad.tolist()
    assert bad.any() and not bad.all()
