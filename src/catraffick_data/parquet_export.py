"""A release table as Parquet, with the Arrow type its Table Schema type names: a `date` is a date32 (a
day, not a timestamp), an `integer` an int64, a `boolean` a bool, a `number` a double, and a `string`
a string, or a dictionary of strings in the schema's order where the column has a fixed set of values
(pandas reads it back as a categorical of those values).

The schema is given to Arrow, not inferred from the frame, so a column's type never depends on the
rows it happens to hold (an all-empty column would otherwise be written as nulls of no type).
"""
from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .model import Field

ARROW_TYPES = {"string": pa.string(), "number": pa.float64(), "integer": pa.int64(), "date": pa.date32(),
               "boolean": pa.bool_()}


def arrow_type(field: Field) -> pa.DataType:
    if field.enum and field.type == "string":
        return pa.dictionary(pa.int32(), pa.string())
    return ARROW_TYPES[field.type]


def arrow_schema(fields) -> pa.Schema:
    return pa.schema([pa.field(f.name, arrow_type(f), nullable=not f.required) for f in fields])


def _prepared(frame: pd.DataFrame, fields) -> pd.DataFrame:
    """Enum columns as categoricals of every allowed value, in the schema's order; dates as days."""
    out = frame.copy()
    for f in fields:
        if f.enum and f.type == "string":
            out[f.name] = pd.Categorical(out[f.name], categories=f.enum)
        elif f.type == "date":
            out[f.name] = pd.to_datetime(out[f.name]).dt.normalize()
    return out


def parquet_bytes(frame: pd.DataFrame, fields) -> bytes:
    """The columns of `fields`, in their order, as one Parquet file (snappy, no index)."""
    fields = list(fields)
    prepared = _prepared(frame[[f.name for f in fields]], fields)
    table = pa.Table.from_pandas(prepared, schema=arrow_schema(fields), preserve_index=False)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="snappy")
    return buffer.getvalue()
