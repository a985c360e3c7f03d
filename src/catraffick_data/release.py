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
import math
from pathlib import Path

import pandas as pd

from .rawpackage import TableSpec
from .printable import printable
from .spreadsheet import is_formula

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
MISSING = ""  # the one missing-value marker of every release CSV


def _cell(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return MISSING
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def csv_bytes(name: str, frame: pd.DataFrame) -> bytes:
    """The table as CSV text. Every cell is checked as written: none may start like a spreadsheet
    formula unless it is a plain number (validation keeps such text out; this is the last guard)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    columns = [frame[c].astype(object).tolist() for c in frame.columns]
    for row in zip(*columns):
        cells = [_cell(v) for v in row]
        for column, cell in zip(frame.columns, cells):
            if is_formula(cell):
                raise ValueError(f"{name}.{column} would hold a spreadsheet formula: {printable(cell)!r}")
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8")


def typed_for_release(frame: pd.DataFrame, spec_fields: list[dict]) -> pd.DataFrame:
    """Enum columns become categoricals in the schema's order, so a notebook sees the allowed values."""
    out = frame.copy()
    for f in spec_fields:
        enum = f.get("constraints", {}).get("enum")
        if enum and f["name"] in out.columns:
            out[f["name"]] = pd.Categorical(out[f["name"]], categories=enum)
    return out


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow", compression="snappy")
    return buffer.getvalue()


def file_entry(data: bytes) -> dict:
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def write_tables(folder: Path, tables: list[tuple[TableSpec, dict, pd.DataFrame]]) -> list[dict]:
    """Write each table as data/<name>.csv and data/<name>.parquet; return their resource descriptors.

    `tables` holds (spec, release schema, frame); the release schema may add columns to the raw one.
    """
    (folder / "data").mkdir(parents=True, exist_ok=True)
    resources = []
    for spec, schema, frame in tables:
        frame = frame[[f["name"] for f in schema["fields"]]]
        data_csv = csv_bytes(spec.name, frame)
        data_parquet = parquet_bytes(typed_for_release(frame, schema["fields"]))
        (folder / "data" / f"{spec.name}.csv").write_bytes(data_csv)
        (folder / "data" / f"{spec.name}.parquet").write_bytes(data_parquet)
        resources.append({
            "name": spec.name, "type": "table", "path": f"data/{spec.name}.csv", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "title": spec.title, "description": spec.description,
            **file_entry(data_csv),
            "dialect": {"delimiter": ",", "header": True},
            "schema": schema,
            # The Parquet twin is not a resource of its own: frictionless 5 cannot count a Parquet file's
            # bytes and reads its missing numbers as "nan", so it would fail validation on correct data.
            "catraffick:parquet": {"path": f"data/{spec.name}.parquet", "mediatype": "application/vnd.apache.parquet",
                                   **file_entry(data_parquet)},
        })
    return resources


def write_descriptor(folder: Path, descriptor: dict, resources: list[dict]) -> dict:
    out = dict(descriptor)
    out["$schema"] = PROFILE
    out["resources"] = resources
    (folder / "datapackage.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out
