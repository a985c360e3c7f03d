"""`catraffick build`: validate, then write a release folder atomically.

Nothing is written when validation fails. `--out` is checked before any work (outfolder.py says what it
may be); the release is written into a hidden sibling folder and swapped into place only when complete,
so a failed or killed build leaves any previous release intact.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .archive import archive_name, release_readme, sha256sums, write_zip
from .diff import changelog, diff, diff_against_nothing, load_snapshot
from .disagreements.register import FLAGS_SCHEMA
from .outfolder import check_out, exclusive, staging_folder, swap_into_place, write_marker
from .rawpackage import RawPackage, open_package
from .release import file_entry, write_descriptor, write_tables
from .sqlite_export import write_sqlite
from .validate import Validation, validate


SQLITE_NAME = "catraffick-data.sqlite"


@dataclass
class BuildResult:
    validation: Validation
    out: Path | None  # None when nothing was written
    notes: list[str] = field(default_factory=list)  # what was recovered from an interrupted build


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def provenance(package: RawPackage) -> dict:
    """Hashes of every input the release was built from: raw tables, schemas and source texts."""
    root = package.root
    inputs = [root / "datapackage.json", root / FLAGS_SCHEMA]
    for spec in package.tables.values():
        inputs.append(spec.path)
        schema_ref = next(r["schema"] for r in package.descriptor["resources"] if r["name"] == spec.name)
        if isinstance(schema_ref, str):
            inputs.append(root / schema_ref)
    inputs += sorted((root / "sources").glob("*")) if (root / "sources").is_dir() else []
    return {"inputs": [{"path": p.relative_to(root).as_posix(), "sha256": _sha256(p)} for p in inputs if p.is_file()]}


def release_descriptor(package: RawPackage) -> dict:
    keep = ("name", "title", "description", "version", "licenses", "sources", "contributors", "keywords")
    out = {k: package.descriptor[k] for k in keep if k in package.descriptor}
    out["catraffick:provenance"] = provenance(package)
    return out


def release_tables(validation: Validation) -> list[tuple]:
    """(spec, release schema, frame) per table: the conflict register replaces the curated conflicts,
    and every figure table gains the columns that flag its rows' conflicts."""
    from .disagreements import flag_fields, flag_figures, register

    package = validation.package
    frames = {name: data.frame for name, data in validation.tables.items()}
    conflicts = register(package, frames)
    flags = flag_fields(package.root)
    out = []
    for name, spec in package.tables.items():
        schema, frame = spec.schema, frames[name]
        if name == "conflicts":
            frame = conflicts
        elif spec.is_figure_table:
            schema = {**schema, "fields": [*schema["fields"], *flags]}
            frame = flag_figures(frame, conflicts)
        out.append((spec, schema, frame))
    return out


def write_release_folder(folder: Path, validation: Validation, previous: tuple[Path, dict] | None = None) -> None:
    """Tables, SQLite database, descriptor, README, CHANGELOG, SHA256SUMS and the zip of them all;
    `previous`: the path and tables of the release the CHANGELOG compares with."""
    tables = release_tables(validation)
    descriptor = release_descriptor(validation.package)
    resources = write_tables(folder, tables)
    database = folder / SQLITE_NAME
    write_sqlite(database, [(spec.name, schema, frame) for spec, schema, frame in tables])
    descriptor["catraffick:sqlite"] = {"path": SQLITE_NAME, "mediatype": "application/vnd.sqlite3",
                                       **file_entry(database.read_bytes())}
    descriptor = write_descriptor(folder, descriptor, resources)
    counts = {spec.name: len(frame) for spec, _, frame in tables}
    (folder / "README.md").write_text(release_readme(descriptor, counts), encoding="utf-8")
    changes = diff(previous[0], folder, previous[1]) if previous else diff_against_nothing(folder)
    (folder / "CHANGELOG.md").write_text(changelog(descriptor["version"], changes), encoding="utf-8")
    top = archive_name(descriptor["version"])
    zip_path = folder / f"{top}.zip"
    (folder / "SHA256SUMS").write_text(sha256sums(folder, exclude={"SHA256SUMS", zip_path.name}), encoding="utf-8")
    write_zip(folder, zip_path, top)
    write_marker(folder, descriptor["version"])


def write_release(validation: Validation, out: Path, previous: tuple[Path, dict] | None = None) -> Path:
    """Write the release into a hidden sibling of `out`, then swap it into place (the caller holds
    outfolder.exclusive(out))."""
    staging = staging_folder(out)
    try:
        write_release_folder(staging, validation, previous)
        swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out


def package_inputs(package: RawPackage) -> list[Path]:
    """What a build reads and must never write over: the descriptor, raw tables, schemas and sources."""
    root = package.root
    found = [root / "datapackage.json", root / "raw", root / "schemas", root / "sources"]
    return found + [spec.path for spec in package.tables.values()]


def build(root: Path, out: Path, previous: Path | None = None) -> BuildResult:
    """Validate the raw package at `root`; if valid, write a release to `out`. `previous` (a release
    folder or zip) is what the CHANGELOG compares against; without it the release is a first one.

    Raises outfolder.OutRefused if `out` is not the build's to write, and SnapshotError if `previous`
    cannot be read as a release, both before any work."""
    check_out(Path(out), root, package_inputs(open_package(root)))
    out = Path(os.path.abspath(out))  # "release/.." is the folder it names, not a child called ".."
    before = (Path(previous), load_snapshot(previous)) if previous else None
    with exclusive(out) as notes:
        validation = validate(root)
        if not validation.ok:
            return BuildResult(validation, None, notes)
        return BuildResult(validation, write_release(validation, out, before), notes)
