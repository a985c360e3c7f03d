"""The fast way to read a well-formed CSV file: pyarrow's parser, used only when the physical line of
every record is certain without reading the file row by row.

That holds when the header is exactly the schema's, no byte is NUL, every carriage return ends a CRLF
line, and the file has exactly one line per record (no blank line, no cell spanning lines). Anything
else, or anything pyarrow rejects (ragged rows, bytes that are not UTF-8), goes to the careful reader
in csvfile.py, which locates each problem.

Nothing here imports pandas at module level: `prefetch` starts reading a large file while the
validator's own imports (pandas, pandera) are still running.
"""
from __future__ import annotations

import csv
import io
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

CHUNK = 1 << 24
BLOCK = 8 << 20  # bytes Arrow parses at a time; fewer chunks per column make later row selections cheap
BOM = b"\xef\xbb\xbf"


def _line_count(path: Path) -> int | None:
    """Physical lines of the file, or None when a NUL byte or a lone CR makes them uncertain.

    The file is mapped, not read, and scanned by numpy, which leaves the GIL free: this runs while
    Arrow parses the same file and while the validator's imports run."""
    import mmap

    import numpy as np

    size = Path(path).stat().st_size
    if size == 0:
        return 1
    lines = 0
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        data = np.frombuffer(mapped, dtype=np.uint8)
        try:
            for start in range(0, size, CHUNK):
                part = data[start:start + CHUNK + 1]  # one byte more: the \n after a CR that ends the chunk
                body = part[:CHUNK]
                if (body == 0).any():
                    return None
                cr = np.flatnonzero(body == 13)
                if len(cr) and (cr[-1] + 1 >= len(part) or (part[cr + 1] != 10).any()):
                    return None  # a CR not followed by LF
                lines += int(np.count_nonzero(body == 10))
            ends_with_newline = bool(data[-1] == 10)
        finally:
            del data, part, body  # the map cannot close while numpy still points into it
    return lines + (0 if ends_with_newline else 1)


def _header(path: Path) -> list[str] | None:
    with open(path, "rb") as fh:
        first_line = fh.read(1 << 16).removeprefix(BOM).split(b"\n", 1)[0]
    try:
        return next(csv.reader(io.StringIO(first_line.decode("utf-8"), newline="")), None)
    except (UnicodeDecodeError, csv.Error):
        return None


def _arrow_table(path: Path, expected: list[str]):
    import pyarrow as pa
    import pyarrow.csv as pacsv

    try:
        return pacsv.read_csv(
            path,
            # a file of one block is parsed on the calling thread: Arrow's pool may be busy with a
            # large file read in the background, and would make a small one wait for it
            read_options=pacsv.ReadOptions(column_names=expected, skip_rows=1, block_size=BLOCK,
                                           use_threads=Path(path).stat().st_size > BLOCK),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=True),
            # large_string is what pandas' "str" columns hold: reading it directly spares a copy
            convert_options=pacsv.ConvertOptions(column_types={n: pa.large_string() for n in expected},
                                                 null_values=[""], strings_can_be_null=True,
                                                 quoted_strings_can_be_null=True),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def read_arrow(path: Path, expected: list[str]):
    """Arrow table of text columns, or None when the fast way does not apply."""
    if not os.fsencode(path).decode("utf-8", errors="ignore") == os.fspath(path):
        return None  # Arrow opens files by UTF-8 name only; a name with other bytes is read the careful way
    if _header(path) != expected:
        return None
    with ThreadPoolExecutor(max_workers=1) as pool:
        counting = pool.submit(_line_count, path)  # counts lines while Arrow parses, outside the GIL
        table = _arrow_table(path, expected)
        lines = counting.result()
    if table is None or lines != table.num_rows + 1:
        return None  # a blank line, a cell over several lines, a NUL or a lone CR: csv.reader must place them
    return table


def prefetch(path: Path, expected: list[str]) -> Future:
    """Start `read_arrow` in a background thread; pass the Future to `read_well_formed`."""
    future: Future = Future()

    def run():
        try:
            future.set_result(read_arrow(path, expected))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the result
            future.set_exception(exc)

    threading.Thread(target=run, name=f"read {Path(path).name}", daemon=True).start()
    return future


def read_well_formed(path: Path, expected: list[str], prefetched: Future | None = None):
    """(text frame with NaN for empty cells, physical line of each record), or None."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    table = prefetched.result() if prefetched is not None else read_arrow(path, expected)
    if table is None:
        return None
    frame = pd.DataFrame({name: table.column(name).to_pandas() for name in expected})
    rows = table.num_rows
    del table
    pa.default_memory_pool().release_unused()  # give back the parser's scratch memory now, not at exit
    return frame, np.arange(2, rows + 2, dtype=np.int64)
