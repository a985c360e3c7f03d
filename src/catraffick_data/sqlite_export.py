"""Write the release tables into one SQLite database: a table per resource, with its primary key and
foreign keys declared, so `PRAGMA foreign_key_check` can prove every reference resolves.

Dates are ISO 8601 text and booleans 0/1, SQLite having no types of its own for them.
"""
from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pandas as pd

from .cells import sql_value
from .model import Table

SQLITE_NAME = "catraffick-data.sqlite"
FILES = [(SQLITE_NAME, "every table in one SQLite database, primary and foreign keys declared, with the views "
                       "`figures` (every figure table), `preferred_figures` and `figure_sources` (figures beside "
                       "their sources and measures)")]
SQL_TYPES = {"string": "TEXT", "number": "REAL", "integer": "INTEGER", "date": "TEXT", "boolean": "INTEGER"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_statement(table: Table) -> str:
    lines = []
    for f in table.release_columns:
        null = " NOT NULL" if f.required else ""
        lines.append(f"  {_quote(f.name)} {SQL_TYPES[f.type]}{null}")
    lines.append(f"  PRIMARY KEY ({', '.join(map(_quote, table.primary_key))})")
    for fk in table.foreign_keys:
        lines.append(f"  FOREIGN KEY ({', '.join(map(_quote, fk.fields))}) "
                     f"REFERENCES {_quote(fk.table)} ({', '.join(map(_quote, fk.ref_fields))})")
    return f"CREATE TABLE {_quote(table.name)} (\n" + ",\n".join(lines) + "\n)"


def write_sqlite(path: Path, tables: list[tuple[Table, pd.DataFrame]], views: list[str] = ()) -> None:
    """`tables` holds (table, frame) in the model's export order, where references come first; `views`:
    CREATE VIEW statements (sqlviews.py), run once the tables are written."""
    path = Path(path)
    if path.exists():
        path.unlink()
    try:
        _write(path, tables, views)
    except sqlite3.OperationalError as exc:  # the disk, not the data: said as the system would say it
        for words, code in (("full", errno.ENOSPC), ("readonly", errno.EROFS), ("disk I/O", errno.EIO)):
            if words in str(exc):
                raise OSError(code, os.strerror(code), str(path)) from None
        raise


def _write(path: Path, tables: list[tuple[Table, pd.DataFrame]], views: list[str]) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA page_size = 4096")
        con.execute("PRAGMA journal_mode = OFF")
        for table, frame in tables:
            con.execute(create_statement(table))
            columns = [f.name for f in table.release_columns]
            rows = ([sql_value(v) for v in row] for row in zip(*(frame[c].astype(object) for c in columns)))
            marks = ", ".join("?" for _ in columns)
            con.executemany(f"INSERT INTO {_quote(table.name)} VALUES ({marks})", rows)
        for view in views:
            con.execute(view)
        con.commit()
        broken = con.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ValueError(f"foreign keys do not resolve in the SQLite export: {broken[:5]}")
        con.execute("VACUUM")
    finally:
        con.close()
