"""`catraffick diff --format markdown`, on releases this test builds and then changes: every fact the
markdown states is checked against the change made, never against a stored copy of the output."""
import re

import pytest

import release_edits as edit
from release_edits import small_release  # noqa: F401 (a fixture)
from catraffick_data.diff import diff, outcome
from catraffick_data.diff_markdown import FOLD, code, format_markdown
from conftest import cli

COMMAND = "catraffick diff old.zip . --format markdown"


def markdown(result: dict, **kwargs) -> str:
    return format_markdown(result, COMMAND, outcome(result, check_version=False), **kwargs)


@pytest.fixture
def release(small_release):
    return small_release


def section(markdown: str, title: str) -> str:
    """The text under the heading `### title` up to the next heading or the closing rule."""
    start = markdown.index(f"### {title}\n")
    rest = markdown[start + len(title) + 5:]
    return re.split(r"\n(?:### |---\n)", rest, maxsplit=1)[0]


def test_added_removed_and_changed_rows_per_table(release, tmp_path):
    new = edit.copy_release(release, tmp_path / "new")
    removed = edit.remove_row(new)
    added = edit.add_row(new)
    key, old_text, new_text = edit.change_cell(new)
    text = markdown(diff(release, new))
    assert "| `hotline_counts` | 1 | 1 | 1 |" in text
    rows = section(text, "`hotline_counts`")
    assert f"figure_id `{added}`" in rows.split("**Rows removed**")[0]
    assert f"figure_id `{removed}`" in rows.split("**Rows removed**")[1].split("**Rows changed**")[0]
    changed = rows.split("**Rows changed**")[1]
    assert f"- figure_id `{key}`\n  - `notes`: {code(old_text)} -> {code(new_text)}" in changed
    assert "needs a **minor** version" in text and "not bumped enough" in text
    assert text.splitlines()[-1].startswith("Run this locally") and f"`{COMMAND}`" in text.splitlines()[-1]


def test_schema_changes_mark_removed_and_renamed_as_breaking(release, tmp_path):
    new = edit.copy_release(release, tmp_path / "new")
    edit.remove_column(new, column="locator")
    edit.rename_column(new, old="notes", new="remarks")
    edit.add_column(new, column="page")
    edit.rename_table(new, "task_forces", "regional_task_forces")
    schema = section(markdown(diff(release, new)), "Schema changes")
    lines = schema.strip().splitlines()
    assert "- **breaking**: column removed: `hotline_counts`.`locator`" in lines
    assert "- **breaking**: column renamed: `hotline_counts`.`notes` -> `remarks`" in lines
    assert "- column added: `hotline_counts`.`page`" in lines
    assert "- **breaking**: table renamed: `task_forces` -> `regional_task_forces`" in lines
    assert len(lines) == 4


def test_new_and_closed_conflicts(release, tmp_path):
    new = edit.copy_release(release, tmp_path / "new")
    header, rows = edit.read_rows(new / "data" / "conflicts.csv")
    gone = rows[0]
    opened = dict(rows[0], conflict_id="cf-00000001", status="open", figures="hc-901;hc-902")  # rows of its own
    explained = next(r for r in rows[1:] if r["status"] == "open")
    explained = dict(explained, status="explained")
    rows = [opened] + [explained if r["conflict_id"] == explained["conflict_id"] else r for r in rows[1:]]
    edit.write_rows(new / "data" / "conflicts.csv", header, rows)
    conflicts = section(markdown(diff(release, new)), "Conflicts").strip().splitlines()
    assert [line.split(" (")[0] for line in conflicts] == [
        "- new: `cf-00000001`", f"- closed: `{gone['conflict_id']}`", f"- closed: `{explained['conflict_id']}`"]
    assert "`no longer found`" in conflicts[1] and "`explained`" in conflicts[2]


def test_long_lists_fold(release, tmp_path):
    new = edit.copy_release(release, tmp_path / "new")
    for n in range(FOLD + 1):
        edit.add_row(new, figure_id=f"hc-{900 + n}")
    text = markdown(diff(release, new))
    rows = section(text, "`hotline_counts`")
    assert f"<details>\n<summary>{FOLD + 1} rows added</summary>\n" in rows
    assert rows.count("- figure_id `hc-9") == FOLD + 1 and "</details>" in rows
    few = edit.copy_release(release, tmp_path / "few")
    edit.add_row(few)
    assert "<details>" not in markdown(diff(release, few))


