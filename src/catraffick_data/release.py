"""Write a release folder: per table a CSV and a typed Parquet file, and a datapackage.json that
describes both with their sizes and SHA-256 hashes.

Everything written is a function of the input tables alone (no clock, no paths, sorted keys), so two
builds of the same commit give the same bytes.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pandas as pd

from .cells import csv_text
from .descriptor import PACKAGE_PROFILE, resource_head, table_schema
from .model import Table
from .parquet_export import parquet_bytes
from .printable import printable
from .spreadsheet import is_formula

FILES = [
    ("data/<table>.csv", "one table, UTF-8, comma-separated, with a header row"),
    ("data/<table>.parquet", "the same table with types: dates as days, numbers, booleans, categories"),
    ("datapackage.json", "the Data Package (v2) descriptor: every column documented, size and SHA-256 of every "
                         "file, the hashes of the inputs the release was built from"),
]


def csv_bytes(name: str, frame: pd.DataFrame) -> bytes:
    """The table as CSV text. Every cell is checked as written: none may start like a spreadsheet
    formula unless it is a plain number (validation keeps such text out; this is the last guard)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    columns = [frame[c].astype(object).tolist() for c in frame.columns]
    for row in zip(*columns):
        cells = [csv_text(v) for v in row]
        for column, cell in zip(frame.columns, cells):
            if is_formula(cell):
                raise ValueError(f"{name}.{column} would hold a spreadsheet formula: {printable(cell)!r}")
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8")


def file_entry(data: bytes) -> dict:
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def write_tables(folder: Path, tables: list[tuple[Table, pd.DataFrame]]) -> list[dict]:
    """Write each table as data/<name>.csv and data/<name>.parquet; return their resource descriptors,
    with the release's Table Schema (the raw one and the columns a release adds)."""
    (folder / "data").mkdir(parents=True, exist_ok=True)
    resources = []
    for table, frame in tables:
        fields = table.release_columns
        frame = frame[[f.name for f in fields]]
        data_csv = csv_bytes(table.name, frame)
        data_parquet = parquet_bytes(frame, fields)
        (folder / "data" / f"{table.name}.csv").write_bytes(data_csv)
        (folder / "data" / f"{table.name}.parquet").write_bytes(data_parquet)
        resources.append({
            **resource_head(table), "path": f"data/{table.name}.csv", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", **file_entry(data_csv),
            "dialect": {"delimiter": ",", "header": True},
            "schema": table_schema(table, release=True),
            # The Parquet twin is not a resource of its own: frictionless 5 cannot count a Parquet file's
            # bytes and reads its missing numbers as "nan", so it would fail validation on correct data.
            "catraffick:parquet": {"path": f"data/{table.name}.parquet", "mediatype": "application/vnd.apache.parquet",
                                   **file_entry(data_parquet)},
        })
    return resources


def write_descriptor(folder: Path, descriptor: dict, resources: list[dict]) -> dict:
    out = {"$schema": PACKAGE_PROFILE, **descriptor, "resources": resources}
    (folder / "datapackage.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out
