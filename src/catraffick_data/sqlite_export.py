"""Write the release tables into one SQLite database: a table per resource, with its primary key and
foreign keys declared, so `PRAGMA foreign_key_check` can prove every reference resolves.

Dates are ISO 8601 text and booleans 0/1, SQLite having no types of its own for them.
"""
from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pandas as pd

SQL_TYPES = {"string": "TEXT", "number": "REAL", "integer": "INTEGER", "date": "TEXT", "boolean": "INTEGER"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_statement(name: str, schema: dict) -> str:
    lines = []
    required = {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")}
    for f in schema["fields"]:
        null = " NOT NULL" if f["name"] in required else ""
        lines.append(f"  {_quote(f['name'])} {SQL_TYPES[f.get('type', 'string')]}{null}")
    key = schema.get("primaryKey")
    if key:
        key = [key] if isinstance(key, str) else key
        lines.append(f"  PRIMARY KEY ({', '.join(map(_quote, key))})")
    for fk in schema.get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        target = ref.get("resource") or name
        lines.append(f"  FOREIGN KEY ({', '.join(map(_quote, fields))}) "
                     f"REFERENCES {_quote(target)} ({', '.join(map(_quote, ref_fields))})")
    return f"CREATE TABLE {_quote(name)} (\n" + ",\n".join(lines) + "\n)"


def _sql_value(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value


def write_sqlite(path: Path, tables: list[tuple[str, dict, pd.DataFrame]]) -> None:
    """`tables` holds (name, Table Schema, frame) in an order where references come first."""
    path = Path(path)
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA page_size = 4096")
        con.execute("PRAGMA journal_mode = OFF")
        for name, schema, frame in tables:
            con.execute(create_statement(name, schema))
            columns = [f["name"] for f in schema["fields"]]
            rows = ([_sql_value(v) for v in row] for row in zip(*(frame[c].astype(object) for c in columns)))
            marks = ", ".join("?" for _ in columns)
            con.executemany(f"INSERT INTO {_quote(name)} VALUES ({marks})", rows)
        con.commit()
        broken = con.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ValueError(f"foreign keys do not resolve in the SQLite export: {broken[:5]}")
        con.execute("VACUUM")
    finally:
        con.close()
