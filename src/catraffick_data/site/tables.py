"""A page per table: every row and every column of the release's table, a filter box and sortable
columns (the site's script; without it the table reads as it is), and how to load it."""
from __future__ import annotations

from .. import recipes
from ..model import Field, Table
from .html import Frame, Links, Markup, e, inline, join, page, tag
from .parts import data_table, id_link
from .view import View, text

NUMERIC = {"number", "integer"}


def snippets(table: Table) -> dict[str, str]:
    """How to load the table, from the release folder (the folder that holds site/): the release README's
    recipes (recipes.py), and for pandas the installed release first."""
    return {
        "pandas": (f'import catraffick_data as ctd\ndf = ctd.load("{table.name}")  # the installed release\n\n'
                   f"# or this release's files\n{recipes.pandas_recipe(table)}"),
        "R": recipes.r_recipe([table]),
        "DuckDB": recipes.duckdb_recipe(table),
    }


def _ids(value: str, view: View, links: Links) -> Markup:
    """A list of ids (conflict_ids, a conflict's figures), each linked to its page."""
    return join((id_link(view, links, v) for v in value.split(";") if v), ";")


def cell(view: View, table: Table, f: Field, value, links: Links) -> Markup:
    """A cell as the CSV writes it, linked where it names something the site has a page for."""
    shown = text(value)
    if not shown:
        return e("")
    key = table.primary_key[0]
    pages = {view.lookup_tables.get("measures"): links.measure, view.lookup_tables.get("sources"): links.source}
    if f.name == key:
        if table.is_figure_table:
            return tag("a", shown, href=links.figure(shown))
        if table.kind == "register":
            return tag("a", shown, href=links.conflict(shown))
        if table.name in pages:
            return tag("a", shown, href=pages[table.name](shown))
    if f.references:
        ref = f.references[0]
        return tag("a", shown, href=pages[ref](shown) if ref in pages else links.table(ref, shown))
    if f.name == "conflict_ids" or (table.kind == "register" and f.name == "figures"):
        return _ids(shown, view, links)
    if f.format == "uri":
        return tag("a", shown, href=shown)
    return e(shown)


def table_page(frame: Frame, view: View, table: Table, descriptor: dict) -> str:
    links = Links(1)
    rows = view.by_table[table.name]
    fields = table.release_columns
    key = table.primary_key[0] if len(table.primary_key) == 1 else None
    body_rows = [(row[key] if key else None, [cell(view, table, f, row.get(f.name), links) for f in fields])
                 for row in rows]
    resource = next(r for r in descriptor["resources"] if r["name"] == table.name)
    parquet = resource.get("catraffick:parquet", {})
    downloads = tag("ul", [
        tag("li", [tag("a", f"data/{table.name}.csv", href=links.release(resource["path"])),
                   f" ({resource['bytes']:,} bytes, UTF-8; an empty cell means no value)"]),
        tag("li", [tag("a", f"data/{table.name}.parquet", href=links.release(parquet["path"])),
                   f" ({parquet['bytes']:,} bytes, typed)"]) if parquet else "",
    ])
    load = tag("div", [tag("div", [tag("h3", lang), tag("pre", tag("code", code, class_=f"snippet-{lang.lower()}"), tabindex="0")])
                       for lang, code in snippets(table).items()], class_="snippets")
    body = [tag("h1", [table.title, " ", tag("code", table.name)]),
            tag("p", inline(table.description)),
            tag("p", [f"{len(rows):,} rows. One row is {table.row}. " if table.row else f"{len(rows):,} rows. ",
                      tag("a", "What every column means", href=f"{links.page('codebook')}#{table.name}"), "."]),
            tag("section", [tag("h2", "Load it", id="load"),
                            tag("p", "Paths are relative to the release folder, the folder that holds site/."),
                            load, tag("h3", "Download"), downloads], class_="load", aria_labelledby="load"),
            tag("h2", "Every row"),
            data_table(f"rows-{table.name}", f"{table.name}: {len(rows):,} rows",
                       [(f.name, f.type in NUMERIC) for f in fields], body_rows)]
    return page(frame, table.title, join(body, "\n"), depth=1, script=True)
