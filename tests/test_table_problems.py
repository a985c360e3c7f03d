"""One table's checks turned into located problems, the same in one thread or two."""
import numpy as np
import pandas as pd
import pytest

import catraffick_data.table_problems as tp
from catraffick_data.table_problems import check_table
from catraffick_data.validate import build_context, validate
from conftest import ROOT


@pytest.fixture(scope="module")
def validated():
    return validate(ROOT)


def fresh(validated):
    """The validated raw package, with tables a test may change (the shared one stays as it was)."""
    from dataclasses import replace

    return replace(validated, tables={name: replace(data) for name, data in validated.tables.items()})


@pytest.fixture
def result(validated):
    return fresh(validated)


def corrupted(frame: pd.DataFrame) -> pd.DataFrame:
    """A figure table with rows that break row checks, a foreign key and an enum."""
    df = frame.copy()
    df.loc[0, "period_start"], df.loc[0, "period_end"] = pd.Timestamp("2020-01-01"), pd.Timestamp("1990-12-31")
    df.loc[1, "measure"] = "no_such_measure"
    df.loc[2, "value_text"] = "123,456,789"
    df.loc[3, "qualifier"] = "roughly"
    df.loc[4, "figure_id"] = "zz-004"
    df.loc[5, "statement_rank"] = "preferred"
    df.loc[5, "rank_reason"] = np.nan
    return df


def problems_of(result, table, monkeypatch=None):
    data = result.tables[table]
    data.frame = corrupted(data.frame)
    return check_table(data, build_context(result.package, result.tables))


def test_each_corruption_is_one_located_problem(result):
    found = {(p.line, p.rule) for p in problems_of(result, "regional_figures")}
    assert {(2, "period-order"), (3, "foreign-key"), (4, "value-text-in-excerpt"), (6, "figure-id-prefix"),
            (7, "rank-reason"), (5, "enum")} <= found


def test_a_cell_failing_one_rule_is_not_reported_again_by_a_rule_that_reads_it(result):
    rules = [p.rule for p in problems_of(result, "regional_figures") if p.line == 5]
    assert rules == ["enum"], rules  # not also qualifier-bounds


def test_a_large_table_is_checked_the_same_in_two_threads(validated, monkeypatch):
    one_thread = problems_of(fresh(validated), "regional_figures")
    monkeypatch.setattr(tp, "PARALLEL_ROWS", 1)
    two_threads = problems_of(fresh(validated), "regional_figures")
    assert sorted(one_thread) == sorted(two_threads) and len(one_thread) >= 6


def test_a_failure_without_a_rule_of_its_own_is_reported_as_schema(result):
    data = result.tables["breakdowns"]
    data.frame = data.frame.astype({"exhaustive": "str"})  # not the dtype the schema declares: no rule for that
    problems = check_table(data, build_context(result.package, result.tables))
    assert problems and {p.rule for p in problems} == {"schema"}
