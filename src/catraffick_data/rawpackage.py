"""The raw package: a folder with the definitions in schemas/ and the tables' CSV files in raw/.

Only the standard library is used, so the catalogue and the CLI's usage errors stay light.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .model import Model, ModelError, Table
from .schemafiles import load_model

DESCRIPTOR = "datapackage.json"  # rendered from schemas/ for Frictionless tools; see descriptor.py
MODEL_FILE = Path("schemas") / "tables.toml"


class PackageError(Exception):
    """The package itself (not a data row) cannot be read: a usage or set-up error."""


@dataclass(frozen=True)
class RawPackage:
    root: Path
    model: Model

    @property
    def tables(self) -> Mapping[str, Table]:
        """The tables with a CSV in raw/ (a link table is built by the release, from the others)."""
        return {t.name: t for t in self.model.raw_tables}

    @property
    def figure_tables(self) -> list[Table]:
        return self.model.figure_tables

    def file(self, table: Table) -> Path:
        """The CSV file of a table."""
        return self.root / table.path

    def inputs(self) -> list[Path]:
        """What a build reads and must never write over: the definitions, descriptor, tables and sources."""
        return [self.root / DESCRIPTOR, self.root / "schemas", self.root / "raw", self.root / "sources",
                *(self.file(t) for t in self.model.raw_tables)]


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` that holds schemas/tables.toml with a raw/ folder beside it."""
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / MODEL_FILE).is_file() and (folder / "raw").is_dir():
            return folder
    raise PackageError(
        f"no {MODEL_FILE} with a raw/ folder found in {here} or above; "
        "run inside a checkout of catraffick_data or pass --root"
    )


def open_package(root: Path) -> RawPackage:
    root = Path(root)
    if not (root / MODEL_FILE).is_file():
        raise PackageError(f"{root} is not a package folder: it has no {MODEL_FILE}")
    try:
        return RawPackage(root, load_model(root / "schemas"))
    except ModelError as exc:
        raise PackageError(str(exc)) from None
