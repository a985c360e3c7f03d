"""`series(measure)`: a measure's figures in time order, one per period and place, for a line to plot.

Each period keeps its preferred figure (the one figure of its statement that is not deprecated, or the
`preferred` one where sources compete), with its source; rows of other subgroups or dimensions ("sex",
"minors") and periods longer or shorter than a calendar year are left out unless asked for.
"""
from __future__ import annotations

from . import catalog
from .loading import load


def _is_year(start, end) -> bool:
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year


def series(measure: str, geography: str | None = None, subgroup: str = "all", years_only: bool = True,
           release=None, **dimensions):
    """The preferred figure of `measure` per period (and place), oldest first, with its source.

    geography: one place (a geo_id) or None for every place; subgroup: the part of the population;
    dimensions: a table's own columns (e.g. trafficking_type="sex"), "all" where the column allows it;
    years_only: only periods of one calendar year (False keeps every dated period)."""
    import pandas as pd

    frames = []
    for res in catalog.descriptor(release)["resources"]:
        if res.get("catraffick:kind") != "figure":
            continue
        frame = load(res["name"], preferred=True, release=release)
        frame = frame[(frame["measure"] == measure) & (frame["subgroup"] == subgroup)]
        if geography is not None:
            frame = frame[frame["geography"] == geography]
        own = [c for c in res["catraffick:statementKey"] if c not in ("measure", "geography", "period_start",
                                                                       "period_end", "subgroup")]
        for column in own:
            allowed = next(f for f in res["schema"]["fields"] if f["name"] == column).get("constraints", {}).get("enum")
            wanted = dimensions.get(column, "all" if allowed and "all" in allowed else None)
            if wanted is not None:
                frame = frame[frame[column] == wanted]
        if len(frame):
            frames.append(frame.assign(table=res["name"]))
    unknown = set(dimensions) - {c for f in frames for c in f.columns}
    if not frames:
        known = sorted(set().union(*(set(load(r["name"], release=release)["measure"].astype(str))
                                     for r in catalog.descriptor(release)["resources"] if r.get("catraffick:kind") == "figure")))
        import difflib

        close = difflib.get_close_matches(measure, known, n=3)
        hint = "" if measure in known else f"; did you mean {', '.join(map(repr, close))}?" if close else \
            "; the measures are in the measures table"
        raise ValueError(f"no figures of measure {measure!r} for that place and subgroup{hint}")
    if unknown:
        raise ValueError(f"no column {sorted(unknown)} in the tables of measure {measure!r}")
    out = pd.concat(frames, ignore_index=True)
    out = out[out["period_start"].notna()]
    if years_only:
        out = out[[_is_year(s, e) for s, e in zip(out["period_start"], out["period_end"])]]
    out = out.assign(year=out["period_start"].dt.year)
    columns = ["geography", "year", "period_start", "period_end", "value", "low", "high", "qualifier", "value_text",
               "unit", "figure_id", "table", "source", "statement_rank", "in_conflict", "conflict_ids"]
    return out.sort_values(["geography", "period_start", "figure_id"])[columns].reset_index(drop=True)
