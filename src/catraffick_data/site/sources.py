"""Every publication figures come from, with the figures it gives."""
from __future__ import annotations

from .cards import source_block
from .html import Frame, Links, join, page, tag
from .parts import figure_table, prose
from .view import View, text


def sources_page(frame: Frame, view: View) -> str:
    links = Links(0)
    sections = []
    for sid, s in view.sources.items():
        figures = view.of_source.get(sid, [])
        parts = [tag("h2", s.get("title") or sid), tag("p", tag("code", sid)), source_block(view, sid, links, to_sources_page=False)]
        if s.get("notes"):
            parts.append(tag("p", ["Notes: ", prose(s["notes"], view, links)]))
        if s.get("licence"):
            parts.append(tag("p", f"Licence: {text(s['licence'])}"))
        parts.append(figure_table(view, figures, links, f"{len(figures)} figures from {sid}", with_measure=True)
                     if figures else tag("p", "No figure cites this source itself."))
        sections.append(tag("section", parts, id=sid, class_="source-section"))
    body = [tag("h1", "Sources"),
            tag("p", f"{len(view.sources)} sources: the article and the original publishers behind its figures. "
                     "Cite the original publisher of a figure when you use it."),
            *sections]
    return page(frame, "Sources", join(body, "\n"), depth=0)
