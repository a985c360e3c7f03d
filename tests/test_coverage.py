from catraffick_data.coverage import coverage
from catraffick_data.validate import validate
from conftest import ROOT, model


def test_the_coverage_report_is_current_and_shows_the_gaps():
    result = validate(ROOT)
    text = coverage(model(), {n: d.frame for n, d in result.tables.items()})
    # if this fails: run `catraffick render`
    assert (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8") == text
    line = next(l for l in text.splitlines() if l.startswith("| `hotline_calls` | `us-ca` |"))
    assert line.split(" | ")[2:4] == ["2012-2018", "2017"]  # no figure of California's calls for 2017
