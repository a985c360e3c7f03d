"""datapackage.json is rendered from schemas/: checked in, current, and valid for the real validators."""
import json

from catraffick_data.descriptor import raw_descriptor, render_json, table_schema
from conftest import ROOT, frictionless_report, model

MODEL = model()


def test_the_checked_in_descriptor_is_the_rendering_of_the_definitions():
    # if this fails: run `catraffick render` (schemas/ changed, datapackage.json did not)
    assert (ROOT / "datapackage.json").read_text(encoding="utf-8") == render_json(raw_descriptor(MODEL))


def test_every_resource_is_a_tabular_data_resource_for_r_and_python():
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        assert res["type"] == "table" and res["profile"] == "tabular-data-resource", res["name"]
        for f in res["schema"]["fields"]:
            assert "categories" not in f  # v2 categories are not enforced: enum constraints are
    assert descriptor["version"] == MODEL.version


def test_a_release_schema_adds_the_flag_columns_to_figure_tables_only():
    for table in MODEL.tables:
        names = [f["name"] for f in table_schema(table, release=True)["fields"]]
        flags = ["in_conflict", "conflict_ids", "small_count"]
        if table.is_figure_table:
            assert names[-3:] == flags
        else:
            assert not set(flags) & set(names), table.name


def test_self_references_name_no_resource():
    keys = table_schema(MODEL.table("geographies"))["foreignKeys"]
    assert keys == [{"fields": ["parent"], "reference": {"fields": ["geo_id"]}}]


def test_the_real_frictionless_validator_accepts_the_raw_package():
    report = frictionless_report(ROOT / "datapackage.json")
    errors = [(t["name"], e["message"]) for t in report["tasks"] for e in t["errors"]]
    assert report["valid"], errors[:10]
