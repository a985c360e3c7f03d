"""`catraffick build`: validate, then write a release folder atomically.

Nothing is written when validation fails. The release is written into a fresh sibling folder and
moved into place only when complete, so a failed or killed build leaves any previous release intact.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .archive import archive_name, release_readme, sha256sums, write_zip
from .diff import changelog, diff, diff_against_nothing
from .disagreements.register import FLAGS_SCHEMA
from .rawpackage import RawPackage
from .release import file_entry, write_descriptor, write_tables
from .sqlite_export import write_sqlite
from .validate import Validation, validate


SQLITE_NAME = "catraffick-data.sqlite"


@dataclass
class BuildResult:
    validation: Validation
    out: Path | None  # None when nothing was written


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


def write_release_folder(folder: Path, validation: Validation, previous: Path | None = None) -> None:
    """Tables, SQLite database, descriptor, README, CHANGELOG, SHA256SUMS and the zip of them all."""
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
    changes = diff(previous, folder) if previous else diff_against_nothing(folder)
    (folder / "CHANGELOG.md").write_text(changelog(descriptor["version"], changes), encoding="utf-8")
    top = archive_name(descriptor["version"])
    zip_path = folder / f"{top}.zip"
    (folder / "SHA256SUMS").write_text(sha256sums(folder, exclude={"SHA256SUMS", zip_path.name}), encoding="utf-8")
    write_zip(folder, zip_path, top)


def write_release(validation: Validation, out: Path, previous: Path | None = None) -> Path:
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        write_release_folder(staging, validation, previous)
        _swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out


def _swap_into_place(staging: Path, out: Path) -> None:
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a release is meant to be read
    if not out.exists():
        os.replace(staging, out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.previous-", dir=out.parent))
    os.rmdir(retired)
    os.replace(out, retired)
    os.replace(staging, out)
    shutil.rmtree(retired, ignore_errors=True)


def build(root: Path, out: Path, previous: Path | None = None) -> BuildResult:
    """Validate the raw package at `root`; if valid, write a release to `out`. `previous` (a release
    folder or zip) is what the CHANGELOG compares against; without it the release is a first one."""
    validation = validate(root)
    if not validation.ok:
        return BuildResult(validation, None)
    return BuildResult(validation, write_release(validation, out, previous))
