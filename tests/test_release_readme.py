"""The release README documents every file, table and column of the release it is in, and its pandas
and DuckDB recipes run as written (R and LibreOffice: tests/test_clients_*.py)."""
import fnmatch
import json
import re
import zipfile

import pandas as pd
import pytest

from conftest import ROOT, model

MODEL = model()
READR = {"string": None, "number": "col_double()", "integer": "col_integer()", "date": "col_date()",
         "boolean": "col_logical()"}


@pytest.fixture(scope="module")
def readme(built_release) -> str:
    return (built_release / "README.md").read_text(encoding="utf-8")


def code(readme: str, heading: str, language: str) -> str:
    section = readme.split(heading, 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    return re.search(rf"```{language}\n(.+?)\n```", section, flags=re.S).group(1)


def test_every_file_of_the_release_is_listed(readme, built_release):
    listed = re.findall(r"^\| `([^`]+)` \| ", readme.split("## Files", 1)[1].split("\n## ", 1)[0], flags=re.M)
    patterns = [re.sub(r"<[^>]+>", "*", name).replace("...", "*") for name in listed]  # <table>, <version>, ...
    files = [p.relative_to(built_release).as_posix() for p in built_release.rglob("*") if p.is_file()]
    unlisted = [f for f in files if not f.startswith(".") and not f.endswith(".zip")
                and not any(fnmatch.fnmatch(f, p) for p in patterns)]
    assert unlisted == []


def test_every_table_is_documented_with_every_column_and_its_type(readme, built_release):
    descriptor = json.loads((built_release / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        section = readme.split(f"### `{resource['name']}`: {resource['title']}", 1)[1].split("\n### ", 1)[0]
        documented = re.findall(r"^\| `(\w+)` \| (\w+) \|", section, flags=re.M)
        assert documented == [(f["name"], f["type"]) for f in resource["schema"]["fields"]], resource["name"]
        if "catraffick:statementKey" in resource:
            assert "- statement key: " + ", ".join(f"`{c}`" for c in resource["catraffick:statementKey"]) in section
        for key in resource["schema"].get("foreignKeys", []):
            target = key["reference"].get("resource", resource["name"])
            assert f"- `{key['fields'][0]}` refers to `{target}.{key['reference']['fields'][0]}`" in section


def test_the_r_recipe_names_every_typed_column_with_its_readr_type(readme, built_release):
    recipe = code(readme, "### R (readr)", "r")
    descriptor = json.loads((built_release / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        line = next(l for l in recipe.splitlines() if l.startswith(f"{resource['name']} <- "))
        assert f'read_csv("{resource["path"]}", na = ""' in line
        typed = dict(re.findall(r"([.\w]+) = (col_\w+\(\))", line))
        assert typed.pop(".default") == "col_character()"
        assert typed == {f["name"]: READR[f["type"]] for f in resource["schema"]["fields"] if READR[f["type"]]}


def test_the_pandas_recipe_runs_as_written(readme, built_release, monkeypatch):
    monkeypatch.chdir(built_release)
    scope = {}
    exec(code(readme, "### pandas", "python"), scope)
    name = re.search(r'read_parquet\("data/(\w+)\.parquet"\)', code(readme, "### pandas", "python")).group(1)
    assert len(scope["typed"]) == len(scope["text"]) == len(pd.read_csv(f"data/{name}.csv", dtype=str))
    assert str(scope["typed"]["period_start"].dtype) == "object"  # Arrow days, as pandas reads them
    assert scope["text"]["value_text"].map(lambda v: isinstance(v, str) or pd.isna(v)).all()


def test_the_duckdb_recipe_runs_as_written(readme, built_release, monkeypatch):
    duckdb = pytest.importorskip("duckdb")
    monkeypatch.chdir(built_release)
    con = duckdb.connect()
    queries = [q for q in code(readme, "### DuckDB", "sql").split(";") if q.strip()]
    typed, text = (con.execute(q).df() for q in queries)
    assert len(typed) == len(text) > 0
    types = {row[0]: row[1] for row in con.execute(f"DESCRIBE {queries[0]}").fetchall()}
    assert types["period_start"] == "DATE" and types["value"] == "DOUBLE" and types["in_conflict"] == "BOOLEAN"
    geo = con.execute(queries[1].replace(re.search(r"data/\w+\.csv", queries[1]).group(0), "data/geographies.csv")).df()
    assert "06037" in set(geo["fips"])


def test_the_citation_is_the_repository_readme_s(readme):
    repo = (ROOT / "README.md").read_text(encoding="utf-8")
    cited = re.search(r"^Cite as: (.+)$", readme, flags=re.M).group(1)
    in_repo = " ".join(repo.split("Cite as: ", 1)[1].split("\n\n", 1)[0].split())
    assert cited == in_repo.replace("X.Y.Z", MODEL.version)


def test_the_zip_carries_the_licences(built_release):
    zipped = next(built_release.glob("catraffick-data-*.zip"))
    with zipfile.ZipFile(zipped) as archive:
        names = {n.split("/", 1)[1] for n in archive.namelist()}
    assert {"LICENSE", "LICENSE-DATA", "README.md"} <= names
