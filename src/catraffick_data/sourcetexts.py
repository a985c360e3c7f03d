"""Read the stored text a source's excerpts are quoted from, confined to the package's `sources/` folder.

`sources.text_file` is data a contributor writes, so it is not trusted: it must name a regular file
inside sources/ (no `..`, no absolute path, no symlink leading out, no device or FIFO, which would hang
or never end), of a bounded size. A refusal is a located problem in sources.csv, never a read.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SOURCES_DIR = "sources"
# why a text is not read -> the rule (rules.toml) that reports it
RULES = {"unreadable": "text-file-readable", "outside": "text-file-outside", "not-regular": "text-file-not-regular",
         "too-large": "text-file-too-large"}
MAX_BYTES = 20 * 1024 * 1024  # the largest stored text today is under 100 kB


@dataclass(frozen=True)
class SourceText:
    data: bytes | None  # None when refused or unreadable
    refused: str | None = None  # why the path is not read: "outside", "not-regular", "too-large", "unreadable"

    @property
    def text(self) -> str | None:
        return None if self.data is None else self.data.decode("utf-8", errors="replace")


def _confined(root: Path, text_file: str) -> Path | None:
    """The real path of `text_file` if it lies inside root/sources, else None."""
    rel = PurePosixPath(text_file)
    if rel.is_absolute() or "\\" in text_file or ".." in rel.parts or not rel.parts or rel.parts[0] != SOURCES_DIR:
        return None
    base = os.path.realpath(root / SOURCES_DIR)
    real = os.path.realpath(root / rel)  # follows every symlink on the way
    return Path(real) if os.path.commonpath([base, real]) == base and real != base else None


def read_source_text(root: Path, text_file: str) -> SourceText:
    path = _confined(Path(root), text_file)
    if path is None:
        return SourceText(None, "outside")
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return SourceText(None, "unreadable")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return SourceText(None, "not-regular")
        if info.st_size > MAX_BYTES:
            return SourceText(None, "too-large")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_BYTES + 1)
        return SourceText(None, "too-large") if len(data) > MAX_BYTES else SourceText(data)
    except OSError:
        return SourceText(None, "unreadable")
    finally:
        os.close(fd)
