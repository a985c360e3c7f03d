"""Read one CSV file into text columns, keeping the physical line of every record.

Structure is checked here, before any type: encoding, NUL bytes, blank lines, the header against the
schema, and ragged rows. Line numbers come from `csv.reader.line_num`, so they stay right after blank
lines and quoted multi-line cells (pandas' own row index does not).
"""
from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .arrowcsv import read_well_formed
from .problems import Problem

csv.field_size_limit(sys.maxsize)  # an over-long cell is reported by its maxLength rule, not by a csv.Error

DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}

# Byte order marks of encodings other than UTF-8, longest first (UTF-32 LE starts like UTF-16 LE).
FOREIGN_BOMS = [(b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")]


def _physical_lines(data: bytes) -> list[bytes]:
    """Split bytes into lines the way `csv.reader.line_num` counts them: at CRLF, CR or LF.

    Splitting at LF alone put an encoding or NUL problem on the wrong line of a file with CR line
    ends (old Mac spreadsheets) or a lone CR inside a quoted cell, while every other problem of the
    same file was placed by csv.reader's count.
    """
    return re.split(rb"\r\n|\r|\n", data)


@dataclass
class CsvTable:
    file: str  # the path as shown in problems
    frame: pd.DataFrame  # one text column per schema field present in the header; NaN is an empty cell
    lines: np.ndarray  # physical line where each record starts
    positions: dict[str, int]  # field name -> 1-based column position in this file's header
    reported: set[tuple[int, str]] = field(default_factory=set)  # (row, field) cells already reported


def _decode(data: bytes, file: str, problems: list[Problem]) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte order mark (Excel writes one) is accepted and dropped
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for number, raw_line in enumerate(_physical_lines(data), start=1):
        try:
            raw_line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = raw_line[exc.start:exc.start + 4]
            problems.append(Problem(
                file, number, None, None, "encoding",
                f"bytes {bad!r} at character {exc.start + 1} are not UTF-8",
                hint="save the file as UTF-8 (in a spreadsheet: 'CSV UTF-8'); Latin-1 or Windows-1252 text shows this",
            ))
    return data.decode("utf-8", errors="replace")


def _check_header(header: list[str], expected: list[str], file: str, problems: list[Problem]) -> dict[str, int]:
    """Report every header difference; return the position of each expected field that is present."""
    positions: dict[str, int] = {}
    seen: set[str] = set()
    for pos, name in enumerate(header, start=1):
        if name in seen:
            problems.append(Problem(file, 1, pos, name, "header-duplicate-column",
                                    f"column {name!r} appears more than once", hint="delete or rename the repeated column"))
            continue
        seen.add(name)
        if name in expected:
            positions[name] = pos
    if len(header) == 1 and len(expected) > 1:
        for delim, word in DELIMITERS.items():
            if delim in header[0]:
                problems.append(Problem(
                    file, 1, 1, None, "delimiter",
                    f"the header is one column; the file seems separated by {word}",
                    value=header[0], hint="separate columns with commas (in a spreadsheet: save as 'CSV UTF-8, comma-delimited')"))
                return positions
    for pos, name in enumerate(header, start=1):
        if name in expected or name in positions:
            continue
        want = expected[pos - 1] if pos <= len(expected) else None
        if want is not None and want not in header:
            hint = "remove the spaces around the name" if name.strip() == want else f"rename it to {want!r}"
            problems.append(Problem(file, 1, pos, name, "header-renamed-column",
                                    f"column {pos} is {name!r} where the schema expects {want!r}", hint=hint))
        else:
            problems.append(Problem(file, 1, pos, name, "header-extra-column",
                                    f"column {name!r} is not in the schema", hint=f"the columns are: {', '.join(expected)}"))
    renamed = {expected[p.column - 1] for p in problems if p.rule == "header-renamed-column"}
    for name in expected:
        if name not in positions and name not in renamed:
            problems.append(Problem(file, 1, None, name, "header-missing-column",
                                    f"column {name!r} is missing", hint="add the column, even if its cells are empty"))
    present = [n for n in header if n in positions]
    if present != [n for n in expected if n in positions]:
        problems.append(Problem(file, 1, None, None, "header-order",
                                "the columns are in a different order from the schema",
                                hint=f"order them as: {', '.join(expected)}"))
    return positions


def read_csv_table(path: Path, display: str, expected: list[str],
                   prefetched=None) -> tuple[CsvTable | None, list[Problem]]:
    """Text columns (NaN for an empty cell) of every schema field found in the header, the physical
    line of each record, and every structural problem. `prefetched`: arrowcsv.prefetch() of this path."""
    fast = read_well_formed(Path(path), expected, prefetched)
    if fast is not None:
        frame, lines = fast
        return CsvTable(display, frame, lines, {name: i for i, name in enumerate(expected, start=1)}), []
    problems: list[Problem] = []
    data = Path(path).read_bytes()
    if not data.strip():
        problems.append(Problem(display, 1, None, None, "empty-file", "the file is empty; it needs at least a header",
                                hint="the first line must be the header: " + ",".join(expected)))
        return None, problems
    for bom, encoding in FOREIGN_BOMS:
        # UTF-16 (Excel's "Unicode Text") has a NUL byte in every ASCII character: one problem names the
        # cause, instead of a nul-byte problem on every line and a header of mojibake.
        if data.startswith(bom):
            problems.append(Problem(display, 1, None, None, "encoding", f"the file is {encoding}, not UTF-8",
                                    hint="save the file as UTF-8 (in a spreadsheet: 'CSV UTF-8', not 'Unicode Text')"))
            return None, problems
    if b"\x00" in data:
        for number, raw_line in enumerate(_physical_lines(data), start=1):
            if b"\x00" in raw_line:
                problems.append(Problem(display, number, None, None, "nul-byte", "the line contains a NUL byte",
                                        hint="the file may be UTF-16 or binary; save it as UTF-8 text"))
        data = data.replace(b"\x00", b"")
    text = _decode(data, display, problems)

    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    previous = 0
    for record in reader:
        start = previous + 1
        previous = reader.line_num
        if not record or (len(record) == 1 and record[0] == "" ):
            problems.append(Problem(display, start, None, None, "blank-line", "blank line",
                                    hint="delete the empty line (the Data Package validator rejects blank rows)"))
            continue
        if header is None:
            header = record
            continue
        rows.append(record)
        lines.append(start)
    if header is None:
        # Only a byte order mark, NUL bytes or blank records ('""'): data.strip() saw bytes, yet no record
        # holds text. Excel writes a lone BOM for an empty sheet; that is bad data, not an internal error.
        problems.append(Problem(display, 1, None, None, "empty-file", "the file has no header, only blank lines",
                                hint="the first line must be the header: " + ",".join(expected)))
        return None, problems
    positions = _check_header(header, expected, display, problems)

    width = len(header)
    reported: set[tuple[int, str]] = set()
    by_position = {pos: name for name, pos in positions.items()}
    for i, record in enumerate(rows):
        if len(record) > width:
            extra = record[width:]
            problems.append(Problem(display, lines[i], width + 1, None, "extra-cell",
                                    f"the row has {len(record)} cells, the header {width}",
                                    value=",".join(extra), hint="a comma inside a text cell needs the cell in double quotes"))
            del record[width:]
        elif len(record) < width:
            problems.append(Problem(display, lines[i], len(record) + 1, by_position.get(len(record) + 1), "missing-cell",
                                    f"the row has {len(record)} cells, the header {width}",
                                    hint="every row needs a cell for every column, even an empty one"))
            for pos in range(len(record) + 1, width + 1):
                if pos in by_position:
                    reported.add((i, by_position[pos]))
            record.extend([""] * (width - len(record)))

    columns = {}
    for name in expected:
        if name in positions:
            idx = positions[name] - 1
            columns[name] = pd.array([r[idx] or None for r in rows], dtype="str")
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))
    return CsvTable(display, frame, np.asarray(lines, dtype=np.int64), positions, reported), problems
