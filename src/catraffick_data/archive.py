"""The files around the tables of a release: a README for people who download it, SHA256SUMS, and the
zip archive, written so that the same inputs always give the same bytes."""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: no build clock in the archive


def archive_name(version: str) -> str:
    return f"catraffick-data-{version}"


def sha256sums(folder: Path, exclude: set[str]) -> str:
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel not in exclude:
            lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {rel}")
    return "\n".join(lines) + "\n"


def write_zip(folder: Path, target: Path, top: str) -> None:
    """Every file of `folder` (but `target` itself) under `top/`, sorted, with fixed times and modes."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p != target)
    with zipfile.ZipFile(target, "w") as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)


FILES = [
    ("README.md", "this file"),
    ("CHANGELOG.md", "what changed in the data since the previous release"),
    ("SHA256SUMS", "the SHA-256 of every file above (`sha256sum -c SHA256SUMS`)"),
]


def citation(version: str) -> str:
    """How to cite the release (its README and its web site say the same)."""
    return (f'catraffick_data, version {version}, derived from "Human trafficking in California", Wikipedia '
            "contributors, CC BY-SA 4.0.")


def _look_at(names: list[str], database: str | None) -> str:
    """How to look at the data without code: the web site and Datasette, for the files the release has."""
    parts = []
    if "site/index.html" in names:
        parts.append("Open `site/index.html` in a browser (no server or network needed): the caveats, a page per "
                     "table (filter and sort its rows), a page per measure with a chart of every source's figures, a "
                     "card per figure with its excerpt and source, the conflict register and the codebook. The "
                     "release folder can be published as it is on any static web host; the site is then at "
                     "`site/`.")
    metadata = next((n for n in names if n.startswith("datasette-")), None)
    if metadata and database:
        parts.append("Browse the SQLite database with Datasette (`pip install datasette`), with every table's "
                     f"title, description, licence and column descriptions:\n\n```sh\n"
                     f"datasette {database} --metadata {metadata}\n```")
    return "## Look at the data\n\n" + "\n\n".join(parts) + "\n\n" if parts else ""


def release_readme(descriptor: dict, row_counts: dict[str, int], files: list[tuple[str, str]]) -> str:
    """The README of a release; `files`: (name, what it is) of every file the release holds."""
    version = descriptor["version"]
    tables = "\n".join(f"| `{r['name']}` | {row_counts[r['name']]} | {r.get('title', '')} |"
                       for r in descriptor["resources"])
    listing = "\n".join(f"| `{name}` | {what} |" for name, what in files)
    names = [name for name, _ in files]
    return f"""# {descriptor.get('title', 'catraffick_data')}, version {version}

{descriptor.get('description', '')}

## Files

| file | what it is |
|---|---|
{listing}

## Tables

| table | rows | what one row is about |
|---|---|---|
{tables}

Each figure row carries its source, where in the source it stands, a verbatim excerpt containing the number,
and `statement_rank` (preferred, normal or deprecated). Where sources disagree, every figure is kept, and the
`conflicts` table says how they disagree; `in_conflict` and `conflict_ids` flag the rows involved.

{_look_at(names, descriptor.get("catraffick:sqlite", {}).get("path"))}## Missing values

An empty cell means no value. No text value is ever empty, and "NA" is text (Namibia's ISO code), not a
missing value. Read the CSV files so:

- pandas: `pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])`
- R: `read.csv(path, na.strings = "", colClasses = "character", encoding = "UTF-8")`
- a spreadsheet: open as UTF-8 text, comma-separated. No cell starts with =, +, -, @ unless it is a number.

Percentages are written 0-100 (76.3 means 76.3%). Money is in US dollars.

## Licence and citation

Data licence: Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0). The figures derive from the
English Wikipedia article "Human trafficking in California" and from the publishers named in `sources`.

Cite as: {citation(version)} When you use a figure, cite its original publisher as well.

Versions are semantic: a major version removes or renames a table or column, a minor one adds rows or
columns, a patch corrects rows.
"""
