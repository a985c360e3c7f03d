"""axe-core, the accessibility engine, run in a real browser on the home page, a table page, a
measure page (with its chart) and a figure card: no violation of impact serious or critical."""
import json

import pytest

from site_browser import AXE, browser, tab  # noqa: F401 (fixtures)

PAGES = ["index.html", "tables/hotline_counts.html", "measures/hotline_cases.html", "figures/hc-023.html"]


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.is_file():
        pytest.skip(f"install axe-core: npm install --prefix .tools axe-core (looked for {AXE})")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("page_path", PAGES)
def test_no_serious_or_critical_accessibility_violation(built_release, tab, axe_source, page_path):
    page = tab.open(built_release / "site" / page_path)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations'], preload: false})")
    assert result["testEngine"]["name"] == "axe-core" and result["passes"] is not None
    grave = [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
              "where": [n["target"] for n in v["nodes"][:3]]}
             for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert grave == [], json.dumps(grave, indent=1)
    assert tab.errors == [] and tab.outside == []
