"""The home page's schema.org Dataset, as a dataset search engine reads it (extruct), says what
datapackage.json says, field by field, and every download it lists is there with its size and hash."""
import hashlib
import json
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def dataset(built_release):
    extruct = pytest.importorskip("extruct", reason="install extruct: pip install extruct")
    html = (built_release / "site" / "index.html").read_text(encoding="utf-8")
    found = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    datasets = [d for d in found if d.get("@type") == "Dataset"]
    assert len(datasets) == 1
    return datasets[0]


def test_the_dataset_says_what_the_descriptor_says(built_release, dataset):
    descriptor = json.loads((built_release / "datapackage.json").read_text(encoding="utf-8"))
    assert dataset["@context"] == "https://schema.org/"
    assert dataset["name"] == descriptor["title"]
    assert dataset["alternateName"] == descriptor["name"]
    assert dataset["description"] == descriptor["description"]
    assert dataset["version"] == descriptor["version"]
    assert dataset["license"] == [lic["path"] for lic in descriptor["licenses"]]
    assert [c["name"] for c in dataset["creator"]] == [c["title"] for c in descriptor["contributors"]
                                                       if "creator" in c["roles"]]
    assert dataset["isBasedOn"] == [s["path"] for s in descriptor["sources"]]


def test_every_download_is_listed_with_the_size_and_hash_of_the_file_it_names(built_release, dataset):
    descriptor = json.loads((built_release / "datapackage.json").read_text(encoding="utf-8"))
    files = {d["contentUrl"]: d for d in dataset["distribution"]}
    wanted = {f"../{r['path']}": r for r in descriptor["resources"]}
    wanted |= {f"../{r['catraffick:parquet']['path']}": r["catraffick:parquet"] for r in descriptor["resources"]}
    wanted[f"../{descriptor['catraffick:sqlite']['path']}"] = descriptor["catraffick:sqlite"]
    for url, entry in wanted.items():
        assert files[url]["sha256"] == entry["hash"].removeprefix("sha256:"), url
        assert files[url]["contentSize"] == str(entry["bytes"]), url
    site = built_release / "site"
    for url, d in files.items():
        path = (site / url).resolve()
        assert path.is_file(), url
        assert d["@type"] == "DataDownload" and d["encodingFormat"] and d["name"] == Path(url).name
        if "sha256" in d:  # checked against the bytes themselves, not only against the descriptor
            assert hashlib.sha256(path.read_bytes()).hexdigest() == d["sha256"], url
            assert int(d["contentSize"]) == path.stat().st_size
    zips = [d for d in files.values() if d["encodingFormat"] == "application/zip"]
    assert len(zips) == 1 and "sha256" not in zips[0]  # the zip holds this page: it cannot hold its own hash
    assert set(files) == set(wanted) | {"../datapackage.json", zips[0]["contentUrl"]}
