"""The Responsible AI fields of croissant.json (Croissant's rai: vocabulary), from what the package knows:
how many figures came from which kinds of source, the caveats its measures share, whom its figures can
see, the counts it flags as small, the disagreements it found. Counts are computed from the release's
tables, so the description always matches the data it describes.
"""
from __future__ import annotations

import re
from collections import Counter

from . import aboutdata
from .model import Model

# Words of a caveat that say whom a figure can see: the selection behind it.
SELECTION = re.compile(r"\b(reflects?|attention of|limited to|documented|sample|over-represented|interviews)\b", re.I)
ONE_CASE = "One case"

USE_CASES = (
    "Finding what has been published about human trafficking in California, with the source, the place in it "
    "and the words of every figure.",
    "Checking a figure quoted elsewhere against its source, and citing the original publisher.",
    "Seeing where sources disagree (the conflicts table) before choosing or quoting a figure.",
    "Not for estimating how much trafficking there is, or for ranking places, origins or sectors by it: the "
    "figures do not measure prevalence (see dataLimitations).",
)
SOCIAL_IMPACT = (
    "Trafficking figures travel without their sources and limits: hotline contacts are repeated as "
    "prevalence, estimates as counts, and figures of different sources are added up. Keeping each figure "
    "with its source, excerpt and caveat, and every disagreement visible, lets a reader trace a figure before "
    "repeating it. Misread, the same figures can stigmatise places, origins or sectors, or misdirect services "
    "and policy; small counts for small places can point at identifiable people, which is why they are flagged."
)


def _frames(model: Model, tables) -> tuple[dict, str, str]:
    """Every frame by name, and the names of the tables figures take their sources and measures from."""
    frames = {t.name: frame for t, frame in tables}
    figure = model.figure_tables[0]
    return frames, figure.field("source").references[0], figure.field("measure").references[0]


def _measures(model: Model, tables) -> list[tuple[str, str]]:
    """(measure id, caveat) of every measure."""
    frames, _, name = _frames(model, tables)
    key = model.figure_tables[0].field("measure").references[1]
    return list(zip(frames[name][key], frames[name]["caveat"].astype(object)))


def _quoted(items: list[tuple[str, list[str]]]) -> str:
    return "; ".join(f"\u201c{sentence}\u201d ({', '.join(ids)})" for sentence, ids in items)


def data_collection(model: Model, tables) -> str:
    frames, sources_name, _ = _frames(model, tables)
    figures = [frames[t.name] for t in model.figure_tables]
    rows = sum(len(f) for f in figures)
    derived = sum(int((f["value_basis"].astype(object) == "derived").sum()) for f in figures)
    kinds = Counter(frames[sources_name]["source_type"].astype(object))
    by_kind = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    register = next(frames[t.name] for t in model.of_kind("register"))
    curated = int((register["found_by"].astype(object) == "curated").sum())
    return (f"Figures were read from published texts and recorded one per row: {rows} figures in "
            f"{len(figures)} tables, from {len(frames[sources_name])} sources ({by_kind}). The starting point is "
            f"{aboutdata.ARTICLE}; the original publishers it cites, or that were read to check it, are sources of "
            "their own. Each row names its source, where in it the figure stands, and a verbatim excerpt, checked "
            "at every build against the stored text of its source (in sources/, with its SHA-256 in "
            f"sources.text_sha256). {derived} of the figures are computed from other rows (value_basis "
            f"derived, with their formula), never in place of a stated one. Of {len(register)} disagreements "
            f"between sources, {curated} are curated (raw/conflicts.csv) and {len(register) - curated} were "
            "found by the package's rules when the release was built.")


def data_limitations(model: Model, tables) -> str:
    shared = aboutdata.shared_caveats(_measures(model, tables))
    return " ".join(aboutdata.ARE_NOT) + " Caveats several measures share (measures.caveat): " + _quoted(shared) + "."


def data_biases(model: Model, tables) -> str:
    seen: dict[str, list[str]] = {}
    for measure_id, caveat in _measures(model, tables):
        for sentence in aboutdata.sentences(caveat):
            if SELECTION.search(sentence):
                seen.setdefault(sentence, []).append(measure_id)
    return ("Only what was published, and found, is here: the figures show what publishers chose to count and "
            "the article chose to repeat, not what happened. What the caveats of the measures say about whom a "
            "figure can see: " + _quoted(list(seen.items())) + ".")


def personal_sensitive_information(model: Model, tables) -> str:
    frames, _, _ = _frames(model, tables)
    small = sum(int(frames[t.name]["small_count"].fillna(False).astype(bool).sum()) for t in model.figure_tables)
    one_case = [m for m, caveat in _measures(model, tables) if str(caveat).startswith(ONE_CASE)]
    return ("No row describes a person: every row is a figure a publication states about a group, a place, a case "
            "or a law, and excerpts quote the published text around it. The people counted, trafficking victims, "
            f"are a vulnerable group, and small counts for small places can point at them: {small} figure rows are "
            "counts of fewer than 11 for a place inside a state, flagged small_count (nothing is suppressed: every "
            f"figure is already published). {len(one_case)} measures describe a single case ({', '.join(one_case)}).")


def rai_fields(model: Model, tables) -> dict:
    return {
        "rai:dataCollection": data_collection(model, tables),
        "rai:dataLimitations": data_limitations(model, tables),
        "rai:dataBiases": data_biases(model, tables),
        "rai:personalSensitiveInformation": personal_sensitive_information(model, tables),
        "rai:dataUseCases": list(USE_CASES),
        "rai:dataSocialImpact": SOCIAL_IMPACT,
    }
