"""A raw package given to diff is compared as the release it would build."""
import shutil

import pytest

from catraffick_data.diff import diff
from conftest import model, cli, read_rows, write_rows
from release_edits import small_release  # noqa: F401 (a fixture)


@pytest.fixture
def release_zip(small_release):
    return next(small_release.glob("catraffick-data-*.zip"))


def test_a_change_to_raw_shows_as_the_change_to_the_release(small_package, release_zip, tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(small_package, pkg)
    path = pkg / "raw" / "hotline_counts.csv"
    header, rows = read_rows(path)
    old = rows[0]["notes"]
    rows[0]["notes"] = old + " Checked again."
    write_rows(path, header, rows)
    result = diff(release_zip, pkg)
    changed = {name: d["changed"] for name, d in result["tables"].items() if d["changed"]}
    assert changed == {"hotline_counts": {rows[0]["figure_id"]: {"notes": [old, old + " Checked again."]}}}
    assert all(not d["columns_removed"] and not d["added"] and not d["removed"] for d in result["tables"].values())
    version = model().version
    assert result["versions"] == {"old": version, "new": version} and result["bump"] == "patch"


def test_a_raw_package_with_problems_is_refused(small_package, release_zip, tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(small_package, pkg)
    path = pkg / "raw" / "hotline_counts.csv"
    header, rows = read_rows(path)
    rows[0]["value"] = "lots"
    write_rows(path, header, rows)
    proc = cli("diff", release_zip, pkg)
    assert proc.returncode == 2 and "1 problem(s)" in proc.stderr and "catraffick validate" in proc.stderr


def test_a_table_path_leading_out_of_the_package_is_refused(small_package, release_zip, tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(small_package, pkg)
    (tmp_path / "elsewhere.csv").write_bytes((pkg / "raw" / "task_forces.csv").read_bytes())
    tables = pkg / "schemas" / "tables.toml"
    text = tables.read_text(encoding="utf-8")
    assert 'path = "raw/task_forces.csv"' in text
    tables.write_text(text.replace('path = "raw/task_forces.csv"', 'path = "../elsewhere.csv"'), encoding="utf-8")
    proc = cli("diff", release_zip, pkg)
    assert proc.returncode == 2 and "outside the package" in proc.stderr and "Traceback" not in proc.stderr
