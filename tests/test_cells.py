import pandas as pd

from catraffick_data.cells import csv_text, sql_value


def test_one_cell_rule_for_csv_and_sqlite():
    for missing in (None, pd.NA, float("nan"), pd.NaT):
        assert csv_text(missing) == "" and sql_value(missing) is None
    assert csv_text(True) == "true" and sql_value(True) == 1
    assert csv_text(5.0) == "5" and csv_text(76.3) == "76.3" and sql_value(5.0) == 5.0
    assert csv_text(pd.Timestamp("2018-12-31")) == "2018-12-31" == sql_value(pd.Timestamp("2018-12-31"))
