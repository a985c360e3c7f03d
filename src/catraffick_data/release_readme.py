"""The README of a release, for people who download it: what the data are and are not, every file,
every table with its columns (from the model), the statement key, recipes for pandas, R, DuckDB and a
spreadsheet, the licence and how to cite."""
from __future__ import annotations

from . import aboutdata, recipes
from .codebook import _allowed, _cell
from .model import Model, Table
from .workbook import WORKBOOK_NAME

FILES = [("README.md", "this file")]


def _bullets(lines) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _code(language: str, text: str) -> str:
    return f"```{language}\n{text}\n```"


def table_section(table: Table, rows: int) -> str:
    lines = [f"### `{table.name}`: {table.title}", "",
             (f"One row is {table.row}. " if table.row else "") + table.description, "",
             f"- files: `data/{table.name}.csv`, `data/{table.name}.parquet`, sheet `{table.name}` of "
             f"`{WORKBOOK_NAME}`, table `{table.name}` of the SQLite database; {rows} rows",
             f"- primary key: {', '.join(f'`{c}`' for c in table.primary_key)}"]
    if table.statement_key:
        lines.append(f"- statement key: {', '.join(f'`{c}`' for c in table.statement_key)}")
    for fk in table.foreign_keys:
        lines.append(f"- `{fk.fields[0]}` refers to `{fk.table}.{fk.ref_fields[0]}`")
    lines += ["", "| column | type | required | meaning | allowed |", "|---|---|---|---|---|"]
    for f in table.release_columns:
        required = "yes" if f.required or f.name in table.primary_key else ""
        lines.append(f"| `{f.name}` | {f.type} | {required} | {_cell(f.description)} | {_cell(_allowed(f))} |")
    return "\n".join(lines)


def _statement_key(model: Model) -> str:
    figures = model.figure_tables
    if not figures:
        return ""
    common = [c for c in figures[0].statement_key if all(c in t.statement_key for t in figures)]
    example = next((t for t in figures if t.dimensions), None)
    words = (f"Two rows of a figure table state the same thing, and compete for `statement_rank` "
             f"`preferred`, when they agree on {', '.join(f'`{c}`' for c in common)} and on the table's own "
             "columns its statement key lists below.")
    if example:
        words += (f" A total and its parts differ in such a column: in `{example.name}`, rows that differ only in "
                  f"`{example.dimensions[0]}` are different statements, so a pivot that ignores it adds a total "
                  "to its own parts.")
    return words


def _look_at(names: list[str], database: str | None) -> str:
    """How to look at the data without code: the web site and Datasette, for the files the release has."""
    parts = []
    if "site/index.html" in names:
        parts.append("Open `site/index.html` in a browser (no server or network needed): what the data are and are "
                     "not, a page per table (filter and sort its rows), a page per measure with a chart of every "
                     "source's figures, a card per figure with its excerpt and source, the conflict register and the "
                     "codebook. The release folder can be published as it is on any static web host; the site is "
                     "then at `site/`.")
    metadata = next((n for n in names if n.startswith("datasette-")), None)
    if metadata and database:
        parts.append("Browse the SQLite database with Datasette (`pip install datasette`), with every table's "
                     f"title, description, licence and column descriptions:\n\n```sh\n"
                     f"datasette {database} --metadata {metadata}\n```")
    return "## Look at the data\n\n" + "\n\n".join(parts) + "\n\n" if parts else ""


def release_readme(descriptor: dict, row_counts: dict[str, int], files: list[tuple[str, str]],
                   model: Model) -> str:
    """`files`: (name, what it is) of every file the release holds."""
    version = descriptor["version"]
    tables = [model.table(r["name"]) for r in descriptor["resources"]]
    counts = "\n".join(f"| `{t.name}` | {row_counts[t.name]} | {_cell(t.row or t.title)} |" for t in tables)
    listing = "\n".join(f"| `{name}` | {what} |" for name, what in files)
    licences = "; ".join(f"{lic.get('title', lic['name'])} ({lic['name']})" for lic in descriptor.get("licenses", []))
    first = (model.figure_tables or tables)[0]  # the recipes' example: a table of figures
    sections = "\n\n".join(table_section(t, row_counts[t.name]) for t in tables)
    return f"""# {descriptor.get('title', 'catraffick_data')}, version {version}

{descriptor.get('description', '')}

Released {model.package['released']}. Licence of the data: {licences} (`LICENSE-DATA`). How to cite: at the end.

## What the data are

{_bullets(aboutdata.ARE)}

## What they are not

{_bullets(aboutdata.ARE_NOT)}

`datasheet.md` says why the data exist, how they were made, and how not to use them.

## Files

| file | what it is |
|---|---|
{listing}

## Tables

| table | rows | one row is |
|---|---|---|
{counts}

Each figure row carries its source, where in the source it stands, a verbatim excerpt containing the number
(quoted from the text its source's `text_file` names, in `sources/`), and `statement_rank` (preferred, normal
or deprecated). Where sources disagree, every figure is kept, and the `conflicts` table says how they
disagree; `in_conflict` and `conflict_ids` flag the rows involved, and `small_count` the counts of fewer
than 11 for a place inside a state.

{_statement_key(model)}

{_look_at([name for name, _ in files], descriptor.get("catraffick:sqlite", {}).get("path"))}## Reading the files

An empty cell means no value. No text value is ever empty, and "NA" is text (Namibia's ISO code), not a
missing value. No cell starts with =, +, -, @ unless it is a number. Percentages are written 0-100 (76.3
means 76.3%). Money is in US dollars. Dates are ISO 8601 days (YYYY-MM-DD); true/false columns hold
`true` or `false`.

### pandas

The Parquet files are typed; the CSV files read as text keep every code and written number as it is
(here for `{first.name}`; every table alike):

{_code("python", recipes.pandas_recipe(first))}

### R (readr)

Every table, each column with its type (text where none is named; `na = ""`, so that "NA" stays text):

{_code("r", recipes.r_recipe(tables))}

### DuckDB

{_code("sql", recipes.duckdb_recipe(first))}

### A spreadsheet

Open `{WORKBOOK_NAME}`: one sheet per table, codes and numbers as written already text, numbers as numbers,
dates as dates, and a first sheet on what the data are and are not. A spreadsheet that opens a CSV file
itself turns codes into numbers (FIPS `06037` becomes 6037) and written numbers into values (`76.3%`
becomes 0.763). To import a CSV file, declare every column as text:

- LibreOffice Calc: open the file; in the Text Import dialog choose Character set "Unicode (UTF-8)",
  separator "Comma", click the top-left corner of the column preview to select every column, and set
  Column type "Text". Or from the command line, for any table:

{_code("sh", recipes.libreoffice_recipe(tables, first))}

- Excel: Data > From Text/CSV, File Origin "65001: Unicode (UTF-8)", Transform Data, select every column,
  Data Type "Text", then Close & Load.

## Tables and their columns

{sections}

## Licence and citation

Data licence: Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0), in `LICENSE-DATA`. The figures
derive from {aboutdata.ARTICLE}, and from the publishers named in `sources`. The code that builds the
release is under the MIT licence (`LICENSE`).

Cite as: {aboutdata.citation(model, version)}

Versions are semantic: a major version removes or renames a table or column, a minor one adds rows or
columns, a patch corrects rows.
"""
