import pandas as pd

from catraffick_data.distinct import DISTINCT_FROM, each_distinct, each_distinct_row, repeats


def test_a_long_repetitive_column_is_tested_once_per_value():
    seen = []
    column = pd.Series(["a", "b", None] * DISTINCT_FROM, dtype="str")
    assert repeats(column) and not repeats(column.iloc[:10])
    result = each_distinct(column, lambda s: seen.append(len(s)) or s.str.len() == 1)
    assert seen == [3] and result.tolist() == [True, True, False] * DISTINCT_FROM


def test_each_distinct_row_calls_the_test_once_per_combination():
    calls = []
    df = pd.DataFrame({"a": ["x", "x", "y"], "b": [1, 1, 2]})
    out = each_distinct_row(df, ["a", "b"], lambda a, b: calls.append((a, b)) or f"{a}{b}")
    assert sorted(calls) == [("x", 1), ("y", 2)] and out.tolist() == ["x1", "x1", "y2"]
