import json
import shutil

from catraffick_data.diff import changelog, diff, diff_against_nothing, format_text
from conftest import read_rows, run_cli, write_rows


def edit_release(release, tmp_path):
    copy = tmp_path / "new"
    shutil.copytree(release, copy)
    path = copy / "data" / "hotline_counts.csv"
    header, rows = read_rows(path)
    rows[0]["value"] = "791"
    rows[0]["notes"] = "corrected"
    removed = rows.pop(1)
    rows.append(dict(rows[2], figure_id="hc-999"))
    write_rows(path, header, rows)
    return copy, removed["figure_id"], rows[0]["figure_id"]


def test_added_removed_and_changed_rows_name_their_columns(built_release, tmp_path):
    new, removed, changed = edit_release(built_release, tmp_path)
    result = diff(built_release, new)
    table = result["tables"]["hotline_counts"]
    assert table["added"] == ["hc-999"] and table["removed"] == [removed]
    assert set(table["changed"]) == {changed}
    assert table["changed"][changed]["value"][1] == "791" and "notes" in table["changed"][changed]
    assert all(not d["added"] for n, d in result["tables"].items() if n != "hotline_counts")
    text = format_text(result)
    assert "hotline_counts: 1 added, 1 removed, 1 changed" in text and "+ hc-999" in text


def test_numbers_are_compared_as_numbers(built_release, tmp_path):
    copy = tmp_path / "same"
    shutil.copytree(built_release, copy)
    path = copy / "data" / "hotline_counts.csv"
    header, rows = read_rows(path)
    rows[0]["value"] = rows[0]["value"] + ".0"
    write_rows(path, header, rows)
    assert diff(built_release, copy)["tables"]["hotline_counts"]["changed"] == {}


def test_zip_against_the_working_raw_package_compares_like_with_like(built_release):
    """The checkout is compared as the release it builds: the release-only columns and the conflicts
    the rules find are there on both sides, so the release of this checkout does not differ from it."""
    from conftest import ROOT

    zipped = next(built_release.glob("catraffick-data-*.zip"))
    result = diff(zipped, ROOT)
    assert result["bump"] is None, format_text(result)  # no row, column or table changed
    assert result["tables_added"] == result["tables_removed"] == []
    assert result["tables"]["hotline_counts"]["columns_removed"] == []


def test_changelog_of_a_first_release_counts_rows(built_release):
    text = changelog("9.9.9", diff_against_nothing(built_release))
    assert "## 9.9.9" in text and "First release" in text and "- hotline_counts: " in text


def test_cli_diff_in_json(built_release, tmp_path):
    new, _, _ = edit_release(built_release, tmp_path)
    proc = run_cli("diff", built_release, new, "--format", "json")
    assert proc.returncode == 1  # they differ, as `diff` and `git diff --exit-code` say
    assert json.loads(proc.stdout)["tables"]["hotline_counts"]["added"] == ["hc-999"]
    assert run_cli("diff", built_release, tmp_path / "missing").returncode == 2
