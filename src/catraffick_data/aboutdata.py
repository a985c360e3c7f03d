"""What every description of a release says the same way: what the data are and are not, how to cite
them, and the caveats several measures share. The release README, the workbook's first sheet, the
Croissant description and the datasheet take their words from here, so that they cannot drift apart.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .model import Model

AUTHORS = "catraffick_data contributors"
ARTICLE = "the English Wikipedia article \u201cHuman trafficking in California\u201d, by Wikipedia contributors"

ARE = (
    "The figures printed in " + ARTICLE + ", and the figures of the original publishers behind it, each as "
    "its own row with its own source, where in the source it stands, and a short verbatim excerpt that "
    "contains the number.",
    "A map of what has been published, not a new measurement.",
    "Complete about disagreements: where sources disagree, every figure is kept and the `conflicts` table "
    "says how they disagree; nothing is silently corrected.",
)

ARE_NOT = (
    "Not a measure of how much trafficking there is. Hotline figures count contacts and cases reported "
    "to one hotline; a case can involve more than one victim; the hotline revises its figures after "
    "publication.",
    "Not comparable just because two figures share a unit: read `measures.caveat` before comparing two "
    "measures, and `notes` before using a row.",
    "Not to be added up across sources: counts compiled by different agencies and publishers overlap, and "
    "can include the same person more than once.",
    "Not records of people: every row is a published figure. Counts of fewer than 11 for a place inside a "
    "state are flagged `small_count`, not removed.",
    "A share of victims (how victims divide among sectors) is not a rate among workers (what part of a "
    "sector's workers are victims): they are different measures.",
)

CONVENTIONS = (
    "An empty cell means no value; no text value is ever empty, and \u201cNA\u201d is text (Namibia's ISO code).",
    "Percentages are written 0-100 (76.3 means 76.3%); money is in US dollars; a year-long period runs "
    "from 1 January to 31 December.",
)


def title(model: Model) -> str:
    return model.package["title"]


def citation(model: Model, version: str | None = None) -> str:
    """The one way to cite the package (README, release README, workbook, Croissant, CITATION.cff)."""
    version = version or model.version
    return (f"{AUTHORS}. {title(model)} (catraffick_data), version {version} [data set]. Derived from "
            f"{ARTICLE}, CC BY-SA 4.0. When you use a figure, cite its original publisher too (the `sources` table).")


def sentences(text: str) -> list[str]:
    """A caveat's sentences: split after a full stop or semicolon followed by a capital."""
    return [s.strip() for s in re.split(r"(?<=[.;])\s+(?=[A-Z])", text) if s.strip()]


def shared_caveats(measures: list[tuple[str, str]], at_least: int = 2) -> list[tuple[str, list[str]]]:
    """(sentence, measure ids) for every sentence of `measures.caveat` that at least `at_least` measures
    share, the most shared first: what holds for a whole family of figures."""
    by_sentence: dict[str, list[str]] = defaultdict(list)
    for measure_id, caveat in measures:
        for sentence in dict.fromkeys(sentences(caveat or "")):
            by_sentence[sentence].append(measure_id)
    shared = [(s, ids) for s, ids in by_sentence.items() if len(ids) >= at_least]
    return sorted(shared, key=lambda item: (-len(item[1]), item[0]))
