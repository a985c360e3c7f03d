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
from .table_checks import Context

PARALLEL_ROWS = 100_000  # from this size on, column checks and row checks run side by side


@dataclass
class TableData:
    """One table's rows, from the raw file and any contributed file, with where each row came from."""
    spec: TableSpec
    text: pd.DataFrame  # the cells as written, for the columns that are not text already (numbers, dates)
    frame: pd.DataFrame
    files: np.ndarray
    lines: np.ndarray
    positions: dict[str, dict[str, int]]
    reported: set[tuple[int, str]] = field(default_factory=set)


def check_table(package: RawPackage, data: TableData, ctx: Context) -> list[Problem]:
    spec = data.spec
    ctx.figure_prefix = spec.figure_prefix
    ctx.figure_key = package.figure_key(spec) if spec.is_figure_table else []
    rendered = render(spec, list(data.frame.columns), ctx)
    if len(data.frame) >= PARALLEL_ROWS:  # most of either half is in Arrow kernels, outside the GIL
        with ThreadPoolExecutor(max_workers=1) as pool:
            rows = pool.submit(row_failures, rendered, data.frame)
            cases = column_failures(rendered, data.frame)
            found = rows.result()
    else:
        cases, found = column_failures(rendered, data.frame), row_failures(rendered, data.frame)
    return _row_problems(data, rendered, found) + _column_problems(data, rendered, cases)


def column_failures(rendered: RenderedSchema, frame: pd.DataFrame) -> pd.DataFrame | None:
    """pandera's failure cases for the columns (and a composite key) of the schema, None when all pass."""
    schema = rendered.schema
    columns_only = pa.DataFrameSchema(schema.columns, unique=schema.unique, strict=False, name=schema.name)
    try:
        columns_only.validate(frame, lazy=True)
        return None
    except pa.errors.SchemaErrors as err:
        return err.failure_cases


def row_failures(rendered: RenderedSchema, frame: pd.DataFrame) -> list[tuple[int, np.ndarray | str]]:
    """For each frame check (by its check number): the positions of the rows it fails, or, when the
    check itself raised, what it raised (reported, never taken as a pass)."""
    out: list[tuple[int, np.ndarray | str]] = []
    for number, test in enumerate(rendered.frame_tests):
        try:
            passed = test(frame)
            ok = passed.reindex(frame.index) if isinstance(passed, pd.Series) else pd.Series(passed, index=frame.index)
            out.append((number, np.flatnonzero(~ok.to_numpy(dtype=bool, na_value=False))))  # undecided fails
        except Exception as exc:  # noqa: BLE001 - any failure of a check must surface as a problem
            out.append((number, f"{type(exc).__name__}: {exc}"))
    return out


def _row_problems(data: TableData, rendered: RenderedSchema, found) -> list[Problem]:
    problems: list[Problem] = []
    for number, rows in found:
        rule, report = rendered.frame_rules[number]
        if isinstance(rows, str):
            problems.append(Problem(_table_file(data), None, None, report, "check-error",
                                    f"the {rule.rule} check could not run: {rows}", None,
                                    "this is a bug in catraffick_data; please report it"))
            continue
        for row in rows.tolist():
            if any((row, c) in data.reported for c in rule.columns):
                continue  # its cells are already reported as unreadable
            problems.append(_problem(data, row, report, rule.rule, rule.message, _written(data, report, row),
                                     rule.hint))
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
        elif check == "field_uniqueness" or check.startswith("multiple_fields_uniqueness"):
            key_rule = "primary-key" if column in spec.primary_key else "unique"
            problems.append(_problem(data, row, column, key_rule, "the value is used by more than one row",
                                     text_value, _duplicate_hint(data, column, row)))
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


def _duplicate_hint(data: TableData, column: str, row: int) -> str:
    values = data.frame[column]
    others = np.flatnonzero((values == values.iat[row]).to_numpy(dtype=bool, na_value=False))
    places = [f"{data.files[i]}:{data.lines[i]}" for i in others if i != row][:3]
    return "also at " + ", ".join(places) + "; give every row its own key"
