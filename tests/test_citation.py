"""CITATION.cff (GitHub's "Cite this repository", Zenodo) says what schemas/package.toml and the README
say, and cffconvert, run from a virtual environment of its own (it pins jsonschema 3), accepts it."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, model

yaml = pytest.importorskip("yaml", reason="install PyYAML: pip install -e '.[test]'")
MODEL = model()
CFF = ROOT / "CITATION.cff"
INSTALL = ("install cffconvert in a virtual environment of its own: "
           "python3 -m venv .venv-cffconvert && .venv-cffconvert/bin/pip install cffconvert==2.0.0")


def citation() -> dict:
    return yaml.safe_load(CFF.read_text(encoding="utf-8"))


def cffconvert() -> str | None:
    own = ROOT / ".venv-cffconvert" / "bin" / "cffconvert"
    return str(own) if own.exists() else shutil.which("cffconvert")


def test_it_is_in_step_with_the_package_definition():
    cff = citation()
    assert cff["type"] == "dataset"
    assert cff["title"] == MODEL.package["title"]
    assert str(cff["version"]) == MODEL.version
    assert str(cff["date-released"]) == MODEL.package["released"]
    assert [cff["license"]] == [lic["name"] for lic in MODEL.package["licenses"]]
    assert cff["abstract"] == MODEL.package["description"]
    rendered = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))  # what Frictionless tools read
    assert (rendered["title"], rendered["version"]) == (cff["title"], str(cff["version"]))
    assert [lic["name"] for lic in rendered["licenses"]] == [cff["license"]]


def test_the_preferred_citation_is_the_readme_s():
    preferred = citation()["preferred-citation"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cited = " ".join(readme.split("Cite as: ", 1)[1].split("\n\n", 1)[0].split())
    authors = ", ".join(a["name"] for a in preferred["authors"])
    assert cited.startswith(f"{authors}. {preferred['title']} (catraffick_data), version X.Y.Z [data set]. ")
    assert str(preferred["version"]) == MODEL.version and preferred["title"] == MODEL.package["title"]
    assert preferred["license"] == citation()["license"]
    assert " ".join(preferred["notes"].split()) in cited
    assert str(preferred["year"]) == MODEL.package["released"][:4]


def test_cffconvert_validates_it_and_refuses_a_broken_copy(tmp_path):
    exe = cffconvert()
    if exe is None:
        pytest.skip(INSTALL)
    ok = subprocess.run([exe, "--validate", "-i", str(CFF)], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and "are valid" in ok.stdout, ok.stdout + ok.stderr
    broken = tmp_path / "CITATION.cff"
    broken.write_text(re.sub(r"(?m)^type: dataset$", "type: spreadsheet", CFF.read_text(encoding="utf-8")),
                      encoding="utf-8")
    refused = subprocess.run([exe, "--validate", "-i", str(broken)], capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
