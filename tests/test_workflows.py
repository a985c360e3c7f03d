"""The GitHub workflows: the real linters pass them, and their `run:` steps do, in a clean copy of the
repository, what a contributor's pull request and a release tag need (workflow_runner.py runs them)."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from catraffick_data.build import build
from catraffick_data.diff_markdown import code
from conftest import PACKAGE_PARTS, ROOT, cli, model, read_rows, write_rows
from release_edits import version_after
from test_readme import setup_commands
from workflow_runner import load, run_job, runner_env

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CI = ROOT / ".github" / "workflows" / "ci.yml"
REUSED = {"install": "reuses the environment these tests run in (the README's install, already done)",
          "test": "the README's test command is this test suite itself"}


# a command that runs code of the repository: its environment, its scripts, its tests
RUNS_CODE = re.compile(r"(^|&&|;|\||\$\()\s*(\. \.venv/|\.venv/|pip |python3? -m |catraffick |pytest|\.github/scripts/|\./)",
                       flags=re.M)


def tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    if found.is_file():
        return str(found)
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"install {name}: pip install {name} (it is in the test extra)")
    return found


def test_there_are_workflows_to_check():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "data-diff-comment.yml"}


@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_every_workflow_passes_the_github_workflow_schema(schema):
    proc = subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema, *map(str, WORKFLOWS)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def zizmor(*args: str) -> list[dict]:
    proc = subprocess.run([tool("zizmor"), "--offline", "--format", "json", *args, *map(str, WORKFLOWS)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode in (0, 10, 11, 12, 13, 14), proc.stderr  # 1x: findings of some severity
    return json.loads(proc.stdout)


def _where(finding: dict) -> tuple[str, str, set[str]]:
    """What a finding is, in which file, and the first line of each piece of YAML it points at."""
    files = {Path(l["symbolic"]["key"]["Local"]["verbatim_path"]).name for l in finding["locations"]}
    assert len(files) == 1, files
    return finding["ident"], files.pop(), {l["concrete"]["feature"].splitlines()[0].strip() for l in finding["locations"]}


def test_zizmor_finds_nothing_of_medium_severity_or_higher():
    assert zizmor("--min-severity", "medium") == []


def test_the_one_finding_ignored_is_the_comment_workflows_trigger():
    """workflow_run is how a fork's pull request gets a comment (its own token cannot write); zizmor
    flags the trigger itself, and the workflow runs none of the pull request's code (checked below)."""
    found = [_where(f) for f in zizmor("--no-ignores", "--min-severity", "medium")]
    assert [(ident, name) for ident, name, _ in found] == [("dangerous-triggers", "data-diff-comment.yml")]
    assert "workflow_run" in found[0][2], found


def test_actions_are_pinned_and_each_job_has_least_permissions():
    for path in WORKFLOWS:
        data = load(path)
        assert data.get("permissions") == {}, path.name  # nothing by default: each job says what it needs
        assert "pull_request_target" not in data["on"]
        for name, job in data["jobs"].items():
            assert "permissions" in job, (path.name, name)
            writes = {k for k, v in job["permissions"].items() if v == "write"}
            runs_code = any("run" in s and RUNS_CODE.search(s["run"]) for s in job["steps"])
            assert not (writes and runs_code), f"{path.name} {name}: writes {writes} and runs the repository's code"
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
    comment = load(ROOT / ".github" / "workflows" / "data-diff-comment.yml")
    steps = comment["jobs"]["comment"]["steps"]
    assert not any(s.get("uses", "").startswith("actions/checkout@") for s in steps)
    assert comment["jobs"]["comment"]["permissions"] == {"actions": "read", "pull-requests": "write"}
    pages = load(CI)["jobs"]["pages"]
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in pages["steps"]] == ["actions/deploy-pages"]  # nothing else runs


def test_the_workflow_installs_and_tests_with_the_readmes_commands():
    tests, release = sorted(setup_commands(), key=lambda c: "pytest" not in c)
    steps = {s.get("id"): s for s in load(CI)["jobs"]["check"]["steps"]}
    assert tests == steps["install"]["run"] + " && pytest"
    assert steps["test"]["run"].endswith("&& pytest")
    build_steps = {s.get("id"): s for s in load(CI)["jobs"]["release-build"]["steps"]}
    assert release.startswith(build_steps["install"]["run"] + " && catraffick build")


