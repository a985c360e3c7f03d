"""A raw package (a checkout: schemas/ and raw/) as the release it would build, for `catraffick diff`.

A release is not its raw files: figure tables gain `in_conflict` and `conflict_ids`, and the register
holds the conflicts the rules find besides the curated ones. Comparing a release with raw/ as written
would report those as removed; so the raw package is validated and its tables are made as a build makes
them (releasetables.py) and written as a release writes its CSV (release.csv_bytes), then read back
as a release is.

A package folder given to diff may come from anywhere: its tables' paths must stay inside it, and it
is read by the validator, which takes untrusted files; source texts are bounded there (sourcetexts.py).
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from .snapshot import Snapshot, Table, parse_rows
from .printable import path_text
from .rawpackage import MODEL_FILE, PackageError, open_package
from .releasereader import SnapshotError


def is_package_folder(path: Path) -> bool:
    folder = path.parent if path.name == "datapackage.json" else path
    return folder.is_dir() and (folder / MODEL_FILE).is_file() and (folder / "raw").is_dir()


def _check_paths(root: Path, package) -> None:
    real = os.path.realpath(root)
    for table in package.model.tables:
        rel = PurePosixPath(table.path)
        inside = os.path.realpath(root / table.path)
        if rel.is_absolute() or ".." in rel.parts or os.path.commonpath([real, inside]) != real:
            raise SnapshotError(f"{path_text(root)}: table {table.name} names a file outside the package: "
                                f"{path_text(table.path)}")


def raw_snapshot(path: Path) -> Snapshot:
    """The tables `catraffick build` would write from the package at `path`; SnapshotError if its data
    do not validate (a release would not be built from them either)."""
    from .releasetables import release_tables
    from .release import csv_bytes
    from .validate import validate

    root = path.parent if path.name == "datapackage.json" else path
    try:
        package = open_package(root)
    except PackageError as exc:
        raise SnapshotError(str(exc)) from None
    _check_paths(root, package)
    validation = validate(root)
    if not validation.ok:
        raise SnapshotError(f"{path_text(root)}: its raw package has {len(validation.problems)} problem(s), so it "
                            f"builds no release to compare; see `catraffick validate --root {path_text(root)}`")
    tables = {}
    for table, frame in release_tables(validation):
        fields = table.release_columns
        names = [f.name for f in fields]
        text = csv_bytes(table.name, frame[names]).decode("utf-8")
        tables[table.name] = Table(list(table.primary_key), names,
                                   {f.name for f in fields if f.type in ("number", "integer")},
                                   parse_rows(text, list(table.primary_key)), table.kind,
                                   {f.name: f.type for f in fields})
    return Snapshot(package.model.version, tables)
