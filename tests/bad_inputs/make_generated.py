"""Write the malformed inputs that are too big or too binary to keep in git, and a large valid table.

The rows come from hc_valid_rows.csv beside this script (real rows of raw/hotline_counts.csv under new
figure_ids), so every generated file is broken in exactly one way.

    python tests/bad_inputs/make_generated.py DEST_FOLDER
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIG_FIELD = 10 * 1024 * 1024  # characters in the note of hc_field_10mb.csv


def valid_rows() -> tuple[list[str], list[dict]]:
    with open(HERE / "hc_valid_rows.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def csv_text(header: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def generate(dest: Path) -> dict[str, Path]:
    """Write the generated corpus files into `dest`; return file name -> path."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    header, rows = valid_rows()
    first, second = rows[0], rows[1]
    files = {
        # line 3 holds a note of 10 MB: longer than any text cell may be
        "hc_field_10mb.csv": csv_text(header, [first, {**second, "notes": "x" * BIG_FIELD}]).encode("utf-8"),
        # Excel's "Unicode Text" and Windows' Notepad "Unicode" are UTF-16 with a byte order mark
        "hc_utf16le.csv": csv_text(header, [first, second]).encode("utf-16"),
        # UTF-16 without a byte order mark: only the NUL bytes give it away
        "hc_utf16le_no_bom.csv": csv_text(header, [first, second]).encode("utf-16-le"),
        # NUL bytes inside the note on line 3
        "hc_nul_bytes.csv": csv_text(header, [first, {**second, "notes": "Same\x00statement\x00"}]).encode("utf-8"),
    }
    out = {}
    for name, data in files.items():
        (dest / name).write_bytes(data)
        out[name] = dest / name
    return out


def large_valid_table(raw_table: Path, copies: int) -> int:
    """Append `copies` valid rows to a raw hotline_counts.csv, so that building the package takes a while.

    Each is a real statement repeated under its own figure_id, deprecated, with a subgroup of its own
    (copy1, copy2...): rows that all state the same thing would make the build compare every pair of them.
    """
    header, rows = valid_rows()
    with open(raw_table, newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == header, "the raw table's header differs from hc_valid_rows.csv"
    if not Path(raw_table).read_bytes().endswith(b"\n"):
        with open(raw_table, "a", encoding="utf-8") as fh:
            fh.write("\n")
    with open(raw_table, "a", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        for i in range(copies):
            row = rows[i % len(rows)]
            writer.writerow({**row, "figure_id": f"hc-{5_000_000 + i}", "subgroup": f"copy{i}"})
    return copies


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in generate(Path(sys.argv[1])).values():
        print(path)
