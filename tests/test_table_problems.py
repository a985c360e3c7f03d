"""The frame checks run outside pandera must fail exactly the rows pandera's own run of them fails."""
import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest

from catraffick_data.pandera_schema import render
from catraffick_data.table_problems import check_table, row_failures
from catraffick_data.validate import build_context, validate
from conftest import ROOT


def pandera_frame_failures(rendered, frame) -> dict[int, set[int]]:
    only_frame_checks = pa.DataFrameSchema({}, checks=rendered.schema.checks, strict=False)
    out = {number: set() for number in range(len(rendered.frame_tests))}
    try:
        only_frame_checks.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        for case in err.failure_cases.itertuples():
            out[int(case.check_number)].add(int(case.index))
    return out


def corrupted(frame: pd.DataFrame) -> pd.DataFrame:
    """A figure table with rows that break row checks and a foreign key, and two rows that share a key."""
    df = frame.copy()
    df.loc[0, "period_start"], df.loc[0, "period_end"] = pd.Timestamp("2020-01-01"), pd.Timestamp("1990-12-31")
    df.loc[1, "measure"] = "no_such_measure"
    df.loc[2, "value_text"] = "123,456,789"
    df.loc[3, "qualifier"] = "range"
    df.loc[4, "figure_id"] = "zz-004"
    df.loc[5, "statement_rank"] = "preferred"
    df.loc[5, "rank_reason"] = np.nan
    return df


@pytest.mark.parametrize("table", ["hotline_counts", "regional_figures", "victim_origins"])
def test_frame_checks_fail_the_same_rows_as_in_pandera(table):
    result = validate(ROOT)
    ctx = build_context(result.package, result.tables)
    data = result.tables[table]
    ctx.figure_prefix = data.spec.figure_prefix
    ctx.figure_key = result.package.figure_key(data.spec)
    frame = corrupted(data.frame)
    rendered = render(data.spec, list(frame.columns), ctx)

    ours = {number: set(rows.tolist()) for number, rows in row_failures(rendered, frame)}
    assert ours == pandera_frame_failures(rendered, frame)
    failing = {rendered.frame_rules[n][0].rule for n, rows in ours.items() if rows}
    assert {"period-order", "foreign-key", "value-text-in-excerpt", "figure-id-prefix", "rank-reason"} <= failing


def test_a_large_table_is_checked_the_same_in_two_threads(monkeypatch):
    import catraffick_data.table_problems as tp

    result = validate(ROOT)
    ctx = build_context(result.package, result.tables)
    data = result.tables["regional_figures"]
    data.frame = corrupted(data.frame)
    one_thread = check_table(result.package, data, ctx)
    monkeypatch.setattr(tp, "PARALLEL_ROWS", 1)
    two_threads = check_table(result.package, data, ctx)
    assert one_thread == two_threads
    assert len(one_thread) >= 5
