import hashlib
import json

import pandas as pd

from catraffick_data.build import build
from catraffick_data.validate import validate
from conftest import ROOT, frictionless_report, read_rows, write_rows


def test_the_release_passes_the_real_frictionless_validator(built_release):
    report = frictionless_report(built_release / "datapackage.json")
    errors = [(t["name"], e["message"]) for t in report["tasks"] for e in t["errors"]]
    assert report["valid"], errors[:10]


def test_every_file_has_its_size_and_hash(built_release):
    descriptor = json.loads((built_release / "datapackage.json").read_text())
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["licenses"][0]["name"] == "CC-BY-SA-4.0"
    for res in descriptor["resources"]:
        for entry in (res, res["catraffick:parquet"]):
            data = (built_release / entry["path"]).read_bytes()
            assert entry["bytes"] == len(data)
            assert entry["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()


def test_provenance_names_every_input_with_its_hash(built_release):
    descriptor = json.loads((built_release / "datapackage.json").read_text())
    inputs = {i["path"]: i["sha256"] for i in descriptor["catraffick:provenance"]["inputs"]}
    article = "sources/human-trafficking-in-california.txt"
    assert inputs[article] == hashlib.sha256((ROOT / article).read_bytes()).hexdigest()
    assert "raw/hotline_counts.csv" in inputs and "schemas/tables.toml" in inputs and "schemas/fields.toml" in inputs
    stored = {p.relative_to(ROOT).as_posix() for p in (ROOT / "sources" / "publishers").glob("*.md")}
    assert stored and stored <= set(inputs)  # the texts excerpts are checked against, in a subfolder too


def test_release_csv_reads_back_as_the_validated_rows(built_release):
    typed = validate(ROOT).tables
    for name, data in typed.items():
        back = pd.read_csv(built_release / "data" / f"{name}.csv", keep_default_na=False, na_values=[""], dtype=str)
        # the release adds flag columns (figure tables) and found conflicts (after the curated rows)
        assert list(back.columns)[:len(data.frame.columns)] == list(data.frame.columns)
        back = back.iloc[:len(data.frame)]
        assert len(back) == len(data.frame)
        for column in data.frame.columns:  # every non-empty raw cell survives, numbers canonicalised
            empty_raw = data.frame[column].isna().to_numpy()
            assert (back[column].isna().to_numpy() == empty_raw).all(), (name, column)


def test_invalid_data_writes_nothing_and_keeps_the_previous_release(package_copy, tmp_path):
    out = tmp_path / "release"
    assert build(package_copy, out).out == out
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    path = package_copy / "raw" / "measures.csv"
    header, rows = read_rows(path)
    rows[0]["unit"] = "furlongs"
    write_rows(path, header, rows)
    result = build(package_copy, out)
    assert result.out is None and result.validation.problems
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg", "release"]  # no staging folder left


def test_a_fresh_folder_gets_nothing_when_invalid(package_copy, tmp_path):
    (package_copy / "raw" / "sources.csv").write_text("oops\n", encoding="utf-8")
    out = tmp_path / "fresh"
    assert build(package_copy, out).out is None
    assert not out.exists()
