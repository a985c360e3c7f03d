"""Problems are rendered here and nowhere else, in three formats."""
import json

from catraffick_data.problems import Problem, format_github, format_json, format_text, sort_problems

P = Problem("raw/hotline_counts.csv", 12, 9, "value", "type-number", "not a valid number", "2,803",
            "write digits without thousands separators")


def test_text_names_file_line_column_value_rule_and_hint():
    text = format_text([P], ["raw/hotline_counts.csv"])
    assert text.splitlines()[0] == "raw/hotline_counts.csv:12:9: value value '2,803' [type-number] not a valid number"
    assert "    hint: write digits" in text and text.endswith("1 problem(s) in 1 file(s) checked.")


def test_json_and_github_formats():
    report = json.loads(format_json([P], ["x"]))
    assert report["valid"] is False and report["problems"][0]["line"] == 12
    line = format_github([P], ["x"]).splitlines()[0]
    assert line.startswith("::error file=raw/hotline_counts.csv,line=12,col=9,title=type-number::value: not a")


def test_a_long_value_is_cut_saying_how_long_it_was():
    long = Problem("f.csv", 2, 1, "notes", "whitespace", "m", "x" * 5000)
    assert long.value.endswith("... (5000 characters)") and len(long.value) < 300


def test_problems_sort_by_place():
    later = Problem("raw/hotline_counts.csv", 3, 1, "value", "type-number", "m")
    assert sort_problems([P, later]) == [later, P]
