"""Property: whatever rows a contributor writes for hotline_counts, validation never raises, and it
either finds the file valid or lists problems that each name a file, a rule and a line of that file.
And a cell of a number type is either parsed to exactly the number it writes, or reported."""
from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catraffick_data.fieldtypes import _parse
from catraffick_data.printable import display_path
from catraffick_data.validate import validate
from conftest import ROOT, cut_package, model, read_rows

TABLE = "hotline_counts"
HEADER, REAL_ROWS = read_rows(ROOT / "raw" / f"{TABLE}.csv")


def line_count(data: bytes) -> int:
    """Physical lines as the validator counts them (ended by CRLF, CR or LF)."""
    return len(re.findall(rb"\r\n|\r|\n", data)) + (0 if not data or data.endswith((b"\n", b"\r")) else 1)


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    """A copy of the raw package cut down to hotline_counts and the tables its foreign keys name, so
    that each example validates in a fraction of a second."""
    keep = {TABLE} | {fk.table for fk in model().table(TABLE).foreign_keys} | {t.name for t in model().of_kind("listed")}
    return cut_package(tmp_path_factory.mktemp("property") / "pkg", keep)


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
AWKWARD = st.lists(st.sampled_from([",", '"', "\n", "\r", "\r\n", " ", "\t", "=", "-", "%", "$", "\x00", "é", "“",
                                    "\ufeff", "NA", "1", "0", "."]), min_size=1, max_size=8).map("".join)
NUMBER = st.one_of(st.integers(-10**6, 10**9).map(str), st.floats(allow_nan=True, allow_infinity=True).map(repr),
                   st.sampled_from(["1,000", "76.3%", "$5", "twelve", "1e400", "-0", ".5", "5."]))
DATE = st.one_of(st.dates().map(str), st.sampled_from(["2018-02-30", "2018-13-01", "2018-1-1", "0000-00-00"]))


def cell(column: str) -> st.SearchStrategy[str]:
    real = sorted({row[column] for row in REAL_ROWS})
    return st.one_of(st.just(""), st.sampled_from(real), TEXT, AWKWARD, NUMBER, DATE,
                     st.tuples(st.sampled_from(real), AWKWARD).map("".join))


def row() -> st.SearchStrategy[list[str]]:
    cells = st.tuples(*(cell(c) for c in HEADER)).map(list)
    # mostly the header's width; sometimes a cell short or too many, as a hand-edited file has
    return st.tuples(cells, st.sampled_from([0] * 6 + [-3, -1, 1, 2])).map(
        lambda t: t[0][:len(HEADER) + t[1]] if t[1] < 0 else t[0] + ["extra"] * t[1])


# Each example validates a whole (cut-down) package, about a third of a second of pandera checks; 12
# examples of up to 6 rows a run keep the test near 5 seconds (hypothesis varies them from run to run).
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rows=st.lists(row(), max_size=6), line_end=st.sampled_from(["\n", "\r\n", "\r"]))
def test_validation_never_raises_and_locates_every_problem(package, tmp_path_factory, rows, line_end):
    path = package.parent / "contributed.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator=line_end).writerows([HEADER, *rows])
    result = validate(package, [(path, TABLE)])

    files = [path, *(result.package.file(t) for t in result.package.tables.values())]
    lines = {display_path(f): line_count(Path(f).read_bytes()) for f in files}
    for p in result.problems:
        assert p.rule and p.file in result.checked and p.file in lines, p
        if p.file == display_path(path):
            assert p.line is not None, p  # a problem of the contributed file always has its line
        if p.line is not None:
            assert 1 <= p.line <= max(lines[p.file], 1), (p, lines[p.file])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.integers(-2**70, 2**70).map(str), st.integers(0, 10**6).map(lambda n: f"+{n:08d}"),
                          st.just("")), max_size=8))
def test_integer_cells_parse_exactly_or_are_reported(cells):
    values, bad = _parse("integer", pd.Series([c or None for c in cells], dtype="str"))  # the readers give NaN for ""
    for text, value, reported in zip(cells, values, bad):
        number = int(text) if text else None
        if number is not None and -2**63 <= number < 2**63:
            assert value == number and not reported, text
        else:
            assert pd.isna(value) and reported == (number is not None), text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.floats(allow_nan=False).map(repr), st.sampled_from(["1e400", "-1e999", ""])), max_size=8))
def test_number_cells_parse_to_finite_floats_or_are_reported(cells):
    values, bad = _parse("number", pd.Series([c or None for c in cells], dtype="str"))
    for text, value, reported in zip(cells, values, bad):
        if text and math.isfinite(float(text)):
            assert value == float(text) and not reported, text
        else:
            assert pd.isna(value) and reported == bool(text), text
