"""Run one table's checks and turn every failure into a located Problem.

pandera checks the columns (types, empty cells, keys, constraints, text hygiene). The frame checks of
the same rendered schema (foreign keys and the row checks of table_checks) are run here, function by
function: pandera would select the failing rows of the whole frame after each of them, even when none
fails, and on Arrow-backed columns read in many blocks every such selection copies every column, a
tenth of a second per check on a million rows. Both ways give the same rows (tests/test_table_problems.py).
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .pandera_schema import RenderedSchema, Rule, render, text_trouble
from .problems import Problem
from .rawpackage import RawPackage, TableSpec
from .table_checks import Context, group_codes

KEY_RULES = ("primary-key", "unique")
PARALLEL_ROWS = 100_000  # from this size on, column checks and row checks run side by side


@dataclass
class TableData:
    """One table's rows, from the raw file and any contributed file, with where each row came from."""
    spec: TableSpec
    text: pd.DataFrame  # the cells as written, for the columns that are not text already (numbers, dates)
    frame: pd.DataFrame
    files: pd.Categorical  # the file (as shown in problems) of each row
    lines: np.ndarray
    positions: dict[str, dict[str, int]]
    reported: set[tuple[int, str]] = field(default_factory=set)


def check_table(package: RawPackage, data: TableData, ctx: Context) -> list[Problem]:
    spec = data.spec
    ctx.figure_prefix = spec.figure_prefix
    ctx.figure_key = package.figure_key(spec) if spec.is_figure_table else []
    rendered = render(spec, list(data.frame.columns), ctx)
    frame = data.frame
    if len(frame) >= PARALLEL_ROWS:
        # pandera's column checks and each frame check are tasks for two threads, taken in turn as
        # each thread is free: most of their work is in Arrow kernels, outside the GIL
        with ThreadPoolExecutor(max_workers=2) as pool:
            columns = pool.submit(column_failures, rendered, frame)
            found = row_failures(rendered, frame, pool.map)  # map submits every test at once
            cases = columns.result()
    else:
        cases, found = column_failures(rendered, frame), row_failures(rendered, frame)
    return _row_problems(data, rendered, found) + _column_problems(data, rendered, cases)


def column_failures(rendered: RenderedSchema, frame: pd.DataFrame) -> pd.DataFrame | None:
    """pandera's failure cases for the columns of the schema, None when all pass."""
    schema = rendered.schema
    columns_only = pa.DataFrameSchema(schema.columns, strict=False, name=schema.name)
    try:
        columns_only.validate(frame, lazy=True)
        return None
    except pa.errors.SchemaErrors as err:
        return err.failure_cases


def row_failures(rendered: RenderedSchema, frame: pd.DataFrame, run=map) -> list[tuple[int, np.ndarray | str]]:
    """For each frame check (by its check number): the positions of the rows it fails, or, when the
    check itself raised, what it raised (reported, never taken as a pass). `run`: map, or a pool's map."""
    return list(enumerate(run(lambda test: _failing_rows(test, frame), rendered.frame_tests)))


def _failing_rows(test, frame: pd.DataFrame) -> np.ndarray | str:
    try:
        passed = test(frame)
    except Exception as exc:  # noqa: BLE001 - any failure of a check must surface as a problem
        return f"{type(exc).__name__}: {exc}"
    ok = passed.reindex(frame.index) if isinstance(passed, pd.Series) else pd.Series(passed, index=frame.index)
    return np.flatnonzero(~ok.to_numpy(dtype=bool, na_value=False))  # an undecided row fails


def _row_problems(data: TableData, rendered: RenderedSchema, found) -> list[Problem]:
    problems: list[Problem] = []
    for number, rows in found:
        rule, report = rendered.frame_rules[number]
        if isinstance(rows, str):
            problems.append(Problem(_table_file(data), None, None, report, "check-error",
                                    f"the {rule.rule} check could not run: {rows}", None,
                                    "this is a bug in catraffick_data; please report it"))
            continue
        hints = _duplicate_hints(data, list(rule.columns), rows) if rule.rule in KEY_RULES else {}
        for row in rows.tolist():
            if any((row, c) in data.reported for c in rule.columns):
                continue  # its cells are already reported as unreadable
            problems.append(_problem(data, row, report, rule.rule, rule.message, _written(data, report, row),
                                     hints.get(row, rule.hint)))
    return problems


def _column_problems(data: TableData, rendered: RenderedSchema, cases: pd.DataFrame | None) -> list[Problem]:
    spec = data.spec
    problems: list[Problem] = []
    for case in () if cases is None else cases.itertuples(index=False):
        row = None if pd.isna(case.index) else int(case.index)
        column = case.column if isinstance(case.column, str) else None
        number = None if pd.isna(case.check_number) else int(case.check_number)
        if row is None:
            problems.append(Problem(_table_file(data), None, None, column,
                                    "schema", f"pandera: {case.check}", None, None))
            continue
        if column and (row, column) in data.reported:
            continue
        text_value = _written(data, column, row) if column else case.failure_case
        check = str(case.check)
        if check == "not_nullable":
            problems.append(_problem(data, row, column, "required", "the cell is empty but the column is required",
                                     None, _field_doc(spec, column)))
        elif (column, number) in rendered.column_rules:
            rule = rendered.column_rules[(column, number)]
            if rule.rule == "text":
                rule = Rule(*text_trouble(str(case.failure_case)))
            problems.append(_problem(data, row, column, rule.rule, rule.message, text_value, rule.hint))
        else:
            problems.append(_problem(data, row, column, "schema", f"pandera: {check}", text_value, None))
    return problems


def _written(data: TableData, column: str | None, row: int):
    """A cell as the contributor wrote it, to show in a problem."""
    if column in data.text.columns:
        return data.text[column].iat[row]
    if column in data.frame.columns:
        return data.frame[column].iat[row]
    return None


def _table_file(data: TableData) -> str:
    """Where a problem with no row of its own is reported: the table's first file."""
    return data.files[0] if len(data.files) else data.spec.name


def _problem(data: TableData, row: int, column: str | None, rule: str, message: str,
             value, hint: str) -> Problem:
    file = data.files[row]
    pos = data.positions[file].get(column) if column else None
    if value is not None and not isinstance(value, str):
        value = None if pd.isna(value) else str(value)
    return Problem(file, int(data.lines[row]), pos, column, rule, message, value, hint or None)


def _field_doc(spec: TableSpec, column: str | None) -> str:
    for f in spec.fields:
        if f["name"] == column:
            return f.get("description", "")
    return ""


def _duplicate_hints(data: TableData, key: list[str], rows: np.ndarray) -> dict[int, str]:
    """Where else each of `rows` (all rows that share their key with another) has its key."""
    codes = group_codes(data.frame.iloc[rows], key)
    groups: dict[int, list[int]] = {}
    for code, row in zip(codes.tolist(), rows.tolist()):
        groups.setdefault(code, []).append(row)
    hints = {}
    for code, row in zip(codes.tolist(), rows.tolist()):
        places = [f"{data.files[i]}:{data.lines[i]}" for i in groups[code] if i != row][:3]
        hints[row] = "also at " + ", ".join(places) + "; give every row its own key"
    return hints