# The workflow's steps, run ------------------------------------------------------------------------------

def clean_copy(dest: Path, package: Path) -> Path:
    """The repository as a checkout has it (tracked and new files, not ignored ones), with the
    environment these tests run in as its .venv, and its data cut to `package` (the small package:
    hotline_counts and the tables it needs), which halves every validation and build of the steps."""
    if sys.prefix == sys.base_prefix:
        pytest.skip("run the tests in a virtual environment (the README's command makes .venv)")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("the workflow is run in a copy of a git checkout, and this is none")
    for rel in filter(None, listed.stdout.split("\0")):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    (dest / ".venv").symlink_to(sys.prefix)
    for part in [*PACKAGE_PARTS, "README.md", "docs"]:
        (shutil.rmtree if (dest / part).is_dir() else Path.unlink)(dest / part)
        (shutil.copytree if (package / part).is_dir() else shutil.copy2)(package / part, dest / part)
    return dest


def planted_rows(checkout: Path) -> tuple[str, str]:
    """A row nothing refers to, to leave out of the previous release (so the change adds it), and a
    row whose notes hold more than one sentence, to give the previous release without the last one."""
    referenced = set()
    for table in ("breakdowns", "conflicts"):
        referenced |= {v for r in read_rows(checkout / "raw" / f"{table}.csv")[1] for v in re.split(r"[;,\s]", ",".join(r.values()))}
    _, rows = read_rows(checkout / "raw" / "hotline_counts.csv")
    added = next(r["figure_id"] for r in reversed(rows) if r["figure_id"] not in referenced
                 and r["statement_rank"] == "normal" and not r["breakdown"])
    changed = next(r["figure_id"] for r in rows if r["notes"].count(". ") >= 1 and r["figure_id"] != added)
    return added, changed


@pytest.fixture(scope="module")
def previous_release(tmp_path_factory, small_package):
    """The latest published release as the workflow would download it: the same version, without one
    row the checkout has and with one row's notes shorter."""
    checkout = clean_copy(tmp_path_factory.mktemp("previous") / "repo", small_package)
    added, changed = planted_rows(checkout)
    path = checkout / "raw" / "hotline_counts.csv"
    header, rows = read_rows(path)
    row = next(r for r in rows if r["figure_id"] == changed)
    new_notes = row["notes"]
    row["notes"] = new_notes[:new_notes.rindex(". ") + 1]
    write_rows(path, header, [r for r in rows if r["figure_id"] != added])
    out = checkout.parent / "release"
    result = build(checkout, out)
    assert result.out == out, result.validation.problems[:3]
    return next(out.glob("catraffick-data-*.zip")), added, changed, row["notes"], new_notes


def checkout_with_previous(tmp_path: Path, previous_release, package: Path) -> Path:
    checkout = clean_copy(tmp_path / "repo", package)
    (checkout / "previous").mkdir()
    shutil.copy(previous_release[0], checkout / "previous")
    return checkout


def outcomes(runs) -> dict:
    return {r.id: r.outcome for r in runs if r.id}


