import json
import subprocess
import sys

import pandas as pd
import pytest

import catraffick_data as ctd
from conftest import ROOT, model

MODEL = model()


def release_fields(table) -> list:
    return [*table.fields, *table.release_fields]


def test_import_reads_no_data_and_loads_no_heavy_library():
    code = ("import sys, catraffick_data as c; c.tables(); c.describe('hotline_counts'); c.describe('figure_conflicts'); "
            "print(sorted(m for m in ('pandas', 'pandera', 'frictionless', 'pyarrow', 'numpy', 'duckdb') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_tables_and_describe_follow_the_schemas(use_release):
    assert list(ctd.tables()) == [t.name for t in MODEL.tables]
    doc = ctd.describe("victim_origins")
    assert [c.name for c in doc.columns] == [f.name for f in release_fields(MODEL.table("victim_origins"))]
    assert "origin_basis" in str(doc) and doc.primary_key == ["figure_id"]
    assert doc.statement_key == list(MODEL.table("victim_origins").statement_key)
    assert "agree on: measure, geography, period_start, period_end, subgroup, origin" in str(doc)


@pytest.mark.parametrize("name", [t.name for t in MODEL.tables])
def test_load_gives_typed_frames_with_metadata(use_release, name):
    df = ctd.load(name)
    table = MODEL.table(name)
    assert list(df.columns) == [f.name for f in release_fields(table)] and len(df) > 0
    for f in release_fields(table):
        col = df[f.name]
        if f.enum:
            assert isinstance(col.dtype, pd.CategoricalDtype)
            assert list(col.cat.categories) == f.enum
        elif f.type == "date":
            assert str(col.dtype).startswith("datetime64")
        elif f.type == "number":
            assert col.dtype == "float64"
        elif f.type == "integer":
            assert str(col.dtype) == "Int64"
        elif f.type == "boolean":
            assert str(col.dtype) == "boolean"
    assert df.attrs["schema"]["primaryKey"] == list(table.primary_key)
    assert df.attrs["licenses"][0]["name"] == "CC-BY-SA-4.0"
    assert df.attrs["version"] == ctd.data_version
    if "source" in df.columns:
        assert {s["source_id"] for s in df.attrs["sources"]} == set(df["source"])


def test_unknown_table_suggests_the_closest_and_names_the_valid_ones(use_release):
    with pytest.raises(KeyError) as err:
        ctd.load("hotline")
    assert "unknown table 'hotline'; did you mean 'hotline_counts'?" in str(err.value)
    assert "law_figures" in str(err.value)


def test_preferred_must_be_a_boolean(use_release):
    with pytest.raises(TypeError, match="preferred must be True or False, not 'no'"):
        ctd.load("hotline_counts", preferred="no")


def test_version_is_the_data_version(use_release):
    assert ctd.__version__ == MODEL.version == json.loads((ROOT / "datapackage.json").read_text())["version"]


def test_preferred_gives_one_row_per_statement_and_no_deprecated_row(use_release):
    for table in MODEL.figure_tables:
        name, key = table.name, list(table.statement_key)
        every = ctd.load(name)
        best = ctd.load(name, preferred=True)
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
