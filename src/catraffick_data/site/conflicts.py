"""The conflict register: each disagreement with its arithmetic, status and notes, and the rows
involved side by side with their excerpts, the evidence."""
from __future__ import annotations

from .cards import marked_excerpt
from .html import Frame, Links, Markup, join, page, tag
from .parts import prose, rank, source_label, statement, value_shown
from .view import View, period_text, text


def _members(view: View, conflict: dict, links: Links) -> Markup:
    head = ["row", "value as written", "place", "period", "subgroup and other columns", "source", "rank", "excerpt"]
    rows = []
    for m in view.members(conflict):
        if m in view.figure:
            f = view.figure[m]
            rows.append([tag("a", m, href=links.figure(m)), value_shown(f),
                         view.place_name(f.get("geography")), period_text(f), statement(view, f),
                         tag("a", source_label(view, f["source"]), href=links.source(f["source"])), rank(f),
                         marked_excerpt(text(f.get("excerpt")), text(f.get("value_text")))])
        elif m in view.listed:
            table, item = view.listed[m]
            source = text(item.get("source"))
            rows.append([tag("a", m, href=links.table(table.name, m)), f"listed in {table.name}",
                         view.place_name(item.get("geography")) if item.get("geography") else "", "", "",
                         tag("a", source_label(view, source), href=links.source(source)) if source else "", "",
                         text(item.get("excerpt"))])
        else:
            rows.append([m, "not in this release", "", "", "", "", "", ""])
    return tag("div", tag("table", [tag("caption", f"The rows of {conflict['conflict_id']}"),
                                    tag("thead", tag("tr", [tag("th", h, scope="col") for h in head])),
                                    tag("tbody", [tag("tr", [tag("td", c) for c in r]) for r in rows])]),
               class_="scroll", tabindex="0", role="region", aria_label=f"The rows of {conflict['conflict_id']}")


def conflicts_page(frame: Frame, view: View) -> str:
    links = Links(0)
    sections = []
    for cid, c in view.conflicts.items():
        facts = [tag("dt", "status"), tag("dd", tag("span", text(c.get("status")), class_=f"status status-{text(c.get('status'))}")),
                 tag("dt", "found by"), tag("dd", text(c.get("found_by")).replace("_", " "))]
        if c.get("magnitude") is not None:
            facts += [tag("dt", "size"), tag("dd", f"{text(c.get('magnitude'))} {text(c.get('magnitude_unit'))}".strip())]
        parts = [tag("h2", [tag("code", cid), " ", text(c.get("kind")).replace("_", " ")]),
                 tag("p", prose(c.get("description"), view, links), class_="arithmetic"), tag("dl", facts, class_="facts")]
        if c.get("notes"):
            parts.append(tag("p", ["Notes: ", prose(c["notes"], view, links)]))
        parts.append(_members(view, c, links))
        sections.append(tag("section", parts, id=cid, class_="conflict"))
    status = {}
    for c in view.conflicts.values():
        status[text(c.get("status"))] = status.get(text(c.get("status")), 0) + 1
    summary = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(status.items()))
    body = [tag("h1", "Conflict register"),
            tag("p", f"{len(view.conflicts)} entries ({summary}). An entry is where sources disagree or figures do "
                     "not add up. No entry changes a value: every figure stays as its source states it, and a "
                     "figure in a conflict is not necessarily wrong."),
            *sections]
    return page(frame, "Conflict register", join(body, "\n"), depth=0)
