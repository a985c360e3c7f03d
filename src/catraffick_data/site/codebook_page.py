"""The codebook as a page: every table and column, rendered from the model by the same function that
writes docs/codebook.md (codebook.columns), so the two cannot say different things."""
from __future__ import annotations

from ..codebook import KIND_WORDS, columns
from ..model import Model
from .html import Frame, Links, inline, join, page, tag


def codebook_page(frame: Frame, model: Model) -> str:
    links = Links(0)
    sections = []
    for table in model.tables:
        facts = [tag("li", f"kind: {table.kind} ({KIND_WORDS[table.kind]})"),
                 tag("li", ["primary key: ", join((tag("code", c) for c in table.primary_key), ", ")])]
        if table.statement_key:
            facts.append(tag("li", ["statement key (rows that agree on these state the same thing, and compete): ",
                                    join((tag("code", c) for c in table.statement_key), ", ")]))
        if table.prefix:
            facts.append(tag("li", ["figure ids start with ", tag("code", f"{table.prefix}-")]))
        rows = [tag("tr", [tag("th", [tag("code", f.name), " (release only)" if release_only else ""], scope="row"),
                           tag("td", f.type), tag("td", "yes" if required else ""), tag("td", inline(f.description)),
                           tag("td", inline(allowed))])
                for f, required, release_only, allowed in columns(table)]
        head = ["column", "type", "required", "meaning", "allowed"]
        sections.append(tag("section", [
            tag("h2", [tag("code", table.name), ": ", table.title]),
            tag("p", [f"One row is {table.row}. " if table.row else "", inline(table.description)]),
            tag("ul", facts),
            tag("p", tag("a", f"Every row of {table.name}", href=links.table(table.name))),
            tag("div", tag("table", [tag("caption", f"Columns of {table.name}"),
                                     tag("thead", tag("tr", [tag("th", h, scope="col") for h in head])),
                                     tag("tbody", rows)], class_="codebook"),
                class_="scroll", tabindex="0", role="region", aria_label=f"Columns of {table.name}")],
            id=table.name))
    body = [tag("h1", "Codebook"),
            tag("p", "Every table and column of the release, with types, allowed values and units, rendered from "
                     "the package's definitions (the same text as docs/codebook.md and datapackage.json). "
                     "Percentages are written 0-100; money is in US dollars."),
            tag("nav", tag("ul", [tag("li", tag("a", t.name, href=f"#{t.name}")) for t in model.tables]),
                aria_label="Tables of the codebook"),
            *sections]
    return page(frame, "Codebook", join(body, "\n"), depth=0)
