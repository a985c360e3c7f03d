"""Files of the package a release carries as they are: the licence texts, the datasheet (at the top of
the release, as datasheet.md), and the stored text of every source, at the path `sources.text_file`
names, so that every excerpt can be checked against its text from a download or an installed package
alone.

A source text is read through sourcetexts.read_source_text (only regular files inside sources/) and
written only if its SHA-256 is still the one the sources table states: the file validated is the file
shipped, even if it changed while the build ran.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .sourcetexts import read_source_text

COPIED = [
    ("LICENSE", "the licence of the code (MIT)"),
    ("LICENSE-DATA", "the licence of the data (CC BY-SA 4.0)"),
    ("docs/datasheet.md", "the datasheet: why the data exist, what they hold, how they were made, and how not to use them"),
]
TEXT_FILE, TEXT_HASH = "text_file", "text_sha256"

FILES = [*((Path(path).name, what) for path, what in COPIED),
         ("sources/...", "the stored text every excerpt of a source is quoted from, at the path its "
                         "`text_file` names (`text_sha256` is its SHA-256)")]


class SourceTextChanged(OSError):
    """A stored text no longer matches its hash: the disk changed under the build (the CLI says so in one
    line, as it does any system error)."""


def source_text_files(validation) -> dict[str, str]:
    """text_file -> its SHA-256, for every table with a `text_file` column."""
    wanted: dict[str, str] = {}
    for table in validation.package.model.tables:
        if TEXT_FILE in table.field_names and table.name in validation.tables:
            frame = validation.tables[table.name].frame
            for path, digest in zip(frame[TEXT_FILE], frame[TEXT_HASH]):
                if isinstance(path, str):
                    wanted[path] = digest
    return wanted


def write_package_files(folder: Path, validation) -> None:
    root = validation.package.root
    for path, _ in COPIED:
        (folder / Path(path).name).write_bytes((root / path).read_bytes())
    for text_file, digest in sorted(source_text_files(validation).items()):
        stored = read_source_text(root, text_file)
        if stored.data is None or hashlib.sha256(stored.data).hexdigest() != digest:
            raise SourceTextChanged(f"{text_file} changed or became unreadable after validation; build again")
        target = folder / text_file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(stored.data)
