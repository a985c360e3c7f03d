"""`series(measure)`: a measure's figures in time order, one per period and place, for a line to plot.

Each period keeps its preferred figure (the one figure of its statement that is not deprecated, or the
`preferred` one where sources compete), with its source; rows of other subgroups or dimensions ("sex",
"minors") and periods longer or shorter than a calendar year are left out unless asked for.

Only the measure's rows are read from each figure table: measure, place and subgroup are part of every
statement key, so the rows left out cannot change which row of a statement is preferred.
"""
from __future__ import annotations

from . import catalog
from .frames import one_per_statement, read_table, with_attrs

COLUMNS = ["geography", "year", "period_start", "period_end", "value", "low", "high", "qualifier", "value_text",
           "unit", "figure_id", "table", "source", "statement_rank", "in_conflict", "conflict_ids"]


def _is_year(start, end) -> bool:
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year


def _own_dimensions(res: dict, frame, dimensions: dict, shared: set[str]):
    """`frame` kept to the asked value of each of the table's own statement-key columns (those not in
    `shared`, the key columns every figure table has), "all" where the column allows it (so that a
    breakdown by sex is not mixed into the totals)."""
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    for column in (c for c in res["catraffick:statementKey"] if c not in shared):
        allowed = fields[column].get("constraints", {}).get("enum")
        wanted = dimensions.get(column, "all" if allowed and "all" in allowed else None)
        if wanted is not None:
            frame = frame[frame[column] == wanted]
    return frame


def _no_such_measure(measure: str, resources: list[dict], release) -> ValueError:
    import difflib

    known = set()
    for res in resources:
        known |= set(read_table(res["name"], release, columns=["measure"])["measure"].astype(str))
    close = difflib.get_close_matches(measure, sorted(known), n=3)
    hint = ("" if measure in known else f"; did you mean {', '.join(map(repr, close))}?" if close
            else "; the measures are in the measures table")
    return ValueError(f"no figures of measure {measure!r} for that place and subgroup{hint}")


def series(measure: str, geography: str | None = None, subgroup: str = "all", years_only: bool = True,
           release=None, **dimensions):
    """The preferred figure of `measure` per period (and place), oldest first, with its source.

    geography: one place (a geo_id) or None for every place; subgroup: the part of the population;
    dimensions: a table's own columns (e.g. trafficking_type="sex"), "all" where the column allows it;
    years_only: only periods of one calendar year (False keeps every dated period)."""
    import pandas as pd

    figure_tables = [r for r in catalog.descriptor(release)["resources"] if r.get("catraffick:kind") == "figure"]
    wanted = [("measure", "==", measure), ("subgroup", "==", subgroup)]
    if geography is not None:
        wanted.append(("geography", "==", geography))
    shared = set.intersection(*(set(r["catraffick:statementKey"]) for r in figure_tables))
    frames = []
    for res in figure_tables:
        frame = read_table(res["name"], release, filters=wanted)
        if len(frame):
            frame = _own_dimensions(res, one_per_statement(res, frame), dimensions, shared)
            frames.append(frame.assign(table=res["name"]))
    frames = [f for f in frames if len(f)]
    if not frames:
        raise _no_such_measure(measure, figure_tables, release)
    unknown = set(dimensions) - {c for f in frames for c in f.columns}
    if unknown:
        raise ValueError(f"no column {sorted(unknown)} in the tables of measure {measure!r}")
    out = pd.concat(frames, ignore_index=True)
    out = out[out["period_start"].notna()]
    dated = len(out)
    if years_only:
        out = out[pd.Series([_is_year(s, e) for s, e in zip(out["period_start"], out["period_end"])],
                            index=out.index, dtype=bool)]  # a Series: an empty list would select no columns
    if not len(out):
        found = sum(map(len, frames))
        raise ValueError(f"measure {measure!r} has {found} figure{'s' * (found != 1)} for that place and subgroup, "
                         + (f"none of one calendar year ({dated} of other periods): years_only=False keeps them"
                            if dated else "none with a stated period, so no series"))
    out = out.assign(year=out["period_start"].dt.year)
    out = out.sort_values(["geography", "period_start", "figure_id"])[COLUMNS].reset_index(drop=True)
    return with_attrs(out, f"series:{measure}", f"{measure}: one preferred figure per period",
                      f"The preferred figures of measure {measure} (subgroup {subgroup}"
                      + (f", place {geography}" if geography else "") + "), oldest first, from the tables "
                      + ", ".join(sorted(set(out["table"]))) + ".", _schema(out, figure_tables), release)


def _schema(frame, resources: list[dict]) -> dict:
    """The Table Schema of the series' columns: each column's field as its figure table defines it."""
    fields = {}
    for res in resources:
        for f in res["schema"]["fields"]:
            fields.setdefault(f["name"], f)
    fields["year"] = {"name": "year", "type": "integer", "description": "The calendar year of period_start."}
    fields["table"] = {"name": "table", "type": "string", "description": "The figure table the row comes from."}
    return {"fields": [fields[c] for c in frame.columns]}
