"""`source_text(source_id)`: the stored text a source's excerpts are quoted from, as a release carries it
(the installed one, or a folder `catraffick build` wrote). Read with the standard library alone: the
sources table's CSV gives the path and the SHA-256, and the text is returned only if it still has it.
"""
from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from . import catalog
from .rulebook import rule
from .sourcetexts import RULES, read_source_text

SOURCES = "sources"


class SourceTextError(LookupError):
    def __str__(self) -> str:
        return self.args[0]


def _sources_row(source_id: str, release) -> dict:
    path = catalog.release_dir(release).joinpath(*catalog.resource(SOURCES, release)["path"].split("/"))
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    for row in rows:
        if row["source_id"] == source_id:
            return row
    raise SourceTextError(f"unknown source {source_id!r}; the sources are: {', '.join(r['source_id'] for r in rows)}")


def source_text(source_id: str, release=None) -> str:
    """The text file of source `source_id` (its `text_file`), checked against its `text_sha256`.

    For a publisher known through the package's research notes, the text is those notes: their words
    paraphrase the publisher's and are not the publisher's own (see `sources.text_file`)."""
    row = _sources_row(source_id, release)
    # the release is not trusted to stay inside itself: the same confinement as validation's (no `..`,
    # no absolute path, no symbolic link leading out of sources/, no FIFO or device, a bounded size)
    root = Path(catalog.release_dir(release))
    read = read_source_text(root, row["text_file"])
    if read.data is None:
        raise SourceTextError(f"source {source_id!r}: {rule(RULES[read.refused]).message} "
                              f"({row['text_file']!r} in the release at {root})")
    if hashlib.sha256(read.data).hexdigest() != row["text_sha256"]:
        raise SourceTextError(f"{row['text_file']} is not the text source {source_id!r} was checked against "
                              "(its SHA-256 differs from text_sha256)")
    return read.data.decode("utf-8")
