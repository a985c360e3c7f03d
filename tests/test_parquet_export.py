"""Every release column has, in Parquet and in SQLite, the type its descriptor (datapackage.json) names."""
import json
import re
import sqlite3

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from catraffick_data.parquet_export import parquet_bytes
from conftest import model

# What a Table Schema type is in Arrow, and what SQLite (which has no date or boolean) stores it as.
ARROW = {"string": (pa.types.is_string, pa.types.is_dictionary), "number": (pa.types.is_float64,),
         "integer": (pa.types.is_int64,), "date": (pa.types.is_date32,), "boolean": (pa.types.is_boolean,)}
SQLITE = {"string": ("TEXT", {"text"}), "number": ("REAL", {"real"}), "integer": ("INTEGER", {"integer"}),
          "date": ("TEXT", {"text"}), "boolean": ("INTEGER", {"integer"})}
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def release_fields(built_release):
    descriptor = json.loads((built_release / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: r["schema"]["fields"] for r in descriptor["resources"]}


def test_every_parquet_column_has_its_descriptor_type(built_release):
    for name, fields in release_fields(built_release).items():
        schema = pq.read_schema(built_release / "data" / f"{name}.parquet")
        assert schema.names == [f["name"] for f in fields], name
        for f in fields:
            arrow = schema.field(f["name"]).type
            assert any(test(arrow) for test in ARROW[f["type"]]), (name, f["name"], f["type"], str(arrow))
            if pa.types.is_dictionary(arrow):
                assert f["type"] == "string" and "enum" in f.get("constraints", {}), (name, f["name"])
                assert pa.types.is_string(arrow.value_type)


def test_every_sqlite_column_has_its_descriptor_type_and_its_cells_too(built_release):
    con = sqlite3.connect(built_release / "catraffick-data.sqlite")
    try:
        for name, fields in release_fields(built_release).items():
            declared = {row[1]: row[2] for row in con.execute(f'PRAGMA table_info("{name}")')}
            assert list(declared) == [f["name"] for f in fields], name
            for f in fields:
                column = f["name"]
                sql_type, stored = SQLITE[f["type"]]
                assert declared[column] == sql_type, (name, column)
                kinds = {k for (k,) in con.execute(f'SELECT DISTINCT typeof("{column}") FROM "{name}"')}
                assert kinds - {"null"} <= stored, (name, column, kinds)
                values = [v for (v,) in con.execute(f'SELECT "{column}" FROM "{name}" WHERE "{column}" IS NOT NULL')]
                if f["type"] == "date":
                    assert all(ISO_DAY.match(v) for v in values), (name, column)
                if f["type"] == "boolean":
                    assert set(values) <= {0, 1}, (name, column)
    finally:
        con.close()


def test_dates_are_days_and_every_allowed_value_is_a_category(built_release):
    table = pq.read_table(built_release / "data" / "hotline_counts.parquet")
    csv = pd.read_csv(built_release / "data" / "hotline_counts.csv", dtype=str, keep_default_na=False)
    for column in ("period_start", "period_end"):
        days = table.column(column).to_pylist()
        assert [d.isoformat() if d else "" for d in days] == csv[column].tolist()
        assert any(days)
    qualifier = model().table("hotline_counts").field("qualifier")
    assert table.column("qualifier").combine_chunks().dictionary.to_pylist() == qualifier.enum


def test_a_column_with_no_value_keeps_its_type():
    """Types come from the fields, not from the rows: an all-empty date or integer column stays one."""
    from catraffick_data.model import Field

    fields = [Field("day", "date", "d", {}), Field("n", "integer", "n", {}), Field("flag", "boolean", "f", {}),
              Field("kind", "string", "k", {"enum": ("a", "b")})]
    frame = pd.DataFrame({"day": [pd.NaT, pd.NaT], "n": pd.array([None, None], dtype="Int64"),
                          "flag": pd.array([None, None], dtype="boolean"), "kind": [None, "b"]})
    schema = pq.read_schema(pa.BufferReader(parquet_bytes(frame, fields)))
    assert [str(t) for t in schema.types] == ["date32[day]", "int64", "bool",
                                              "dictionary<values=string, indices=int32, ordered=0>"]
