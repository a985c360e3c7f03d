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

from . import archive, croissant, datasette_metadata, packagefiles, release, release_readme, sqlite_export, workbook
from . import site as website
from .archive import archive_name, sha256sums, write_zip
from .diff import changelog, diff, diff_against_nothing, load_snapshot
from .snapshot import Snapshot
from .descriptor import package_metadata
from .outfolder import check_out, exclusive, staging_folder, swap_into_place, write_marker
from .rawpackage import open_package
from .release import file_entry, write_descriptor, write_tables
from .releasetables import release_tables
from .sqlite_export import SQLITE_NAME, write_sqlite
from .sqlviews import KIND_KEY, create_views, figure_kind_descriptor
from .validate import Validation, validate
from .versioning import build_heading


@dataclass
class BuildResult:
    validation: Validation
    out: Path | None  # None when nothing was written
    notes: list[str] = field(default_factory=list)  # what was recovered from an interrupted build
    warnings: list[str] = field(default_factory=list)  # e.g. a build marked unreleased, and why


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def provenance(validation: Validation) -> dict:
    """Hashes of every input the release was built from: the definitions, the raw tables, and every
    stored text a source names (wherever under sources/ it lies)."""
    package = validation.package
    root = package.root
    inputs = [root / "datapackage.json", *sorted((root / "schemas").glob("*.toml"))]
    inputs += [package.file(t) for t in package.model.raw_tables]
    sources = validation.tables.get("sources")
    if sources is not None and "text_file" in sources.frame.columns:
        inputs += [root / p for p in sorted(set(sources.frame["text_file"].dropna()))]
    return {"inputs": [{"path": p.relative_to(root).as_posix(), "sha256": _sha256(p)} for p in inputs if p.is_file()]}


def write_release_folder(folder: Path, validation: Validation, previous: tuple[Path, Snapshot] | None = None,
                         unreleased: bool = False, site: bool = True) -> list[str]:
    """Tables, SQLite database, workbook, descriptors, Datasette metadata, README, CHANGELOG, the web site
    (unless `site` is False), SHA256SUMS and the zip of them all; `previous`: the path and snapshot of the
    release the CHANGELOG compares with. Returns the warnings to print; raises VersionError when the
    version is not bumped for the change (versioning.py)."""
    tables = release_tables(validation)
    kind = figure_kind_descriptor(validation.package.model)
    descriptor = {**package_metadata(validation.package.model), "catraffick:provenance": provenance(validation), **kind}
    resources = write_tables(folder, tables)
    database = folder / SQLITE_NAME
    write_sqlite(database, tables, create_views(resources, kind.get(KIND_KEY)))
    descriptor["catraffick:sqlite"] = {"path": SQLITE_NAME, "mediatype": "application/vnd.sqlite3",
                                       **file_entry(database.read_bytes())}
    workbook.write_workbook(folder / workbook.WORKBOOK_NAME, tables, validation.package.model)
    descriptor = write_descriptor(folder, descriptor, resources)
    packagefiles.write_package_files(folder, validation)
    counts = {table.name: len(frame) for table, frame in tables}
    files = [*release_readme.FILES, *release.FILES, *sqlite_export.FILES, *workbook.FILES, *croissant.FILES,
             *datasette_metadata.FILES, *packagefiles.FILES, *(website.FILES if site else []), *archive.FILES]
    datasette_metadata.write_metadata(folder, validation.package.model)
    readme = release_readme.release_readme(descriptor, counts, files, validation.package.model)
    (folder / "README.md").write_text(readme, encoding="utf-8")
    changes = diff(previous[0], folder, previous[1]) if previous else diff_against_nothing(folder)
    heading, warnings = build_heading(descriptor["version"], changes, unreleased)
    changelog_text = changelog(descriptor["version"], changes, heading)
    (folder / "CHANGELOG.md").write_text(changelog_text, encoding="utf-8")
    croissant.write_croissant(folder, descriptor, validation.package.model, tables)
    top = archive_name(descriptor["version"])
    zip_path = folder / f"{top}.zip"
    if site:
        website.write_site(folder, validation.package.model, tables, descriptor,
                           changelog_text, zip_path.name,
                           datasette_metadata.METADATA_NAME)
    (folder / "SHA256SUMS").write_text(sha256sums(folder, exclude={"SHA256SUMS", zip_path.name}), encoding="utf-8")
    write_zip(folder, zip_path, top)
    write_marker(folder, descriptor["version"])
    return warnings


def write_release(validation: Validation, out: Path, previous: tuple[Path, Snapshot] | None = None,
                  unreleased: bool = False, site: bool = True) -> tuple[Path, list[str]]:
    """Write the release into a hidden sibling of `out`, then swap it into place (the caller holds
    outfolder.exclusive(out)); return it and the warnings to print."""
    staging = staging_folder(out)
    try:
        warnings = write_release_folder(staging, validation, previous, unreleased, site)
        swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out, warnings


def build(root: Path, out: Path, previous: Path | None = None, unreleased: bool = False,
          site: bool = True) -> BuildResult:
    """Validate the raw package at `root`; if valid, write a release to `out`. `previous` (a release
    folder or zip) is what the CHANGELOG compares against; without it the release is a first one.
    `site`: write the web site too (the copy bundled in the wheel, read by `load()`, has none).

    Raises outfolder.OutRefused if `out` is not the build's to write, and SnapshotError if `previous`
    cannot be read as a release, both before any work; VersionError (and writes nothing) if the version
    is not `previous`'s bumped as the change needs, unless `unreleased` (a preview of changes under review)."""
    check_out(Path(out), root, open_package(root).inputs())
    out = Path(os.path.abspath(out))  # "release/.." is the folder it names, not a child called ".."
    before = (Path(previous), load_snapshot(previous)) if previous else None
    with exclusive(out) as notes:
        validation = validate(root)
        if not validation.ok:
            return BuildResult(validation, None, notes)
        written, warnings = write_release(validation, out, before, unreleased, site)
        return BuildResult(validation, written, notes, warnings)