def test_the_whole_stays_under_its_limit_and_says_what_it_left_out(release, tmp_path):
    new = edit.copy_release(release, tmp_path / "new")
    for n in range(40):
        edit.add_row(new, figure_id=f"hc-{800 + n}")
    full = markdown(diff(release, new))
    cut = markdown(diff(release, new), limit=len(full) // 2)
    assert len(cut) <= len(full) // 2 and "are left out" in cut and "`hotline_counts`" in cut
    assert cut.splitlines()[-1] == full.splitlines()[-1]


def test_text_from_a_pull_request_stays_inside_code_spans(release, tmp_path):
    new = edit.copy_release(release, tmp_path / "new")
    hostile = "@maintainer <img src=x onerror=alert(1)> [link](https://example.org) `tick` | pipe\n::error ::x"
    edit.change_cell(new, text=hostile)
    text = markdown(diff(release, new))
    line = next(l for l in text.splitlines() if l.startswith("  - `notes`:"))
    new_span = line.split(" -> ", 1)[1]
    assert new_span.startswith("``") and new_span.endswith("``")  # a longer fence than the backtick inside
    assert "\n" not in new_span and "::error" not in text.split(new_span)[0].splitlines()[-1][:2]
    outside = re.sub(r"(`+).*?\1", "", text, flags=re.S)  # the text with every code span removed
    assert "@maintainer" not in outside and "<img" not in outside and "](https" not in outside


def test_cli_markdown_exit_status(release, tmp_path):
    new = edit.copy_release(release, tmp_path / "new")
    same = cli("diff", release, new, "--format", "markdown")
    assert same.returncode == 0 and "**No change to the data**" in same.stdout
    edit.add_row(new)
    differ = cli("diff", release, new, "--format", "markdown")
    assert differ.returncode == 1 and "| `hotline_counts` | 1 | 0 | 0 |" in differ.stdout
    assert f"catraffick diff {release} {new} --format markdown" in differ.stdout.splitlines()[-1]
    assert differ.stdout.splitlines()[-1].endswith("(exit status 1: the releases differ)")


def test_cli_markdown_footer_gives_the_status_of_the_version_check(release, tmp_path):
    """With --check-version the command exits by the version, not by whether the releases differ: the
    footer must say the status the command really ends with."""
    new = edit.copy_release(release, tmp_path / "new")
    edit.add_row(new)
    short = cli("diff", release, new, "--format", "markdown", "--check-version")
    assert short.returncode == 1
    assert short.stdout.splitlines()[-1].endswith("(exit status 1: the version is not bumped enough)")
    edit.set_version(new, edit.version_after(edit.descriptor(release)["version"], "minor"))
    bumped = cli("diff", release, new, "--format", "markdown", "--check-version")
    assert bumped.returncode == 0 and "--check-version" in bumped.stdout.splitlines()[-1]
    assert bumped.stdout.splitlines()[-1].endswith("(exit status 0: the version is bumped as the change needs)")


def test_text_markdown_and_the_version_reasons_list_the_same_schema_changes(release, tmp_path):
    """One list of changes (diff_schema.schema_changes) is written three ways: none may drop one."""
    from catraffick_data.diff import format_text
    from catraffick_data.versioning import reasons

    new = edit.copy_release(release, tmp_path / "new")
    edit.remove_column(new, column="locator")
    edit.add_column(new, column="page")
    edit.rename_table(new, "task_forces", "regional_task_forces")
    result = diff(release, new)
    plain = [line for line in format_text(result).splitlines() if line.startswith(("column ", "table "))]
    assert plain == ["table renamed: task_forces -> regional_task_forces (breaking)",
                     "column added: hotline_counts.page", "column removed: hotline_counts.locator (breaking)"]
    assert reasons(result)["major"] == ["table renamed: task_forces -> regional_task_forces",
                                        "column removed: hotline_counts.locator"]
    assert reasons(result)["minor"][0] == "column added: hotline_counts.page"
    md = section(markdown(result), "Schema changes").strip().splitlines()
    assert [re.sub(r"\*\*breaking\*\*: |`|^- ", "", line) for line in md] == [l.removesuffix(" (breaking)") for l in plain]


def test_a_row_joining_a_conflict_regroups_it_rather_than_closing_one_and_opening_another(release, tmp_path):
    """A conflict's id is the hash of its rows: a row that joins it changes the id. The diff pairs the
    entry that vanished with the one that appeared (same kind, shared rows) and names the row that joined."""
    new = edit.copy_release(release, tmp_path / "new")
    header, rows = edit.read_rows(new / "data" / "conflicts.csv")
    before = next(r for r in rows if r["status"] == "open" and r["conflict_id"].startswith("cf-"))
    after = dict(before, conflict_id="cf-0000beef", figures=before["figures"] + ";hc-998")
    edit.write_rows(new / "data" / "conflicts.csv", header,
                    [after if r["conflict_id"] == before["conflict_id"] else r for r in rows])
    changes = diff(release, new)["conflicts"]
    assert changes["new"] == [] and changes["closed"] == []
    [regrouped] = changes["regrouped"]
    assert (regrouped["was"], regrouped["conflict_id"]) == (before["conflict_id"], "cf-0000beef")
    assert regrouped["rows_added"] == ["hc-998"] and regrouped["rows_removed"] == []
    lines = section(markdown(diff(release, new)), "Conflicts").strip().splitlines()
    assert lines[0].startswith(f"- regrouped: `{before['conflict_id']}` -> `cf-0000beef` (rows added `hc-998`)")
    from catraffick_data.diff import format_text
    assert (f"conflict regrouped: {before['conflict_id']} -> cf-0000beef (rows added hc-998) (open)"
            in format_text(diff(release, new)).splitlines()[-2])
