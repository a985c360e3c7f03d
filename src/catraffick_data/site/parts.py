"""Pieces several pages share: a figure's value as written, its source named, links to its conflicts,
the table of a list of figures, and the data table a script can filter and sort."""
from __future__ import annotations

import re

from .html import Links, Markup, e, join, tag
from .view import View, period_text, text


ID = re.compile(r"\b([a-z]{2,8}-[0-9a-f]{2,8})\b")


def id_href(view: View, links: Links, ident: str) -> str | None:
    """The page of the figure, conflict or listed row (a lookup table's) `ident` names; None if none."""
    if ident in view.figure:
        return links.figure(ident)
    if ident in view.conflicts:
        return links.conflict(ident)
    if ident in view.listed:
        return links.table(view.listed[ident][0].name, ident)
    return None


def id_link(view: View, links: Links, ident: str) -> Markup | str:
    """`ident` linked to its page, or as it is where the site has none."""
    href = id_href(view, links, ident)
    return tag("a", ident, href=href) if href else ident


def prose(value, view: View, links: Links) -> Markup:
    """Text of the data or the model: `code` as code, and the ids of figures, listed items and
    conflicts it names linked to their pages."""
    def linked(words: str) -> Markup:
        return join(id_link(view, links, part) if i % 2 else part for i, part in enumerate(ID.split(words)))

    parts = re.split(r"`([^`]+)`", "" if value is None else str(value))
    return join(tag("code", p) if i % 2 else linked(p) for i, p in enumerate(parts))


def value_shown(figure: dict) -> str:
    """The value as the source writes it; a derived figure, which no source writes, as its number."""
    written = text(figure.get("value_text"))
    if written:
        return written
    numbers = [text(figure.get(c)) for c in ("low", "high") if text(figure.get(c))] or [text(figure.get("value"))]
    return f"{' to '.join(numbers)} (derived)"


def source_label(view: View, source_id: str) -> str:
    """A source in a few words: its publisher and year, else its title."""
    s = view.sources.get(source_id, {})
    who = s.get("publisher") or s.get("title") or source_id
    year = (s.get("published") or "")[:4]
    return f"{who} ({year})" if year else who


def conflict_links(view: View, figure: dict, links: Links) -> Markup:
    ids = view.conflict_ids(figure)
    return join((tag("a", c, href=links.conflict(c)) for c in ids), ", ") if ids else e("")


def rank(figure: dict) -> Markup:
    value = text(figure.get("statement_rank"))
    return tag("span", value, class_=f"rank rank-{value}")


def statement(view: View, figure: dict) -> str:
    """What the figure is about, beyond its measure: subgroup and the table's own dimensions."""
    parts = [f"{c}: {v}" for c, v in view.dimensions(figure)]
    if text(figure.get("subgroup")) not in ("", "all"):
        parts.insert(0, f"subgroup: {text(figure.get('subgroup'))}")
    return "; ".join(parts)


def figure_table(view: View, figures: list[dict], links: Links, caption: str, with_measure: bool = False) -> Markup:
    """Figures as a table a reader can scan: each links to its card, its source and its conflicts."""
    head = ["figure", *(["measure"] if with_measure else []), "value as written", "qualifier", "place", "period",
            "subgroup and other columns", "source", "rank", "conflicts"]
    rows = []
    for f in figures:
        measure = view.measures.get(f["measure"], {})
        cells = [tag("a", f["figure_id"], href=links.figure(f["figure_id"]))]
        if with_measure:
            cells.append(tag("a", measure.get("name") or f["measure"], href=links.measure(f["measure"])))
        cells += [value_shown(f), text(f.get("qualifier")), view.place_name(f.get("geography")),
                  period_text(f), statement(view, f),
                  tag("a", source_label(view, f["source"]), href=links.source(f["source"])), rank(f),
                  conflict_links(view, f, links)]
        rows.append(tag("tr", [tag("td", c) for c in cells],
                        class_="deprecated" if f.get("statement_rank") == "deprecated" else None))
    return tag("table", [tag("caption", caption), tag("thead", tag("tr", [tag("th", h, scope="col") for h in head])),
                         tag("tbody", rows)], class_="figures")


def data_table(ident: str, caption: str, header: list[tuple[str, bool]], rows: list[tuple[str | None, list]]) -> Markup:
    """A table the site's script can filter and sort; without the script it is a plain table.
    `header`: (column, numeric); `rows`: (anchor id or None, cells)."""
    ths = [tag("th", name, scope="col", data_type="number" if numeric else None) for name, numeric in header]
    trs = [tag("tr", [tag("td", c) for c in cells], id=anchor) for anchor, cells in rows]
    control = (f'<div class="filter" hidden><label for="{e(ident)}-filter">Filter rows</label> '
               f'<input type="search" id="{e(ident)}-filter" data-filter="{e(ident)}" autocomplete="off"> '
               f'<span class="count" role="status" aria-live="polite"></span></div>')
    table = tag("table", [tag("caption", caption), tag("thead", tag("tr", ths)), tag("tbody", trs)],
                id=ident, class_="data", data_sortable=True)
    return Markup(control + tag("div", table, class_="scroll", tabindex="0", role="region", aria_label=caption))
