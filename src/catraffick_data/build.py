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

from .rawpackage import RawPackage
from .release import write_release_files
from .validate import Validation, validate


@dataclass
class BuildResult:
    validation: Validation
    out: Path | None  # None when nothing was written


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def provenance(package: RawPackage) -> dict:
    """Hashes of every input the release was built from: raw tables, schemas and source texts."""
    root = package.root
    inputs = [root / "datapackage.json", root / "schemas" / "release" / "figure_flags.json"]
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


def write_release(validation: Validation, out: Path) -> Path:
    package = validation.package
    tables = release_tables(validation)
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        write_release_files(staging, release_descriptor(package), tables)
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


def build(root: Path, out: Path) -> BuildResult:
    validation = validate(root)
    if not validation.ok:
        return BuildResult(validation, None)
    return BuildResult(validation, write_release(validation, out))
