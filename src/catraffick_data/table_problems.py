"""Run one table's checks and turn every failure into a located Problem.

pandera checks the columns (types, empty cells, constraints, text hygiene); the frame checks (keys,
foreign keys, row checks) run beside it, on a second thread for a long table. A cell already reported
(unreadable, or failing a column check) is not reported again by a check that reads it: an unknown
qualifier is one `enum` problem, not also a `qualifier-bounds` one.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .checks import Context
from .distinct import group_codes
from .frame_checks import FrameCheck, frame_checks
from .model import Table
from .pandera_schema import Rule, render, text_trouble
from .problems import Problem
from .rulebook import rule

KEY_RULES = ("primary-key", "unique")
PARALLEL_ROWS = 100_000  # from this size on, column checks and row checks run side by side


@dataclass
class TableData:
    """One table's rows, from the raw file and any contributed file, with where each row came from."""
    spec: Table
    text: pd.DataFrame  # the cells as written, for the columns that are not text already (numbers, dates)
    frame: pd.DataFrame
    files: pd.Categorical  # the file (as shown in problems) of each row
    lines: np.ndarray
    positions: dict[str, dict[str, int]]
    reported: set[tuple[int, str]] = field(default_factory=set)  # cells unreadable as written


def check_table(data: TableData, ctx: Context) -> list[Problem]:
    frame = data.frame
    schema, column_rules = render(data.spec, list(frame.columns))
    checks = frame_checks(data.spec, list(frame.columns), ctx)
    if len(frame) >= PARALLEL_ROWS:
        # pandera's column checks and each frame check are tasks for two threads, taken in turn as
        # each thread is free: most of their work is in Arrow kernels, outside the GIL
        with ThreadPoolExecutor(max_workers=2) as pool:
            columns = pool.submit(column_failures, schema, frame)
            found = row_failures(checks, frame, pool.map)  # map submits every test at once
            cases = columns.result()
    else:
        cases, found = column_failures(schema, frame), row_failures(checks, frame)
    column_problems = _column_problems(data, column_rules, cases)
    failed = data.reported | {(p.row, p.field) for p in column_problems}
    return _row_problems(data, checks, found, failed) + [p.problem for p in column_problems]


def column_failures(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.DataFrame | None:
    """pandera's failure cases for the columns of the schema, None when all pass."""
    try:
        schema.validate(frame, lazy=True)
        return None
    except pa.errors.SchemaErrors as err:
        return err.failure_cases


def row_failures(checks: list[FrameCheck], frame: pd.DataFrame, run=map) -> list:
    """For each frame check: (positions of the rows it fails, their messages or None), or, when the
    check itself raised, what it raised (reported, never taken as a pass). `run`: map, or a pool's map."""
    return list(run(lambda check: _failing_rows(check, frame), checks))


def _failing_rows(check: FrameCheck, frame: pd.DataFrame):
    try:
        result = check.test(frame)
    except Exception as exc:  # noqa: BLE001 - any failure of a check must surface as a problem
        return f"{type(exc).__name__}: {exc}"
    result = result.reindex(frame.index) if isinstance(result, pd.Series) else pd.Series(result, index=frame.index)
    if result.dtype == object:  # a check that words its own problems: None where a row passes
        rows = np.flatnonzero(result.notna().to_numpy())
        return rows, result.iloc[rows].tolist()
    return np.flatnonzero(~result.to_numpy(dtype=bool, na_value=False)), None  # an undecided row fails


def _row_problems(data: TableData, checks: list[FrameCheck], found, failed: set) -> list[Problem]:
    problems: list[Problem] = []
    for check, outcome in zip(checks, found):
        if isinstance(outcome, str):
            problems.append(Problem(_table_file(data), None, None, check.report, "check-error",
                                    f"the {check.rule} check could not run: {outcome}", None, rule("check-error").hint))
            continue
        rows, messages = outcome
        hints = _duplicate_hints(data, list(check.columns), rows) if check.rule in KEY_RULES else {}
        for i, row in enumerate(rows.tolist()):
            if any((row, c) in failed for c in check.columns):
                continue  # a cell it reads is already reported
            message = messages[i] if messages else check.message
            problems.append(_problem(data, row, check.report, check.rule, message, _written(data, check.report, row),
                                     hints.get(row, check.hint)))
    return problems


@dataclass(frozen=True)
class _Located:
    row: int | None
    field: str | None
    problem: Problem


def _column_problems(data: TableData, rules: dict[tuple[str, int], Rule], cases) -> list[_Located]:
    out: list[_Located] = []
    for case in () if cases is None else cases.itertuples(index=False):
        row = None if pd.isna(case.index) else int(case.index)
        column = case.column if isinstance(case.column, str) else None
        number = None if pd.isna(case.check_number) else int(case.check_number)
        if row is None:
            out.append(_Located(None, column, Problem(_table_file(data), None, None, column, "schema",
                                                      f"pandera: {case.check}", None, rule("schema").hint)))
            continue
        if column and (row, column) in data.reported:
            continue
        value = _written(data, column, row) if column else case.failure_case
        if str(case.check) == "not_nullable":
            r = Rule("required", rule("required").message, _field_doc(data.spec, column))
        elif (column, number) in rules:
            r = rules[(column, number)]
            if r.rule == "text":
                r = Rule(*text_trouble(str(case.failure_case)))
        else:
            r = Rule("schema", f"pandera: {case.check}", rule("schema").hint)
        out.append(_Located(row, column, _problem(data, row, column, r.rule, r.message, value, r.hint)))
    return out


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


def _problem(data: TableData, row: int, column: str | None, rule_id: str, message: str, value, hint: str) -> Problem:
    file = data.files[row]
    pos = data.positions[file].get(column) if column else None
    if value is not None and not isinstance(value, str):
        value = None if pd.isna(value) else str(value)
    return Problem(file, int(data.lines[row]), pos, column, rule_id, message, value, hint or None)


def _field_doc(spec: Table, column: str | None) -> str:
    return next((f.description for f in spec.fields if f.name == column), "")


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
