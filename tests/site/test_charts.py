"""A measure's chart: the same figures give the same bytes in any process; every source is its own
series of points linked to their cards; deprecated figures are hollow; figures in conflict are ringed
and linked to the conflict; the SVG carries its text alternative."""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("matplotlib")

from catraffick_data.site.charts import Point, Spec, inline, render  # noqa: E402
from catraffick_data.site.measures import _labels, _panels  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
SPEC = Spec(salt="m", rows=("California · 2018", "California · 2017"), series=("Wikipedia", "Attorney General"),
            series_ids=("wiki", "ag"),
            points=(Point(0, 0, 790, 790, False, "790", "../figures/hc-001.html", "../conflicts.html#cf-1"),
                    Point(0, 1, 1656, 1656, False, "1,656", "../figures/hc-023.html", "../conflicts.html#cf-1"),
                    Point(1, 0, 705, 705, True, "705", "../figures/hc-007.html", None),
                    Point(1, 1, 3000, 8000, False, "3,000 to 8,000", "../figures/hc-050.html", None)),
            axis_label="count", percent=False, title="Hotline cases: every source's figures",
            description="Hotline cases, in count: four figures from two sources.")
CODE = """
import sys
sys.path.insert(0, {tests!r})
from test_charts import SPEC
from catraffick_data.site.charts import render
sys.stdout.write(render(SPEC))
"""


def test_the_same_figures_give_the_same_bytes_in_fresh_processes():
    outputs = []
    for seed in ("1", "2"):
        proc = subprocess.run([sys.executable, "-c", CODE.format(tests=os.path.dirname(__file__))], capture_output=True,
                              text=True, env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert "<dc:date>" not in outputs[0] and 'target="_blank"' not in outputs[0]


def test_each_source_is_a_series_linked_to_its_figures_hollow_when_deprecated():
    root = ET.fromstring(render(SPEC))
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("series-")}
    assert set(groups) == {"series-wiki", "series-ag"}

    def points(group):
        out = []
        for a in group.iter(f"{SVG}a"):
            mark = next(e for e in a.iter() if e.tag in (f"{SVG}use", f"{SVG}path"))
            out.append((a.get(XLINK), re.search(r"fill: (#[0-9a-f]+)", mark.get("style")).group(1)))
        return out

    wiki, ag = points(groups["series-wiki"]), points(groups["series-ag"])
    assert sorted(u for u, _ in wiki) == ["../figures/hc-001.html", "../figures/hc-007.html"]
    assert dict(wiki)["../figures/hc-007.html"] == "#ffffff"  # deprecated: hollow
    assert dict(wiki)["../figures/hc-001.html"] != "#ffffff"
    # a range is a bar with a point at each bound, both linked to the one figure
    assert sorted(u for u, _ in ag) == ["../figures/hc-023.html", "../figures/hc-050.html", "../figures/hc-050.html"]
    assert any(g.get("id") == "ranges-ag" for g in root.iter(f"{SVG}g"))


def test_figures_in_conflict_are_ringed_and_linked_to_the_conflict():
    root = ET.fromstring(render(SPEC))
    rings = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "conflicts")
    assert [a.get(XLINK) for a in rings.iter(f"{SVG}a")] == ["../conflicts.html#cf-1"] * 2
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "ring: figure in a conflict" in words and "hollow: deprecated figure" in words
    assert "1,656" in words and "3,000 to 8,000" in words  # values as written, beside their points


def test_the_chart_carries_its_text_alternative_and_inlines_as_an_element():
    svg = render(SPEC)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    label = {e.get("id"): e.text for e in root if e.tag in (f"{SVG}title", f"{SVG}desc")}
    assert root.get("aria-labelledby").split() == list(label)
    assert list(label.values()) == [SPEC.title, SPEC.description]
    assert inline(svg).startswith("<svg ") and "<?xml" not in inline(svg)


def _far_apart(panels):
    return Spec(salt="p", rows=("United States · 2016", "San Diego · 2016"), series=("Hotline", "A newspaper"),
                series_ids=("hotline", "paper"),
                points=(Point(0, 0, 26557, 26557, False, "26,557", "../figures/hc-1.html", None),
                        Point(1, 0, 1333, 1333, False, "1,333", "../figures/hc-2.html", "../conflicts.html#cf-2"),
                        Point(1, 1, 1300, 1300, False, "1,300", "../figures/hc-3.html", "../conflicts.html#cf-2")),
                axis_label="count", percent=False, title="Hotline calls", description="Three figures.", panels=panels)


def test_places_far_apart_get_a_panel_each_with_its_own_scale():
    root = ET.fromstring(render(_far_apart((("United States", 1), ("San Diego", 1)))))
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert {"series-hotline", "series-hotline--2", "series-paper--2", "conflicts--2"} <= ids
    assert "series-paper" not in ids and "conflicts" not in ids  # nothing of theirs in the first panel
    words = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "United States" in words and "San Diego" in words
    # each panel's axis reaches a little beyond its own largest figure: 0 to 30,000, and 0 to 1,500
    assert "30,000" in words and "1,500" in words and "600" in words and "6,000" in words


def test_one_panel_draws_no_panel_title_and_no_second_axis():
    root = ET.fromstring(render(_far_apart(())))
    words = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "United States" not in words and "1,500" not in words
    assert "series-hotline--2" not in {g.get("id") for g in root.iter(f"{SVG}g")}


class Places:
    """What _panels and _labels ask of the site's view: a place's name, a figure's own dimensions."""
    def place_name(self, geography):
        return {"us": "United States", "us-ca-san-diego": "San Diego"}[geography]

    def dimensions(self, figure):
        return []


@pytest.mark.parametrize("national, panels", [(26557, (("San Diego", 1), ("United States", 1))), (6000, ())])
def test_panels_split_places_only_when_their_figures_are_ten_times_apart(national, panels):
    figures = [{"geography": "us-ca-san-diego", "value": 1333.0, "high": None},
               {"geography": "us", "value": float(national), "high": None}]
    keys = [("San Diego", "2016"), ("United States", "2016")]
    assert _panels(Places(), keys, figures) == panels


def test_in_panels_a_row_label_leaves_the_place_to_the_panels_title():
    figures = [{"geography": g, "period_start": f"{y}-01-01", "period_end": f"{y}-12-31", "subgroup": "all"}
               for g, y in (("us-ca-san-diego", 2015), ("us-ca-san-diego", 2016), ("us", 2016))]
    assert _labels(Places(), figures)[0] == ["San Diego · 2015", "San Diego · 2016", "United States · 2016"]
    assert _labels(Places(), figures, ("place",))[0] == ["2015", "2016", "2016"]
