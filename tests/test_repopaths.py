"""GitHub annotations name a file from the repository's root, whatever folder validate runs in."""
import re
import shutil

import pytest

from catraffick_data.repopaths import repository_path
from conftest import cli, read_rows, write_rows


@pytest.fixture
def broken_repository(small_package, tmp_path):
    """A repository holding the package in data/, with a bad value on line 2 of hotline_counts.csv."""
    repo = tmp_path / "repo"
    shutil.copytree(small_package, repo / "data")
    (repo / ".git").mkdir()
    path = repo / "data" / "raw" / "hotline_counts.csv"
    header, rows = read_rows(path)
    rows[0]["value"] = "lots"
    write_rows(path, header, rows)
    return repo


def annotated_files(stdout: str) -> set[tuple[str, str]]:
    return set(re.findall(r"^::error file=([^,]+),line=(\d+)", stdout, flags=re.M))


def test_from_a_subfolder_the_file_is_named_from_the_repository_root(broken_repository, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    for cwd in (broken_repository / "data" / "raw", broken_repository / "data", broken_repository):
        proc = cli("validate", "--root", broken_repository / "data", "--format", "github", cwd=cwd)
        assert proc.returncode == 1
        assert annotated_files(proc.stdout) == {("data/raw/hotline_counts.csv", "2")}, (cwd, proc.stdout)


def test_in_a_workflow_the_workspace_is_the_root(broken_repository, monkeypatch):
    shutil.rmtree(broken_repository / ".git")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(broken_repository))
    proc = cli("validate", "--format", "github", cwd=broken_repository / "data" / "raw")
    assert annotated_files(proc.stdout) == {("data/raw/hotline_counts.csv", "2")}


def test_outside_any_repository_the_path_is_left_as_given(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    (tmp_path / "rows.csv").write_text("x\n")
    monkeypatch.chdir(tmp_path)
    assert repository_path("rows.csv") == "rows.csv"