def test_a_pull_request_gets_the_data_diff_in_its_job_summary(tmp_path, previous_release, small_package):
    zipped, added, changed, old_notes, new_notes = previous_release
    checkout = checkout_with_previous(tmp_path, previous_release, small_package)
    summary = tmp_path / "summary.md"
    runs = run_job(CI, "check", checkout, runner_env(checkout, summary, GITHUB_EVENT_NAME="pull_request"), REUSED)
    assert outcomes(runs) == {"install": f"skipped: {REUSED['install']}", "validate": "success",
                              "test": f"skipped: {REUSED['test']}", "previous": "skipped: needs GitHub (gh)",
                              "build": "success", "diff": "success", "failed": "skipped: its condition is false"}, \
        [(r.id, r.outcome, r.stderr[-1500:]) for r in runs]
    text = summary.read_text(encoding="utf-8")
    assert re.search(r"^\| `hotline_counts` \| 1 \| 0 \| [1-9]\d* \|$", text, flags=re.M), text
    rows = text.split("### `hotline_counts`")[1]
    assert f"- figure_id `{added}`: " in rows.split("**Rows changed**")[0]
    assert f"- figure_id `{changed}`\n  - `notes`: {code(old_notes)} -> {code(new_notes)}" in rows
    assert "needs a **minor** version" in text and "not bumped enough" in text
    assert text.rstrip().splitlines()[-1].startswith("Run this locally")
    assert f"catraffick diff previous/{zipped.name} . --format markdown" in text.rstrip().splitlines()[-1]
    build_step = next(r for r in runs if r.id == "build")
    assert "::warning title=version not bumped::" in build_step.stdout
    changelog = (checkout / "release" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.splitlines()[2] == f"## Unreleased changes since {model().version}"


def test_a_bad_row_fails_the_validate_step_with_an_annotation_on_its_line(tmp_path, small_package):
    checkout = clean_copy(tmp_path / "repo", small_package)
    path = checkout / "raw" / "hotline_counts.csv"
    header, rows = read_rows(path)
    rows.append(dict(rows[0], figure_id="hc-900", value="1,656"))  # thousands separators: not a number
    write_rows(path, header, rows)
    line = len(path.read_text(encoding="utf-8").splitlines())
    summary = tmp_path / "summary.md"
    runs = run_job(CI, "check", checkout, runner_env(checkout, summary, GITHUB_EVENT_NAME="pull_request"), REUSED)
    assert outcomes(runs)["validate"] == "failure"
    assert outcomes(runs)["build"] == outcomes(runs)["diff"] == "skipped: its condition is false"
    assert outcomes(runs)["failed"] == "success" and "The checks failed" in summary.read_text(encoding="utf-8")
    validate_step = next(r for r in runs if r.id == "validate")
    column = header.index("value") + 1
    assert f"::error file=raw/hotline_counts.csv,line={line},col={column},title=type-number::" in validate_step.stdout


def test_a_tag_is_released_only_with_its_version_bumped_as_the_change_needs(tmp_path, previous_release,
                                                                            small_package):
    checkout = checkout_with_previous(tmp_path, previous_release, small_package)

    def release_job(tag: str):
        env = runner_env(checkout, tmp_path / "summary.md", GITHUB_EVENT_NAME="push", GITHUB_REF=f"refs/tags/{tag}",
                         GITHUB_REF_NAME=tag)
        runs = run_job(CI, "release-build", checkout, env, REUSED)
        return outcomes(runs), {r.id: r for r in runs}

    version = model().version
    states, runs = release_job("v9.9.9")
    assert states["tag"] == "failure" and f"::error file=schemas/package.toml::the tag v9.9.9 is not v{version}" in runs["tag"].stdout
    states, runs = release_job(f"v{version}")  # the tag is the version, but the version is the previous release's
    assert states["tag"] == "success" and states["version"] == "failure" and states["build"].startswith("skipped")
    assert "needs a minor version" in runs["version"].stdout and "not bumped enough" in runs["version"].stdout

    package = checkout / "schemas" / "package.toml"
    bumped = version_after(version, "minor")
    text = package.read_text(encoding="utf-8")
    assert f'version = "{version}"' in text
    package.write_text(text.replace(f'version = "{version}"', f'version = "{bumped}"'), encoding="utf-8")
    assert cli("render", "--root", checkout).returncode == 0
    states, runs = release_job(f"v{bumped}")
    assert (states["tag"], states["version"], states["build"]) == ("success", "success", "success"), runs["build"].stderr
    release = checkout / "release"
    assert (release / f"catraffick-data-{bumped}.zip").is_file() and (release / "SHA256SUMS").is_file()
    changelog = (release / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {bumped}" in changelog and f"({previous_release[0].name})" in changelog
    upload = next(s for s in load(CI)["jobs"]["release-build"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    for pattern in upload["with"]["path"].split():  # what the publishing job receives
        assert list(checkout.glob(pattern)), pattern
    steps = load(CI)["jobs"]["release-build"]["steps"]
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    published = checkout / pages["with"]["path"]  # what GitHub Pages serves: the release, its site in site/
    assert states["pages-root"] == "success"
    home = (published / "index.html").read_text(encoding="utf-8")
    target = re.search(r'url=([^"]+)"', home).group(1)
    assert (published / target).is_file() and (published / "site" / "index.html").is_file(), target
    site_home = (published / "site" / "index.html").read_text(encoding="utf-8")
    assert f'href="../catraffick-data-{bumped}.zip"' in site_home  # the downloads resolve on the web too
