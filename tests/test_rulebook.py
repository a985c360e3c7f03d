"""The rule catalogue (src/catraffick_data/rules.toml) is the list of every problem the validator can
report: a problem of any other rule cannot be made, and every rule listed is triggered by a test, here
or in the bad-input corpus (tests/bad_inputs/MANIFEST.csv) or in a test named below."""
import csv
import json
import re

import pytest

from catraffick_data.problems import Problem
from catraffick_data.rulebook import catalogue, format_rules
from catraffick_data.validate import validate
from conftest import BAD, ROOT, cli, copy_package, read_rows, write_rows

# rules whose triggering test lives elsewhere: rule -> (test file, test function)
ELSEWHERE = {
    "check-error": ("test_validate.py", "test_a_check_that_breaks_is_reported_not_passed"),
    "one-preferred": ("test_validate.py", "test_competing_rows_need_one_preferred"),
    "invisible-character": ("test_cli_hostile.py", "test_hostile_case"),
    "text-file-outside": ("test_cli_hostile.py", "test_hostile_case"),
    "text-file-not-regular": ("test_cli_hostile.py", "test_hostile_case"),
    "text-file-too-large": ("test_cli_hostile.py", "test_hostile_case"),
    "type-integer": ("test_fieldtypes.py", "test_each_bad_cell_is_reported_with_line_and_column"),
    "type-boolean": ("test_fieldtypes.py", "test_each_bad_cell_is_reported_with_line_and_column"),
    "maximum": ("test_pandera_schema.py", "test_constraints_become_checks"),
    "min-length": ("test_pandera_schema.py", "test_constraints_become_checks"),
    "unique": ("test_frame_checks.py", "test_a_unique_column_that_is_not_the_key"),
    "schema": ("test_table_problems.py", "test_a_failure_without_a_rule_of_its_own_is_reported_as_schema"),
    "derived-from-deprecated": ("checks/test_figure_checks.py", "test_a_row_derived_from_a_deprecated_row_must_be_deprecated_too"),
    "judgment-stale": ("test_validate.py", "test_a_judgment_whose_rows_changed_is_reported_at_its_line"),
}


def _manifest_rules() -> set[str]:
    with open(BAD / "MANIFEST.csv", newline="", encoding="utf-8") as fh:
        return {rule for row in csv.DictReader(fh) for rule in row["rules"].split(";") if rule}


def _edit(pkg, table, figure_or_key, **cells):
    path = pkg / "raw" / f"{table}.csv"
    header, rows = read_rows(path)
    row = next(r for r in rows if figure_or_key in r.values())
    row.update(cells)
    write_rows(path, header, rows)
    return 2 + rows.index(row)


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """One copy of the package with one row broken for each rule below; (rule, file, line) of each."""
    pkg = copy_package(tmp_path_factory.mktemp("rules") / "pkg")
    expected = {
        ("value-within-bounds", "regional_figures.csv", _edit(pkg, "regional_figures", "rf-076", value="100")),
        ("qualifier-bounds", "hotline_counts.csv", _edit(pkg, "hotline_counts", "hc-012", qualifier="range")),
        ("period-basis", "hotline_counts.csv", _edit(pkg, "hotline_counts", "hc-013", period_basis="unstated")),
        ("rank-reason", "hotline_counts.csv", _edit(pkg, "hotline_counts", "hc-014", statement_rank="deprecated")),
        ("stated-or-derived", "hotline_counts.csv", _edit(pkg, "hotline_counts", "hc-015", formula="hc-014 * 2")),
        ("max-length", "hotline_counts.csv", _edit(pkg, "hotline_counts", "hc-016", excerpt="x" * 401)),
        ("percent-denominator", "measures.csv", _edit(pkg, "measures", "share_of_hotline_victims", denominator="")),
        ("total-figure-exists", "breakdowns.csv",
         _edit(pkg, "breakdowns", "hotline_2018_ca_cases_by_type_ag", total_figure="hc-999")),
        ("conflict-rows-exist", "conflicts.csv", _edit(pkg, "conflicts", "cc-001", figures="rf-056;rf-999")),
        ("text-file-readable", "sources.csv",
         _edit(pkg, "sources", "upi-2016-hotline-cases", text_file="sources/publishers/missing.md")),
    }
    found = {(p.rule, p.file.rsplit("/", 1)[-1], p.line) for p in validate(pkg).problems}
    return expected, found


def test_each_rule_fires_on_its_broken_row(broken):
    expected, found = broken
    assert expected <= found, sorted(expected - found)


def test_a_stale_descriptor_and_a_missing_file_are_package_problems(package_copy):
    descriptor = package_copy / "datapackage.json"
    descriptor.write_text(descriptor.read_text().replace("Sources", "Sauces", 1))
    (package_copy / "raw" / "law_figures.csv").unlink()
    rules = {(p.rule, p.file.rsplit("/", 1)[-1]) for p in validate(package_copy).problems}
    assert {("descriptor-drift", "datapackage.json"), ("missing-file", "law_figures.csv")} <= rules


def test_every_rule_of_the_catalogue_is_triggered_by_a_test(broken):
    here = {rule for rule, _, _ in broken[0]} | {"descriptor-drift", "missing-file"}
    for rule, (file, test) in ELSEWHERE.items():
        text = (ROOT / "tests" / file).read_text(encoding="utf-8")
        assert f"def {test}(" in text and rule in text, (rule, file, test)
    untriggered = set(catalogue()) - _manifest_rules() - here - set(ELSEWHERE)
    assert untriggered == set(), sorted(untriggered)
    assert _manifest_rules() <= set(catalogue())


def test_a_problem_of_a_rule_not_in_the_catalogue_cannot_be_made():
    with pytest.raises(ValueError, match="not in the catalogue"):
        Problem("f.csv", 1, 1, "x", "no-such-rule", "message")


def test_every_rule_has_words_and_an_example():
    for rule in catalogue().values():
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.id) and rule.message and rule.hint and rule.example, rule


def test_catraffick_rules_prints_the_catalogue_in_text_and_json():
    text = cli("rules")
    assert text.returncode == 0 and "excerpt-in-source: the excerpt is not in the source's text file" in text.stdout
    assert text.stdout.rstrip().endswith(f"{len(catalogue())} rules.")
    listed = json.loads(cli("rules", "--format", "json").stdout)
    assert {r["id"] for r in listed} == set(catalogue()) and format_rules(as_json=True)
