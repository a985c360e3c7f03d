"""A card per figure: the value as written and how exact it is, what it is about, the excerpt with
the number marked, the source, where in it the figure stands, its rank, and its conflicts."""
from __future__ import annotations

from .html import Frame, Links, Markup, e, inline, join, page, tag
from .parts import id_link, prose, rank, source_label, value_shown
from .view import View, period_text, text


def marked_excerpt(excerpt: str, value_text: str) -> Markup:
    """The excerpt with the number as written marked; validation holds that it stands there."""
    at = excerpt.find(value_text) if value_text else -1
    if at < 0:
        return e(excerpt)
    return join([excerpt[:at], tag("mark", value_text), excerpt[at + len(value_text):]])


def _row(term: str, value) -> Markup:
    return Markup(tag("dt", term) + tag("dd", value))


def source_block(view: View, source_id: str, links: Links, to_sources_page: bool = True) -> Markup:
    s = view.sources.get(source_id, {})
    parts = [_row("publisher", s.get("publisher") or "not stated"), _row("title", s.get("title") or source_id)]
    if s.get("author"):
        parts.append(_row("author", s["author"]))
    parts.append(_row("published", s.get("published") or "date not known"))
    if s.get("url"):
        parts.append(_row("link", tag("a", s["url"], href=s["url"], class_="source-url")))
    if s.get("cited_via"):
        parts.append(_row("found through", tag("a", source_label(view, s["cited_via"]), href=links.source(s["cited_via"]))))
    if to_sources_page:
        parts.append(_row("in this package", tag("a", f"source {source_id}: every figure it gives",
                                                 href=links.source(source_id), class_="source-page")))
    return tag("dl", parts, class_="source")


def conflict_block(view: View, conflict_id: str, links: Links) -> Markup:
    c = view.conflicts.get(conflict_id, {})
    others = view.members(c)
    return tag("li", [tag("a", f"{conflict_id}: {text(c.get('kind')).replace('_', ' ')}", href=links.conflict(conflict_id)),
                      f" ({text(c.get('status'))}) ", tag("p", prose(c.get("description"), view, links)),
                      tag("p", ["Rows involved: ", join((id_link(view, links, m) for m in others), ", ")])])


def figure_card(frame: Frame, view: View, figure: dict) -> str:
    links = Links(1)
    fid = figure["figure_id"]
    measure = view.measures.get(figure["measure"], {})
    name = measure.get("name") or figure["measure"]
    numbers = " to ".join(text(figure.get(c)) for c in ("low", "high") if text(figure.get(c))) \
        if text(figure.get("qualifier")) == "range" else text(figure.get("value"))
    about = [_row("measure", [tag("a", name, href=links.measure(figure["measure"])), " ", tag("code", figure["measure"])]),
             _row("qualifier", text(figure.get("qualifier"))),
             _row("value", f"{numbers or 'none'} {text(figure.get('unit'))}".strip()),
             _row("period", f"{period_text(figure)} ({text(figure.get('period_basis'))})"),
             _row("place", tag("a", view.place_name(figure.get("geography")),
                               href=links.table(view.lookup_tables["places"], figure["geography"])
                               if figure.get("geography") else None)),
             _row("subgroup", text(figure.get("subgroup")) or "not stated")]
    about += [_row(column.replace("_", " "), value) for column, value in view.dimensions(figure)]
    if text(figure.get("value_basis")) == "derived":
        about.append(_row("derived by", inline(figure.get("formula"))))
    if figure.get("breakdown"):
        about.append(_row("part of the breakdown", tag("code", figure["breakdown"])))
    body = [tag("p", ["Figure ", tag("code", fid), " in ", tag("a", figure["table"], href=links.table(figure["table"], fid))],
                class_="crumbs"),
            tag("h1", [tag("span", value_shown(figure), class_="value"), " ", name]),
            tag("p", ["Caveat of the measure: ", inline(measure.get("caveat"))], class_="caveat-line"),
            tag("dl", about, class_="about"),
            tag("h2", "Excerpt"),
            tag("blockquote", tag("p", marked_excerpt(text(figure.get("excerpt")), text(figure.get("value_text")))),
                class_="excerpt"),
            tag("p", ["Where in the source: ", text(figure.get("locator")) or "not stated"], class_="locator"),
            tag("h2", "Source"), source_block(view, figure["source"], links),
            tag("h2", "Rank"),
            tag("p", [rank(figure), ": ", prose(figure["rank_reason"], view, links) if figure.get("rank_reason")
                      else "no reason recorded"])]
    ids = view.conflict_ids(figure)
    body.append(tag("h2", "Conflicts"))
    body.append(tag("ul", [conflict_block(view, c, links) for c in ids], class_="conflicts") if ids
                else tag("p", "This figure is in no conflict of the register."))
    if figure.get("notes"):
        body += [tag("h2", "Notes"), tag("p", prose(figure["notes"], view, links))]
    return page(frame, f"{fid}: {value_shown(figure)} {name}", join(body, "\n"), depth=1)

