"""The files around the tables of a release: SHA256SUMS and the zip archive, written so that the same
inputs always give the same bytes (the README is release_readme.py's)."""
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
    ("CHANGELOG.md", "what changed in the data since the previous release"),
    ("SHA256SUMS", "the SHA-256 of every file above (`sha256sum -c SHA256SUMS`)"),
]
