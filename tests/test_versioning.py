"""The version bump each kind of change needs (the README's rule), the check of a release's version
against it, and a build that would reuse a version for other rows."""
import shutil

import pytest

import release_edits as edit
from release_edits import small_release  # noqa: F401 (a fixture)
from catraffick_data.build import build
from catraffick_data.diff import diff
from catraffick_data.versioning import VersionError, check, required_bump
from conftest import cli, model, read_rows, write_rows


@pytest.fixture
def release(small_release):
    return small_release


CHANGES = [  # (the change, the bump the rule gives it)
    (edit.remove_column, "major"), (edit.rename_column, "major"), (edit.retype_column, "major"),
    (edit.remove_table, "major"), (edit.rename_table, "major"),
    (edit.add_row, "minor"), (edit.add_column, "minor"), (edit.add_table, "minor"),
    (edit.change_cell, "patch"), (edit.remove_row, "patch"),
]


@pytest.mark.parametrize("change, bump", CHANGES, ids=[c.__name__ for c, _ in CHANGES])
def test_each_kind_of_change_needs_the_bump_the_rule_gives(release, tmp_path, change, bump):
    new = edit.copy_release(release, tmp_path / "new")
    change(new)
    result = diff(release, new)
    assert required_bump(result) == result["bump"] == bump


def test_the_largest_change_decides_and_no_change_needs_none(release, tmp_path):
    new = edit.copy_release(release, tmp_path / "new")
    assert required_bump(diff(release, new)) is None
    edit.change_cell(new)
    edit.add_row(new)
    assert required_bump(diff(release, new)) == "minor"
    edit.remove_column(new, column="locator")
    assert required_bump(diff(release, new)) == "major"


@pytest.mark.parametrize("change, enough, not_enough", [
    (edit.remove_column, ["major"], ["minor", "patch"]),
    (edit.add_row, ["minor", "major"], ["patch", "same"]),
    (edit.change_cell, ["patch", "minor"], ["same", "below"]),
    (None, ["same", "patch"], ["below"]),
])
def test_the_version_must_be_bumped_at_least_as_the_change_needs(release, tmp_path, change, enough, not_enough):
    base = edit.descriptor(release)["version"]
    new = edit.copy_release(release, tmp_path / "new")
    if change:
        change(new)
    for kind in enough + not_enough:
        version = edit.version_after(base, kind)
        edit.set_version(new, version)
        checked = check(diff(release, new))
        ok, sentence = checked.ok, checked.sentence
        assert ok == (kind in enough), (version, sentence)
        assert f"says {version}" in sentence


def test_a_version_that_is_not_semantic_is_refused(release, tmp_path):
    new = edit.copy_release(release, tmp_path / "new")
    edit.set_version(new, "0.2")
    with pytest.raises(VersionError, match="MAJOR.MINOR.PATCH"):
        check(diff(release, new))


def test_check_version_exits_1_when_not_bumped_and_0_when_bumped(release, tmp_path):
    new = edit.copy_release(release, tmp_path / "new")
    edit.add_row(new)
    proc = cli("diff", release, new, "--check-version")
    assert proc.returncode == 1 and "needs a minor version" in proc.stdout and "not bumped enough" in proc.stdout
    edit.set_version(new, edit.version_after(edit.descriptor(release)["version"], "minor"))
    assert cli("diff", release, new, "--check-version").returncode == 0
    assert cli("diff", release, new).returncode == 1  # without the check: they differ


@pytest.fixture(scope="module")
def previous_without_a_row(small_package, tmp_path_factory):
    """A release of the package's version lacking a row the package has: what a contributor's branch compares with."""
    pkg = tmp_path_factory.mktemp("previous") / "pkg"
    shutil.copytree(small_package, pkg)
    path = pkg / "raw" / "hotline_counts.csv"
    header, rows = read_rows(path)
    write_rows(path, header, [r for r in rows if r["figure_id"] != "hc-040"])  # a row nothing refers to
    out = pkg.parent / "release"
    assert build(pkg, out).out == out, "the previous release must build"
    return next(out.glob("catraffick-data-*.zip"))


def test_a_build_that_keeps_the_version_with_other_rows_is_refused(small_package, previous_without_a_row, tmp_path):
    out = tmp_path / "release"
    proc = cli("build", "--root", small_package, "--out", out, "--previous", previous_without_a_row)
    assert proc.returncode == 2, proc.stderr
    assert "same version" in proc.stderr and "--unreleased" in proc.stderr and "Nothing was written" in proc.stderr
    assert not out.exists()


def test_an_unreleased_build_warns_and_says_so_in_its_changelog(small_package, previous_without_a_row, tmp_path):
    out = tmp_path / "release"
    proc = cli("build", "--root", small_package, "--out", out, "--previous", previous_without_a_row,
               "--unreleased", "--format", "github")
    assert proc.returncode == 0, proc.stderr
    assert "warning:" in proc.stderr and "do not publish it" in proc.stderr
    assert any(line.startswith("::warning ") for line in proc.stdout.splitlines())
    changelog = (out / "CHANGELOG.md").read_text(encoding="utf-8")
    version = model().version
    assert f"## Unreleased changes since {version}" in changelog and f"## {version}" not in changelog


def test_a_rebuild_of_the_same_rows_keeps_its_version(small_package, release, tmp_path):
    out = tmp_path / "release"
    proc = cli("build", "--root", small_package, "--out", out, "--previous", release)
    assert proc.returncode == 0, proc.stderr
    assert f"## {edit.descriptor(release)['version']}" in (out / "CHANGELOG.md").read_text(encoding="utf-8")
