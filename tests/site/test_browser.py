"""The release's web site in a real browser, opened from the file system as a reader would open it:
every page loads with no error and asks for nothing from the network, every link and image resolves,
the filter and the sort work, a measure's chart has a series per source and rings the figures in
conflict, and every figure card shows its excerpt and its source."""
import csv
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from site_browser import ARTEFACTS, Tab, browser, tab  # noqa: F401 (fixtures)

COLLECT = """() => {
  const target = a => (a.href && a.href.baseVal !== undefined) ? a.href.baseVal : a.getAttribute('href');
  return {
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
    links: [...document.querySelectorAll('a')].map(target).filter(h => h !== null)
             .map(h => new URL(h, document.baseURI).href),
    assets: [...document.querySelectorAll('script[src], link[href]')].map(e => e.src || e.href),
    images: [...document.images].map(i => [i.src, i.complete && i.naturalWidth > 0]),
    excerpt: (document.querySelector('blockquote.excerpt') || {}).textContent || null,
    marked: (document.querySelector('blockquote.excerpt mark') || {}).textContent || null,
    sourceUrl: (document.querySelector('a.source-url') || {href: null}).href,
    sourcePage: (document.querySelector('a.source-page') || {href: null}).href,
  };
}"""


def rows(release: Path, table: str) -> list[dict]:
    with open(release / "data" / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def figure_rows(release: Path) -> dict[str, dict]:
    import json

    descriptor = json.loads((release / "datapackage.json").read_text())
    return {r["figure_id"]: r for res in descriptor["resources"] if res["catraffick:kind"] == "figure"
            for r in rows(release, res["name"])}


def _file(url: str) -> tuple[Path, str]:
    parts = urlsplit(url)
    return Path(unquote(parts.path)), parts.fragment


def test_every_page_loads_cleanly_every_link_resolves_and_every_card_quotes_its_figure(built_release, tab):
    site = built_release / "site"
    pages = sorted(site.rglob("*.html"))
    figures = figure_rows(built_release)
    sources = {r["source_id"]: r for r in rows(built_release, "sources")}
    ids, links, problems = {}, defaultdict(set), []
    for path in pages:
        before = len(tab.errors)
        page = tab.open(path)
        seen = page.evaluate(COLLECT)
        problems += [f"{path.relative_to(site)}: {e}" for e in tab.errors[before:]]
        ids[path.resolve()] = set(seen["ids"])
        for url in seen["links"] + seen["assets"]:
            links[url].add(path.relative_to(site).as_posix())
        problems += [f"{path.relative_to(site)}: image {src} did not load" for src, ok in seen["images"] if not ok]
        if path.parent.name == "figures":
            row = figures[path.stem]
            assert seen["excerpt"].strip() == row["excerpt"], path.name
            assert seen["marked"] == (row["value_text"] or None), path.name  # a derived figure quotes no number
            assert seen["sourceUrl"] == (sources[row["source"]]["url"] or None), path.name
            assert seen["sourcePage"].endswith(f"sources.html#{row['source']}"), path.name
    assert problems == []
    assert tab.outside == []  # nothing asked of the network
    assert {p.stem for p in (site / "figures").glob("*.html")} == set(figures)

    unresolved, external = [], set()
    for url, where in sorted(links.items()):
        if url.startswith(("http://", "https://")):
            external.add(url)
            continue
        assert url.startswith("file://"), (url, where)
        path, fragment = _file(url)
        if not path.is_file():
            unresolved.append((url, sorted(where)[:3]))
        elif fragment and fragment not in ids.get(path, set()):
            unresolved.append((url, sorted(where)[:3]))
    assert unresolved == []
    # every link out of the site names a source's own page, or a licence or the article the package cites
    assert {s["url"].rstrip("/") for s in sources.values() if s["url"]} <= {u.rstrip("/") for u in external}
    print(f"{len(pages)} pages, {len(links)} distinct links, {len(external)} external")


def test_the_filter_hides_the_rows_that_do_not_match_and_the_sort_orders_them(built_release, tab):
    page = tab.open(built_release / "site" / "tables" / "hotline_counts.html")
    table = rows(built_release, "hotline_counts")
    box = page.locator("input[type=search]")
    assert box.is_visible()
    visible = lambda: page.locator("tbody tr:visible")
    assert visible().count() == len(table)

    box.fill("labor")
    wanted = [r["figure_id"] for r in table if any("labor" in v.lower() for v in r.values())]
    assert 0 < len(wanted) < len(table)
    assert sorted(visible().evaluate_all("rows => rows.map(r => r.id)")) == sorted(wanted)
    assert page.locator(".count").text_content() == f"{len(wanted)} of {len(table)} rows"

    box.fill("")
    assert visible().count() == len(table)
    page.locator("th", has_text=re.compile(r"^value$")).locator("button").click()
    column = [h.strip() for h in page.locator("thead th").all_text_contents()].index("value") + 1
    shown = page.locator(f"tbody tr td:nth-child({column})").all_text_contents()
    numbers = [float(v) for v in shown if v]
    assert numbers == sorted(float(r["value"]) for r in table if r["value"])
    assert shown[len(numbers):] == [""] * (len(shown) - len(numbers))  # no value: last


def test_without_javascript_a_table_page_shows_every_row_and_no_dead_filter(built_release, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((built_release / "site" / "tables" / "regional_figures.html").as_uri())
    assert page.locator("tbody tr").count() == len(rows(built_release, "regional_figures"))
    assert not page.locator("input[type=search]").is_visible()
    context.close()


def test_a_measure_chart_has_one_series_per_source_rings_conflicts_and_hollows_deprecated(built_release, tab):
    figures = [r for r in figure_rows(built_release).values() if r["measure"] == "victims_by_origin"]
    by_source = defaultdict(set)
    for r in figures:
        if r["value"] or r["low"]:
            by_source[r["source"]].add(r["figure_id"])
    assert len(by_source) > 1
    page = tab.open(built_release / "site" / "measures" / "victims_by_origin.html")
    # a source's points, from every panel of the chart (series-<source> in the first, series-<source>--2...)
    series = page.evaluate("""() => [...document.querySelectorAll('svg g[id^="series-"]')].reduce((out, g) => {
        const source = g.id.slice(7).split('--')[0];
        out[source] = (out[source] || []).concat([...g.querySelectorAll('a')].map(a => [a.href.baseVal,
                                                                                a.querySelector('use, path').style.fill]));
        return out; }, {})""")
    assert set(series) == set(by_source)
    by_id = {r["figure_id"]: r for r in figures}
    for source, points in series.items():
        ids = [re.search(r"([a-z]+-\d+)\.html$", url).group(1) for url, _ in points]
        assert set(ids) == by_source[source]
        for fid, (_, fill) in zip(ids, points):
            assert (fill in ("rgb(255, 255, 255)", "#ffffff")) == (by_id[fid]["statement_rank"] == "deprecated"), fid
    rings = page.evaluate("""() => [...document.querySelectorAll('svg g[id^="conflicts"] a')].map(a => a.href.baseVal)""")
    conflicted = [r for r in figures if r["in_conflict"] == "true" and (r["value"] or r["low"])]
    assert len(rings) == len(conflicted) > 0
    assert {u.split("#")[1] for u in rings} <= {c for r in conflicted for c in r["conflict_ids"].split(";")}
    assert "hollow" in page.locator("svg").text_content() and "conflict" in page.locator("svg").text_content()
    label = page.locator("svg").get_attribute("aria-labelledby").split()
    assert all(page.locator(f"[id='{i}']").text_content() for i in label)


def test_screenshots_of_the_home_page_and_a_measure_page(built_release, tab):
    ARTEFACTS.mkdir(exist_ok=True)
    for rel, name in (("index.html", "home.png"), ("measures/hotline_cases.html", "measure-hotline_cases.png")):
        page = tab.open(built_release / "site" / rel)
        page.screenshot(path=str(ARTEFACTS / name), full_page=True)
        assert (ARTEFACTS / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert tab.errors == [] and tab.outside == []
