"""The home page: what the data are and are not, first; the tables with their row counts; the
downloads; how to cite; the version and what changed; and the release as a schema.org Dataset."""
from __future__ import annotations

from .. import aboutdata
from ..workbook import WORKBOOK_NAME
from ..model import Model
from . import jsonld
from .html import Frame, Links, Markup, inline, join, markdown, page, tag
from .view import View


def _size(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n >= 1024 else f"{n} bytes"


def caveats(view: View) -> Markup:
    links = Links(0)
    open_ = sum(1 for c in view.conflicts.values() if c.get("status") == "open")
    deprecated = sum(1 for f in view.figures if f.get("statement_rank") == "deprecated")
    in_conflict = sum(1 for f in view.figures if view.conflict_ids(f))
    items = [tag("li", inline(c)) for c in (*aboutdata.ARE, *aboutdata.ARE_NOT)]
    items += [tag("li", [f"Sources disagree: {len(view.conflicts)} disagreements are recorded ({open_} still open), "
                         f"and {in_conflict} of the {len(view.figures)} figures take part in one. Every figure is "
                         "kept as its source states it; ", tag("a", "the conflict register", href=links.page("conflicts")),
                         " says how they disagree."]),
              tag("li", f"{deprecated} figures are deprecated (known to be wrong or superseded): they are kept for "
                        "the record, said so on their cards and drawn hollow in the charts.")]
    return tag("section", [tag("h2", "What the data are, and are not", id="caveats"), tag("ul", items)],
               class_="caveats", aria_labelledby="caveats")


def _tables(model: Model, descriptor: dict, counts: dict[str, int]) -> Markup:
    links = Links(0)
    resources = {r["name"]: r for r in descriptor["resources"]}
    rows = []
    for table in model.tables:
        r = resources[table.name]
        parquet = r.get("catraffick:parquet")
        rows.append(tag("tr", [
            tag("th", tag("a", table.title, href=links.table(table.name)), scope="row"),
            tag("td", tag("code", table.name)), tag("td", f"{counts[table.name]:,}", class_="num"),
            tag("td", table.row or table.description),
            tag("td", [tag("a", "CSV", href=links.release(r["path"]), aria_label=f"{table.name} as CSV"),
                       " · ", tag("a", "Parquet", href=links.release(parquet["path"]), aria_label=f"{table.name} as Parquet")
                       if parquet else ""])]))
    head = ["table", "name", "rows", "one row is", "download"]
    return tag("div", tag("table", [tag("caption", f"{len(rows)} tables"),
                                    tag("thead", tag("tr", [tag("th", h, scope="col") for h in head])),
                                    tag("tbody", rows)]), class_="scroll", tabindex="0", role="region",
               aria_label="Tables")


def _downloads(descriptor: dict, zip_name: str, datasette_file: str) -> Markup:
    links = Links(0)
    sqlite = descriptor.get("catraffick:sqlite", {})
    items = [tag("li", [tag("a", zip_name, href=links.release(zip_name)),
                        ": the whole release in one archive (every table as CSV and Parquet, the SQLite database, "
                        "the workbook, the descriptors, the source texts, this site); it stands beside the folder that holds this site."])]
    if sqlite:
        items.append(tag("li", [tag("a", sqlite["path"], href=links.release(sqlite["path"])),
                                f": every table in one SQLite database ({_size(sqlite['bytes'])}); ",
                                "browse it with Datasette: ",
                                tag("code", f"datasette {sqlite['path']} --metadata {datasette_file}")]))
    items.append(tag("li", [tag("a", WORKBOOK_NAME, href=links.release(WORKBOOK_NAME)),
                            ": every table as a sheet of one spreadsheet workbook, codes and numbers as written kept "
                            "as text, with a first sheet on what the data are and are not"]))
    items.append(tag("li", [tag("a", "datapackage.json", href=links.release("datapackage.json")),
                            ": the Data Package descriptor, with the size and SHA-256 of every table's file; ",
                            tag("a", "croissant.json", href=links.release("croissant.json")),
                            ", the same as a Croissant description; ",
                            tag("a", "datasheet.md", href=links.release("datasheet.md")),
                            ", why the data exist, how they were made and how not to use them"]))
    items.append(tag("li", [tag("a", "SHA256SUMS", href=links.release("SHA256SUMS")),
                            ": the SHA-256 of every file of the release (", tag("code", "sha256sum -c SHA256SUMS"), ")"]))
    items.append(tag("li", "Each table as CSV (UTF-8; an empty cell means no value, and \"NA\" is text) and as "
                           "typed Parquet: the links in the table above."))
    return tag("ul", items)


def home_page(frame: Frame, model: Model, view: View, descriptor: dict, counts: dict[str, int], changelog: str,
              zip_name: str, descriptor_bytes: bytes, datasette_file: str) -> str:
    links = Links(0)
    sections = changelog.split("\n## ", 2)
    current = sections[1].split("\n", 1)[1] if len(sections) > 1 and "\n" in sections[1] else changelog
    licence = (descriptor.get("licenses") or [{}])[0]
    body = [tag("h1", descriptor["title"]),
            tag("p", descriptor["description"], class_="lead"),
            caveats(view),
            tag("p", ["Look at the data by ", tag("a", "measure", href=links.page("measures/index")),
                      " (a chart of every source's figures), by ", tag("a", "source", href=links.page("sources")),
                      ", or in ", tag("a", "the conflict register", href=links.page("conflicts")),
                      "; every figure has a card with its excerpt. ",
                      tag("a", "The codebook", href=links.page("codebook")), " says what every column means."]),
            tag("h2", "Tables", id="tables"), _tables(model, descriptor, counts),
            tag("h2", "Downloads", id="downloads"), _downloads(descriptor, zip_name, datasette_file),
            tag("h2", "How to cite", id="cite"),
            tag("blockquote", tag("p", aboutdata.citation(model, descriptor["version"])), class_="cite"),
            tag("p", ["When you use a figure, cite its original publisher as well (on its card, and on ",
                      tag("a", "the sources page", href=links.page("sources")), "). Data licence: ",
                      tag("a", licence.get("title") or licence.get("name", ""), href=licence.get("path")) if licence else "",
                      "."]),
            tag("h2", f"Version {descriptor['version']}", id="version"),
            tag("p", "Versions are semantic: a major version removes or renames a table or column, a minor one adds "
                     "rows or columns, a patch corrects rows."),
            tag("section", [markdown(current, shift=1)], class_="changelog", aria_label="What changed in this version"),
            tag("p", tag("a", "The whole changelog", href=links.page("changelog")))]
    head = jsonld.script(jsonld.dataset(descriptor, descriptor_bytes, zip_name))
    return page(frame, "Home", join(body, "\n"), depth=0, head=head)


def changelog_page(frame: Frame, changelog: str) -> str:
    lines = changelog.splitlines()
    rest = "\n".join(lines[1:] if lines and lines[0].startswith("# ") else lines)
    return page(frame, "Changelog", join([tag("h1", "Changelog"), markdown(rest)], "\n"), depth=0)
