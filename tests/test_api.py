import json
import subprocess
import sys

import pandas as pd
import pytest

import catraffick_data as ctd
from catraffick_data.rawpackage import open_package
from conftest import ROOT

FLAGS = json.loads((ROOT / "schemas" / "release" / "figure_flags.json").read_text())["fields"]


def release_fields(spec) -> list[dict]:
    return spec.fields + (FLAGS if spec.is_figure_table else [])


def test_import_reads_no_data_and_loads_no_heavy_library():
    code = ("import sys, catraffick_data as c; c.tables(); c.describe('hotline_counts'); "
            "print(sorted(m for m in ('pandas', 'pandera', 'frictionless', 'pyarrow', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_tables_and_describe_follow_the_schemas(use_release):
    package = open_package(ROOT)
    assert list(ctd.tables()) == list(package.tables)
    doc = ctd.describe("victim_origins")
    assert [c.name for c in doc.columns] == [f["name"] for f in release_fields(package.tables["victim_origins"])]
    assert "origin_basis" in str(doc) and doc.primary_key == ["figure_id"]


@pytest.mark.parametrize("name", list(open_package(ROOT).tables))
def test_load_gives_typed_frames_with_metadata(use_release, name):
    df = ctd.load(name)
    spec = open_package(ROOT).tables[name]
    assert list(df.columns) == [f["name"] for f in release_fields(spec)] and len(df) > 0
    for f in release_fields(spec):
        col = df[f["name"]]
        if f.get("constraints", {}).get("enum"):
            assert isinstance(col.dtype, pd.CategoricalDtype)
            assert list(col.cat.categories) == f["constraints"]["enum"]
        elif f["type"] == "date":
            assert str(col.dtype).startswith("datetime64")
        elif f["type"] == "number":
            assert col.dtype == "float64"
        elif f["type"] == "integer":
            assert str(col.dtype) == "Int64"
        elif f["type"] == "boolean":
            assert str(col.dtype) == "boolean"
    assert df.attrs["schema"]["primaryKey"] == spec.primary_key
    assert df.attrs["licenses"][0]["name"] == "CC-BY-SA-4.0"
    assert df.attrs["version"] == ctd.data_version
    if "source" in df.columns:
        assert {s["source_id"] for s in df.attrs["sources"]} == set(df["source"])


def test_unknown_table_names_the_valid_ones(use_release):
    with pytest.raises(KeyError) as err:
        ctd.load("hotline")
    assert "hotline_counts" in str(err.value) and "unknown table 'hotline'" in str(err.value)


def test_version_is_the_data_version(use_release):
    assert ctd.__version__ == json.loads((ROOT / "datapackage.json").read_text())["version"]


def test_preferred_gives_one_row_per_statement_and_no_deprecated_row(use_release):
    from catraffick_data.rawpackage import figure_key

    package = open_package(ROOT)
    tables = {t.name: t.field_names for t in package.figure_tables}
    for name in tables:
        every = ctd.load(name)
        best = ctd.load(name, preferred=True)
        key = figure_key(tables, name)
        assert not best[key].astype(str).duplicated().any(), name
        assert "deprecated" not in set(best["statement_rank"])
        assert best[key].astype(str).drop_duplicates().shape[0] == \
            every[every["statement_rank"] != "deprecated"][key].astype(str).drop_duplicates().shape[0]
    hotline = ctd.load("hotline_counts", preferred=True)
    ca_2018 = hotline[(hotline["measure"] == "hotline_cases") & (hotline["geography"] == "us-ca")
                      & (hotline["period_start"] == "2018-01-01") & (hotline["subgroup"] == "all")
                      & (hotline["trafficking_type"] == "all")]
    assert ca_2018["figure_id"].tolist() == ["hc-023"]
    with pytest.raises(ValueError):
        ctd.load("sources", preferred=True)


def test_conflicts_register_and_flags(use_release):
    register = ctd.conflicts()
    assert register["conflict_id"].is_unique and set(register["found_by"]) > {"curated"}
    flagged = ctd.load("hotline_counts")
    assert flagged.loc[flagged["figure_id"] == "hc-001", "in_conflict"].tolist() == [True]
