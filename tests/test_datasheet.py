"""docs/datasheet.md answers the seven sections of "Datasheets for Datasets", ships in the release, and
every warning of its Misuse section quotes the caveat of the measures it names, word for word."""
import re

import pandas as pd

from conftest import ROOT

SHEET = (ROOT / "docs" / "datasheet.md").read_text(encoding="utf-8")
SECTIONS = ["Motivation", "Composition", "Collection process", "Preprocessing, cleaning, labelling", "Uses",
            "Distribution", "Maintenance", "Misuse"]
CITED = re.compile(r"\(((?:`[a-z0-9_]+`(?:,\s+)?)+):\s+\u201c(.+?)\u201d\)", re.S)


def section(name: str) -> str:
    return SHEET.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]


def test_the_seven_sections_and_misuse_in_order():
    assert re.findall(r"^## (.+)$", SHEET, flags=re.M) == SECTIONS
    for name in SECTIONS:
        assert len(section(name).split()) > 40, name


def test_every_misuse_warning_quotes_the_caveat_of_each_measure_it_names():
    caveats = pd.read_csv(ROOT / "raw" / "measures.csv", dtype=str, keep_default_na=False).set_index("measure_id")["caveat"]
    warnings = re.findall(r"^- (.+?)(?=^- |\Z)", section("Misuse"), flags=re.M | re.S)
    assert len(warnings) >= 10
    for warning in warnings:
        cited = CITED.findall(warning)
        assert cited, warning
        for ids, quote in cited:
            quote = " ".join(quote.split())
            for measure_id in re.findall(r"`([a-z0-9_]+)`", ids):
                assert measure_id in caveats.index, measure_id
                assert quote in caveats[measure_id], (measure_id, quote)


def test_the_release_carries_it(built_release):
    assert (built_release / "datasheet.md").read_text(encoding="utf-8") == SHEET
