"""The curated figures against their sources, checked independently of the validator's own rules:
read with the csv module, compared with plain string operations."""
import csv
import re

import pytest

from conftest import ROOT, model

ARTICLE = ROOT / "sources" / "human-trafficking-in-california.txt"


def rows(table: str) -> list[dict]:
    with open(ROOT / "raw" / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


FIGURE_TABLES = [t.name for t in model().figure_tables]  # every one: a new table is checked too
FIGURES = [(t, r) for t in FIGURE_TABLES for r in rows(t)]
SOURCES = {r["source_id"]: r for r in rows("sources")}


def test_every_article_excerpt_is_in_the_article_text():
    text = ARTICLE.read_text(encoding="utf-8")
    article_rows = [r for _, r in FIGURES if r["source"] == "wikipedia-ht-california"] + \
        [r for r in rows("task_forces") if r["source"] == "wikipedia-ht-california"]
    assert len(article_rows) > 150
    missing = [r.get("figure_id") or r.get("task_force_id") for r in article_rows if r["excerpt"] not in text]
    assert missing == []


def test_every_excerpt_is_in_its_sources_text_file():
    texts = {sid: (ROOT / s["text_file"]).read_text(encoding="utf-8") for sid, s in SOURCES.items()}
    missing = [r["figure_id"] for _, r in FIGURES if r["excerpt"] not in texts[r["source"]]]
    assert missing == []


def written(value: str) -> str:
    """2803 -> 2,803 (a number as the article prints it, with thousands separators)."""
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,}"


def test_stated_values_appear_in_their_excerpt():
    checked = 0
    for _, r in FIGURES:
        if r["value_basis"] != "stated":
            continue
        assert r["value_text"] in r["excerpt"], r["figure_id"]
        digits = re.sub(r"[^0-9.]", "", r["value_text"])
        if r["unit"] in ("count", "percent") and digits and r["value"] and r["qualifier"] != "range" \
                and re.fullmatch(r"[$]?[0-9][0-9,.]*%?", r["value_text"]):
            assert written(r["value"]).replace(",", "") == digits.rstrip("."), r["figure_id"]
            checked += 1
        if r["qualifier"] == "range" and re.search(r"[0-9]", r["value_text"]):  # words: see written_numbers
            for bound in (r["low"], r["high"]):
                assert written(bound) in r["value_text"] or written(bound).replace(",", "") in r["value_text"], \
                    r["figure_id"]
    assert checked > 100


def test_every_reference_resolves():
    ids = {t: {r[k] for r in rows(t)} for t, k in [("measures", "measure_id"), ("geographies", "geo_id"),
                                                   ("sources", "source_id"), ("breakdowns", "breakdown_id")]}
    for _, r in FIGURES:
        assert r["measure"] in ids["measures"] and r["geography"] in ids["geographies"], r["figure_id"]
        assert r["source"] in ids["sources"] and (not r["breakdown"] or r["breakdown"] in ids["breakdowns"])
    for s in SOURCES.values():
        assert not s["cited_via"] or s["cited_via"] in ids["sources"]


def test_derived_rows_name_their_inputs():
    every = {r["figure_id"] for _, r in FIGURES}
    for _, r in FIGURES:
        if r["value_basis"] == "derived":
            inputs = set(re.findall(r"[a-z]{2,8}-[0-9]{3,}", r["formula"]))
            assert inputs and inputs <= every, r["figure_id"]


def test_every_conflict_named_in_the_curation_notes_exists(built_release):
    import pandas as pd

    register = set(pd.read_csv(built_release / "data" / "conflicts.csv", dtype=str)["conflict_id"])
    named = set(re.findall(r"\bc[cf]-[0-9a-f]{3,8}\b", (ROOT / "docs" / "curation.md").read_text(encoding="utf-8")))
    assert named and named <= register, sorted(named - register)
