"""croissant.json holds what the Croissant 1.1 specification requires (checked here: its validator only
warns on some), one FileObject per release file with its true hash, one RecordSet per table, and
Responsible AI fields that say what the data say. mlcroissant itself: tests/test_clients_croissant.py."""
import hashlib
import json

import pandas as pd
import pytest

from catraffick_data.croissant import CROISSANT_NAME
from catraffick_data.outfolder import MARKER
from conftest import ROOT, model

MODEL = model()
# Appendix 1 of the Croissant 1.1 specification: the recommended JSON-LD context
SPEC_CONTEXT = {
    "@language": "en", "@vocab": "http://schema.org/", "sc": "http://schema.org/",
    "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/", "annotation": "cr:annotation", "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs", "column": "cr:column", "conformsTo": "dct:conformsTo", "containedIn": "cr:containedIn",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "equivalentProperty": "cr:equivalentProperty", "examples": {"@id": "cr:examples", "@type": "@json"},
    "excludes": "cr:excludes", "extract": "cr:extract", "field": "cr:field", "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject", "fileSet": "cr:fileSet", "format": "cr:format", "includes": "cr:includes",
    "isArray": "cr:isArray", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath", "key": "cr:key",
    "md5": "cr:md5", "parentField": "cr:parentField", "recordSet": "cr:recordSet", "references": "cr:references",
    "regex": "cr:regex", "readLines": "cr:readLines", "sdVersion": "cr:sdVersion", "separator": "cr:separator",
    "source": "cr:source", "subField": "cr:subField", "transform": "cr:transform", "unArchive": "cr:unArchive",
    "value": "cr:value",
}
DATA_TYPES = {"string": "sc:Text", "number": "sc:Float", "integer": "sc:Integer", "date": "sc:Date",
              "boolean": "sc:Boolean"}
RAI = ("dataCollection", "dataLimitations", "dataBiases", "personalSensitiveInformation", "dataUseCases",
       "dataSocialImpact")


@pytest.fixture(scope="module")
def doc(built_release) -> dict:
    return json.loads((built_release / CROISSANT_NAME).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def descriptor(built_release) -> dict:
    return json.loads((built_release / "datapackage.json").read_text(encoding="utf-8"))


def test_the_required_dataset_fields_are_there(doc):
    assert doc["@type"] == "sc:Dataset" and doc["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    for key in ("name", "description", "datePublished", "citeAs", "version"):
        assert isinstance(doc[key], str) and doc[key], key
    assert doc["license"] == ["https://creativecommons.org/licenses/by-sa/4.0/"]
    assert doc["creator"]["@type"] == "sc:Organization" and doc["creator"]["name"]
    assert doc["version"] == MODEL.version and doc["datePublished"] == MODEL.package["released"]
    # the one required field the package cannot fill: it has no web page of its own
    assert ("url" in doc) == bool(MODEL.package.get("homepage"))


def test_the_context_is_the_specification_s(doc):
    context = doc["@context"]
    for key, value in SPEC_CONTEXT.items():
        if key in ("@vocab", "sc"):  # the specification's own examples use https, as mlcroissant does
            assert context[key].replace("https:", "http:") == value
        else:
            assert context[key] == value, key


def test_one_file_object_per_release_file_with_its_hash_and_size(doc, built_release):
    later = {CROISSANT_NAME, "SHA256SUMS", MARKER}  # written after croissant.json, or not part of the release
    files = {p.relative_to(built_release).as_posix() for p in built_release.rglob("*")
             if p.is_file() and p.name not in later and p.suffix != ".zip"}
    files = {f for f in files if not f.startswith("site/")}  # the web site: a view of the data, written later
    objects = {f["@id"]: f for f in doc["distribution"]}
    assert set(objects) == files and len(objects) == len(doc["distribution"])
    for rel, f in objects.items():
        data = (built_release / rel).read_bytes()
        assert f["@type"] == "cr:FileObject" and f["contentUrl"] == rel
        assert f["sha256"] == hashlib.sha256(data).hexdigest() and f["contentSize"] == f"{len(data)} B"
    assert objects["data/hotline_counts.csv"]["encodingFormat"] == "text/csv"


def test_one_record_set_per_table_typed_keyed_and_joined(doc, descriptor):
    sets = {r["@id"]: r for r in doc["recordSet"]}
    assert list(sets) == [r["name"] for r in descriptor["resources"]]
    objects = {f["@id"] for f in doc["distribution"]}
    for resource in descriptor["resources"]:
        record_set, schema = sets[resource["name"]], resource["schema"]
        fields = record_set["field"]
        assert [f["name"] for f in fields] == [f["name"] for f in schema["fields"]]
        assert [f["dataType"] for f in fields] == [DATA_TYPES[f["type"]] for f in schema["fields"]]
        for f in fields:
            assert f["source"]["fileObject"]["@id"] == resource["catraffick:parquet"]["path"] in objects
            assert f["source"]["extract"]["column"] == f["name"] and f["description"]
        keys = record_set["key"] if isinstance(record_set["key"], list) else [record_set["key"]]
        assert [k["@id"] for k in keys] == [f"{resource['name']}/{c}" for c in schema["primaryKey"]]
        references = {f["name"]: f["references"]["field"]["@id"] for f in fields if "references" in f}
        expected = {k["fields"][0]: f"{k['reference']['resource']}/{k['reference']['fields'][0]}"
                    for k in schema.get("foreignKeys", []) if "resource" in k["reference"]}
        assert references == expected, resource["name"]
        for target in references.values():
            table, column = target.split("/")
            assert f"{table}/{column}" in {f["@id"] for f in sets[table]["field"]}


def test_the_responsible_ai_fields_say_what_the_data_say(doc, built_release):
    for name in RAI:
        value = doc[f"rai:{name}"]
        assert value and all(isinstance(v, str) and v for v in (value if isinstance(value, list) else [value])), name
    measures = pd.read_csv(ROOT / "raw" / "measures.csv", dtype=str, keep_default_na=False).set_index("measure_id")
    hotline = measures.loc["hotline_calls", "caveat"].split(": it reflects")[0]
    assert hotline in doc["rai:dataLimitations"] and hotline in doc["rai:dataBiases"]
    small = sum((pd.read_csv(built_release / "data" / f"{t.name}.csv", dtype=str)["small_count"] == "true").sum()
                for t in MODEL.figure_tables)
    assert f" {small} figure rows are counts of fewer than 11" in doc["rai:personalSensitiveInformation"]
    sources = pd.read_csv(built_release / "data" / "sources.csv", dtype=str)
    figures = sum(len(pd.read_csv(built_release / "data" / f"{t.name}.csv", dtype=str)) for t in MODEL.figure_tables)
    assert f"{figures} figures in {len(MODEL.figure_tables)} tables, from {len(sources)} sources" in doc["rai:dataCollection"]


def test_every_quoted_caveat_is_a_measure_s_own_words(doc):
    import re

    measures = pd.read_csv(ROOT / "raw" / "measures.csv", dtype=str, keep_default_na=False).set_index("measure_id")
    for name in ("dataLimitations", "dataBiases"):
        quoted = re.findall(r"\u201c(.+?)\u201d \(([a-z0-9_, ]+)\)", doc[f"rai:{name}"])
        assert quoted, name
        for sentence, ids in quoted:
            for measure_id in ids.split(", "):
                assert sentence in measures.loc[measure_id, "caveat"], (name, measure_id, sentence)
