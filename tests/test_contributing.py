"""CONTRIBUTING.md says what the data and the validator say, and the templates ask what it asks."""
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, cli, read_rows, write_rows

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"


def row(table: str, key: str, value: str) -> dict:
    return next(r for r in read_rows(ROOT / "raw" / f"{table}.csv")[1] if r[key] == value)


def guide_table(after: str) -> dict[str, str]:
    """The two first columns of the Markdown table that follows `after` in the guide."""
    part = GUIDE.split(after, 1)[1]
    lines = re.findall(r"^\| `([^|]+)` \| ([^|]+) \|", part.split("\n\n**", 1)[0], flags=re.M)
    return {name: value.strip() for name, value in lines}


def test_the_worked_example_is_the_real_row_its_source_and_its_text():
    figure, source = row("hotline_counts", "figure_id", "hc-023"), row("sources", "source_id", "ca-attorney-general-2018-hotline")
    for column, shown in guide_table("**2. The source row.**").items():
        assert shown == f"`{source[column]}`", column
    text = (ROOT / source["text_file"]).read_text(encoding="utf-8")
    assert figure["excerpt"] in text and figure["source"] == source["source_id"]
    assert hashlib.sha256((ROOT / source["text_file"]).read_bytes()).hexdigest() == source["text_sha256"]
    quoted = GUIDE.split("**1. The stored text.**", 1)[1].split("```\n", 2)[1].replace("\n", " ").strip()
    assert quoted == figure["excerpt"]
    for columns, shown in guide_table("**3. The figure row**").items():
        names = [c.strip(" `") for c in columns.split(",")]
        values = [v.strip(" `") for v in shown.split("`, `")] if len(names) > 1 else [shown.strip("`")]
        for name, value in zip(names, values):
            value = value.split("|")[0].strip(" `")
            assert figure[name].startswith(value.rstrip(". ")), (name, value)


def test_the_problems_shown_are_what_validate_reports_for_that_slip(small_package, tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(small_package, pkg)
    path = pkg / "raw" / "hotline_counts.csv"
    header, rows = read_rows(path)
    figure = next(r for r in rows if r["figure_id"] == "hc-023")
    write_rows(path, header, [r for r in rows if r["figure_id"] != "hc-023"])
    slip = dict(figure, value_text="1,565",
                excerpt=figure["excerpt"].replace("cases of human trafficking were reported",
                                                  "human trafficking cases were reported"))
    write_rows(pkg / "hotline_counts-typo.csv", header, [slip])
    write_rows(pkg / "hotline_counts-ag-2018.csv", header, [figure])
    assert cli("validate", "hotline_counts-ag-2018.csv", cwd=pkg).returncode == 0
    text = cli("validate", "hotline_counts-typo.csv", cwd=pkg)
    github = cli("validate", "hotline_counts-typo.csv", "--format", "github", cwd=pkg)
    assert text.returncode == github.returncode == 1
    shown = [l for l in GUIDE.splitlines() if l.startswith("hotline_counts-typo.csv:2:")]
    assert len(shown) == 3
    for line in shown:  # the guide cuts long values with "..."; what it shows must be what validate says
        assert any(l.startswith(line.split("...")[0]) for l in text.stdout.splitlines()), line
    annotations = [l for l in GUIDE.splitlines() if l.startswith("::error file=hotline_counts-typo.csv")]
    assert len(annotations) == 3
    for line in annotations:
        assert any(l.startswith(line.split("...")[0].rstrip()) for l in github.stdout.splitlines()), line


def checklist(text: str) -> list[str]:
    items = re.findall(r"^- \[ \] (.+(?:\n {6}.+)*)", text, flags=re.M)
    return [re.sub(r"\s+", " ", item) for item in items]


def test_the_pull_request_template_has_the_guides_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    ours = checklist(GUIDE.split("## Review checklist", 1)[1].split("\n## ", 1)[0])
    assert len(ours) >= 6 and checklist(template) == ours


def test_the_issue_forms_ask_what_a_correction_needs():
    wrong = yaml.safe_load((TEMPLATES / "wrong-figure.yml").read_text(encoding="utf-8"))
    fields = {f["id"]: f for f in wrong["body"] if "id" in f}
    assert {"figure_id", "wrong", "source", "quote"} <= set(fields)
    assert all(fields[k]["validations"]["required"] for k in ("figure_id", "wrong", "source", "quote"))
    new = yaml.safe_load((TEMPLATES / "new-source.yml").read_text(encoding="utf-8"))
    assert {"title", "where", "figures"} <= {f["id"] for f in new["body"] if "id" in f}


def test_the_issue_forms_pass_githubs_schema():
    exe = Path(sys.executable).with_name("check-jsonschema")
    if not exe.is_file():
        pytest.skip("install check-jsonschema: pip install check-jsonschema (it is in the test extra)")
    forms = [str(p) for p in TEMPLATES.glob("*.yml") if p.name != "config.yml"]
    for schema, files in (("vendor.github-issue-forms", forms), ("vendor.github-issue-config", [str(TEMPLATES / "config.yml")])):
        proc = subprocess.run([str(exe), "--builtin-schema", schema, *files], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
