"""How to read a release's files in pandas, R, DuckDB and a spreadsheet: the code the release README
shows, generated from the tables' columns so that a recipe always names the types the files have.
tests/test_clients_*.py run these recipes, as written, in the real clients.
"""
from __future__ import annotations

from .model import Table

# readr's column types for the Table Schema types; text is the default, so a column a later release
# adds is read as text, never guessed.
READR = {"number": "col_double()", "integer": "col_integer()", "date": "col_date()", "boolean": "col_logical()"}


def r_recipe(tables: list[Table]) -> str:
    """One readr call per table, typed: every column named with its type, or text."""
    lines = ["library(readr)"]
    for table in tables:
        typed = [f"{f.name} = {READR[f.type]}" for f in table.release_columns if f.type in READR]
        spec = ", ".join(["cols(.default = col_character()", *typed]) + ")"
        lines.append(f'{table.name} <- read_csv("data/{table.name}.csv", na = "", col_types = {spec})')
    return "\n".join(lines)


def pandas_recipe(table: Table) -> str:
    return "\n".join([
        "import pandas as pd",
        f'typed = pd.read_parquet("data/{table.name}.parquet")  # dates, numbers, booleans, categories',
        f'text = pd.read_csv("data/{table.name}.csv", dtype=str, keep_default_na=False, na_values=[""])',
    ])


def duckdb_recipe(table: Table) -> str:
    return "\n".join([
        f"SELECT * FROM read_parquet('data/{table.name}.parquet');",
        f"SELECT * FROM read_csv('data/{table.name}.csv', all_varchar = true, nullstr = '');",
    ])


def libreoffice_columns(tables: list[Table]) -> str:
    """LibreOffice's CSV column formats (token 5 of its CSV filter options): every column, up to the
    widest table's, as Text (2); columns a file lacks are ignored."""
    widest = max(len(t.release_columns) for t in tables)
    return "/".join(f"{i}/2" for i in range(1, widest + 1))


def libreoffice_recipe(tables: list[Table], table: Table) -> str:
    """Comma (44), double quote (34), UTF-8 (76), from line 1, then every column as Text."""
    return (f'soffice --headless --infilter="CSV:44,34,76,1,{libreoffice_columns(tables)}" '
            f"--convert-to ods data/{table.name}.csv")
