"""A release carries the licences and the stored text of every source, where `text_file` says."""
import hashlib

import pandas as pd
import pytest

from catraffick_data.packagefiles import SourceTextChanged, write_package_files
from catraffick_data.validate import validate
from conftest import ROOT


def test_every_text_file_resolves_inside_the_release_with_its_hash(built_release):
    sources = pd.read_csv(built_release / "data" / "sources.csv", dtype=str, keep_default_na=False)
    assert len(sources) > 0
    for text_file, digest in zip(sources["text_file"], sources["text_sha256"]):
        path = (built_release / text_file).resolve()
        assert built_release.resolve() in path.parents, text_file
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, text_file
    shipped = {p.relative_to(built_release).as_posix() for p in (built_release / "sources").rglob("*") if p.is_file()}
    assert shipped == set(sources["text_file"])  # the texts named, and nothing else of sources/


def test_the_licence_texts_are_the_package_s(built_release):
    for name in ("LICENSE", "LICENSE-DATA"):
        assert (built_release / name).read_bytes() == (ROOT / name).read_bytes()
    assert "Attribution-ShareAlike 4.0" in (built_release / "LICENSE-DATA").read_text(encoding="utf-8")


def test_a_text_changed_after_validation_is_not_shipped(small_package, tmp_path):
    validation = validate(small_package)
    assert validation.ok
    text = small_package / "sources" / "human-trafficking-in-california.txt"
    original = text.read_bytes()
    try:
        text.write_bytes(original + b"\nan added line")
        with pytest.raises(SourceTextChanged, match="human-trafficking-in-california.txt changed"):
            write_package_files(tmp_path, validation)
    finally:
        text.write_bytes(original)
