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
    with pytest.raises(SourceTextError, match="outside the release"):
        ctd.source_text("wikipedia-ht-california", release=copy)


def test_source_text_imports_neither_pandas_nor_pyarrow(use_release):
    code = ("import sys, catraffick_data as c; t = c.source_text('wikipedia-ht-california'); "
            "print(len(t) > 1000, sorted(m for m in ('pandas', 'pyarrow', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True []"
