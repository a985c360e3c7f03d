"""The fast way to read a well-formed CSV file: pyarrow's parser, used only when the physical line of
every record is certain without reading the file row by row.

That holds when the header is exactly the schema's, no byte is NUL, every carriage return ends a CRLF
line, and the file has exactly one line per record (no blank line, no cell spanning lines). Anything
else, or anything pyarrow rejects (ragged rows, bytes that are not UTF-8), goes to the careful reader
in csvfile.py, which locates each problem.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

CHUNK = 1 << 24
BOM = b"\xef\xbb\xbf"


def _one_line_per_record(path: Path) -> tuple[int, bytes] | None:
    """(number of physical lines, the first bytes), or None when the file may not map records to lines."""
    lines = 0
    head = b""
    previous_last = b""
    ends_with_newline = False
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            if not head:
                head = chunk[:1 << 16]
            if b"\x00" in chunk:
                return None
            carriage_returns = chunk.count(b"\r")
            lone_cr = carriage_returns - chunk.count(b"\r\n") if carriage_returns else 0
            if chunk.endswith(b"\r"):
                lone_cr -= 1  # its \n may start the next chunk
            if previous_last == b"\r" and not chunk.startswith(b"\n"):
                return None
            if lone_cr:
                return None
            lines += chunk.count(b"\n")
            previous_last = chunk[-1:]
            ends_with_newline = chunk.endswith(b"\n")
    if previous_last == b"\r":
        return None
    return lines + (0 if ends_with_newline else 1), head


def read_well_formed(path: Path, expected: list[str]) -> tuple[pd.DataFrame, np.ndarray] | None:
    """(text frame with NaN for empty cells, physical line of each record), or None."""
    scanned = _one_line_per_record(path)
    if scanned is None:
        return None
    lines, head = scanned
    first_line = head.removeprefix(BOM).split(b"\n", 1)[0]
    try:
        header = next(csv.reader(io.StringIO(first_line.decode("utf-8"), newline="")), None)
    except (UnicodeDecodeError, csv.Error):
        return None
    if header != expected:
        return None

    import pyarrow as pa
    import pyarrow.csv as pacsv

    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=expected, skip_rows=1, block_size=1 << 20),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in expected},
                                                 null_values=[""], strings_can_be_null=True,
                                                 quoted_strings_can_be_null=True),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if lines != table.num_rows + 1:  # a blank line or a cell over several lines: line numbers need csv.reader
        return None
    frame = pd.DataFrame({name: table.column(name).to_pandas() for name in expected})
    return frame, np.arange(2, table.num_rows + 2, dtype=np.int64)
