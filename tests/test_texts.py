"""ctd.source_text: the stored text of a source, from a release, checked against its hash, without pandas."""
import shutil
import subprocess
import sys

import pytest

import catraffick_data as ctd
from catraffick_data.texts import SourceTextError


def test_every_source_s_text_is_the_one_its_excerpts_come_from(use_release):
    sources = ctd.load("sources")
    figures = ctd.load("hotline_counts")
    for source_id, text_file in zip(sources["source_id"], sources["text_file"]):
        assert ctd.source_text(source_id) == (use_release / text_file).read_text(encoding="utf-8")
    row = figures.iloc[0]
    assert row["excerpt"] in ctd.source_text(row["source"])


def test_an_unknown_source_names_the_known_ones(use_release):
    with pytest.raises(SourceTextError, match="unknown source 'nope'; the sources are: wikipedia-ht-california"):
        ctd.source_text("nope")


def test_a_changed_text_is_refused(built_release, tmp_path):
    copy = tmp_path / "release"
    shutil.copytree(built_release, copy)
    (copy / "sources" / "human-trafficking-in-california.txt").write_text("something else", encoding="utf-8")
    with pytest.raises(SourceTextError, match="SHA-256 differs"):
        ctd.source_text("wikipedia-ht-california", release=copy)


def test_a_path_leading_out_of_the_release_is_refused(built_release, tmp_path):
    copy = tmp_path / "release"
    shutil.copytree(built_release, copy)
    csv = copy / "data" / "sources.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("sources/human-trafficking-in-california.txt",
                                                           "../outside.txt", 1), encoding="utf-8")
    with pytest.raises(SourceTextError, match="not inside the package's sources/ folder"):
        ctd.source_text("wikipedia-ht-california", release=copy)


def _pointing(built_release, tmp_path, make):
    """A copy of the release whose first source text is replaced by what `make(path)` puts there, the
    text's hash made to match whatever it would read (a crafted release can write both)."""
    copy = tmp_path / "release"
    shutil.copytree(built_release, copy)
    text = copy / "sources" / "human-trafficking-in-california.txt"
    text.unlink()
    make(text)
    return copy


def test_a_symbolic_link_leading_out_of_the_release_is_refused(built_release, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("not the package's", encoding="utf-8")
    copy = _pointing(built_release, tmp_path, lambda p: p.symlink_to(outside))
    csv = copy / "data" / "sources.csv"
    old_hash = next(l for l in csv.read_text(encoding="utf-8").splitlines() if l.startswith("wikipedia-ht-california"))
    import hashlib
    digest = hashlib.sha256(outside.read_bytes()).hexdigest()
    line_hash = next(part for part in old_hash.split(",") if len(part) == 64)
    csv.write_text(csv.read_text(encoding="utf-8").replace(line_hash, digest, 1), encoding="utf-8")
    with pytest.raises(SourceTextError, match="not inside the package's sources/ folder"):
        ctd.source_text("wikipedia-ht-california", release=copy)


def test_a_fifo_is_refused_rather_than_waited_on(built_release, tmp_path):
    import os
    copy = _pointing(built_release, tmp_path, os.mkfifo)
    with pytest.raises(SourceTextError, match="not a regular file"):
        ctd.source_text("wikipedia-ht-california", release=copy)


def test_source_text_imports_neither_pandas_nor_pyarrow(use_release):
    code = ("import sys, catraffick_data as c; t = c.source_text('wikipedia-ht-california'); "
            "print(len(t) > 1000, sorted(m for m in ('pandas', 'pyarrow', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True []"
