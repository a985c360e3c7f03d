"""Datasette metadata for the release's SQLite database: the package's title, description, licence and
source, and every table's title, description and column descriptions, from the model, so that

    datasette catraffick-data.sqlite --metadata datasette-metadata.json

shows them on every page (without it Datasette shows none of them)."""
from __future__ import annotations

import json
from pathlib import Path

from .model import Model
from .sqlite_export import SQLITE_NAME

METADATA_NAME = "datasette-metadata.json"
FILES = [(METADATA_NAME, "titles, descriptions, licence and source of every table and column, for "
                         f"`datasette {SQLITE_NAME} --metadata {METADATA_NAME}`")]


def metadata(model: Model) -> dict:
    package = model.package
    licence = (package.get("licenses") or [{}])[0]
    source = (package.get("sources") or [{}])[0]
    about = {"license": licence.get("title") or licence.get("name"), "license_url": licence.get("path"),
             "source": source.get("title"), "source_url": source.get("path")}
    about = {k: v for k, v in about.items() if v}
    tables = {}
    for table in model.tables:
        columns = {f.name: f.description for f in table.release_columns}
        tables[table.name] = {"title": table.title, "description": table.description, **about, "columns": columns}
    database = Path(SQLITE_NAME).stem
    return {"title": package["title"], "description": package["description"], **about,
            "databases": {database: {"title": package["title"], "description": package["description"], **about,
                                     "tables": tables}}}


def write_metadata(folder: Path, model: Model) -> None:
    text = json.dumps(metadata(model), indent=2, ensure_ascii=False) + "\n"
    (Path(folder) / METADATA_NAME).write_text(text, encoding="utf-8")
