"""The release's tables as the site reads them: plain records, looked up by id, with each figure's
sources, place, measure and conflicts at hand. Built once per build from `releasetables.release_tables()`;
every table of kind `figure` is a figure table, whatever its name."""
from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from ..cells import csv_text, plain
from ..model import Table

YEAR_START, YEAR_END = "-01-01", "-12-31"


def records(frame: pd.DataFrame) -> list[dict]:
    columns = {c: frame[c].astype(object).tolist() for c in frame.columns}
    return [{c: plain(columns[c][i]) for c in frame.columns} for i in range(len(frame))]


def text(value) -> str:
    """A cell as the release's CSV writes it (empty when missing)."""
    return csv_text(value)


def _month_end(day: str) -> bool:
    year, month, d = (int(x) for x in day.split("-"))
    return d == calendar.monthrange(year, month)[1]


def period_text(record: dict) -> str:
    """A period as a reader says it: 2018, 2007-2016, 2014-07 to 2014-12, or its two days."""
    start, end = record.get("period_start"), record.get("period_end")
    if not start and not end:
        return "no period stated"
    if not (start and end):
        return f"{start or '?'} to {end or '?'}"
    if start.endswith(YEAR_START) and end.endswith(YEAR_END):
        return start[:4] if start[:4] == end[:4] else f"{start[:4]}-{end[:4]}"
    if start.endswith("-01") and _month_end(end):
        return start[:7] if start[:7] == end[:7] else f"{start[:7]} to {end[:7]}"
    return f"{start} to {end}"


@dataclass
class View:
    tables: list[tuple[Table, list[dict]]]
    by_table: dict[str, list[dict]] = field(default_factory=dict)
    figures: list[dict] = field(default_factory=list)  # every figure row, with "table": its table's name
    figure_table: dict[str, Table] = field(default_factory=dict)  # figure_id -> its table
    figure: dict[str, dict] = field(default_factory=dict)
    listed: dict[str, tuple[Table, dict]] = field(default_factory=dict)  # item id -> (listed table, row)
    sources: dict[str, dict] = field(default_factory=dict)
    places: dict[str, dict] = field(default_factory=dict)
    measures: dict[str, dict] = field(default_factory=dict)
    conflicts: dict[str, dict] = field(default_factory=dict)
    lookup_tables: dict[str, str] = field(default_factory=dict)  # "sources", "places", "measures" -> table name
    of_measure: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    of_source: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))

    def key_of(self, table: Table) -> str:
        return table.primary_key[0]

    def place_name(self, geo_id: str | None) -> str:
        return self.places.get(geo_id, {}).get("name") or (geo_id or "no place")

    def dimensions(self, figure: dict) -> list[tuple[str, str]]:
        """The figure's own statement columns beyond measure, place, period and subgroup."""
        table = self.figure_table[figure["figure_id"]]
        return [(c, text(figure.get(c))) for c in table.dimensions if text(figure.get(c))]

    def conflict_ids(self, figure: dict) -> list[str]:
        return [c for c in text(figure.get("conflict_ids")).split(";") if c]

    def members(self, conflict: dict) -> list[str]:
        return [m for m in text(conflict.get("figures")).split(";") if m]


def build_view(tables: list[tuple[Table, pd.DataFrame]]) -> View:
    view = View([(t, records(f)) for t, f in tables])
    for table, rows in view.tables:
        view.by_table[table.name] = rows
        key = view.key_of(table)
        if table.is_figure_table:
            for row in rows:
                row = {**row, "table": table.name}
                view.figures.append(row)
                view.figure[row["figure_id"]] = row
                view.figure_table[row["figure_id"]] = table
                view.of_measure[row["measure"]].append(row)
                view.of_source[row["source"]].append(row)
        elif table.kind == "listed":
            view.listed.update({row[key]: (table, row) for row in rows})
        elif table.kind == "register":
            view.conflicts = {row[key]: row for row in rows}
        else:
            # the lookups, by what their rows are referred to as: every figure table's references say
            target = {"source": "sources", "geography": "places", "measure": "measures"}
            for fig_table in (t for t, _ in tables if t.is_figure_table):
                for fk in fig_table.foreign_keys:
                    if fk.table == table.name and fk.fields[0] in target:
                        getattr(view, target[fk.fields[0]]).update({row[key]: row for row in rows})
                        view.lookup_tables[target[fk.fields[0]]] = table.name
    return view
