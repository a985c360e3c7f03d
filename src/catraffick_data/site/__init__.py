"""The release's web site: plain HTML and SVG in site/, opened from the file system (no server, no
network) or published as it is. Home, a page per table, per measure (with its chart) and per figure,
the conflict register, the sources and the codebook, all rendered from the release's tables and the
model. Written in a fixed order from the tables alone, so two builds give the same bytes."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

FOLDER = "site"
FILES = [
    ("site/index.html", "the release as a web site, to open in a browser (no server or network needed): "
                        "caveats, tables, downloads, how to cite"),
    ("site/tables/<table>.html", "every row of a table, to filter and sort, and how to load it"),
    ("site/measures/<measure>.html", "a measure's caveat, a chart of every source's figures, and the figures"),
    ("site/figures/<figure_id>.html", "a figure's card: value as written, excerpt, source, rank, conflicts"),
    ("site/charts/<measure>.svg", "the chart of a measure's page, as an SVG file"),
    ("site/measures/index.html", "every measure, with its unit and how many figures and sources it has"),
    ("site/conflicts.html", "the conflict register: each disagreement, its arithmetic, and the rows side by side"),
    ("site/sources.html", "every source, with the figures it gives"),
    ("site/codebook.html", "every table and column: types, allowed values, units"),
    ("site/changelog.html", "what changed in the data since the previous release"),
    ("site/assets/...", "the site's style sheet and its table script"),
]
ASSETS = ("style.css", "site.js")


def write_site(release: Path, model, tables: list, descriptor: dict, changelog: str, zip_name: str,
               datasette_file: str) -> None:
    """Write site/ into the release folder `release`, whose datapackage.json is already written.
    `model`: the package's Model; `tables`: (Table, frame) pairs, as releasetables.release_tables gives them."""
    # the pages are imported here, so that a chart or a page module can be imported alone
    from .cards import figure_card
    from .codebook_page import codebook_page
    from .conflicts import conflicts_page
    from .home import changelog_page, home_page
    from .html import Frame
    from .measures import measure_page, measures_index
    from .sources import sources_page
    from .tables import table_page
    from .view import build_view

    out = Path(release) / FOLDER
    view = build_view(tables)
    licence = (descriptor.get("licenses") or [{}])[0]
    frame = Frame(descriptor["title"], descriptor["version"], licence.get("title") or licence.get("name", ""))
    counts = {t.name: len(f) for t, f in tables}
    pages = {
        "index.html": home_page(frame, model, view, descriptor, counts, changelog, zip_name,
                                (Path(release) / "datapackage.json").read_bytes(), datasette_file),
        "conflicts.html": conflicts_page(frame, view),
        "sources.html": sources_page(frame, view),
        "codebook.html": codebook_page(frame, model),
        "changelog.html": changelog_page(frame, changelog),
        "measures/index.html": measures_index(frame, view),
    }
    for table in model.tables:
        pages[f"tables/{table.name}.html"] = table_page(frame, view, table, descriptor)
    for mid, measure in view.measures.items():
        pages[f"measures/{mid}.html"], svg = measure_page(frame, view, measure)
        if svg:
            pages[f"charts/{mid}.svg"] = svg
    for figure in view.figures:
        pages[f"figures/{figure['figure_id']}.html"] = figure_card(frame, view, figure)
    assets = resources.files(__package__) / "assets"
    for name in ASSETS:
        pages[f"assets/{name}"] = assets.joinpath(name).read_text(encoding="utf-8")
    for name, text in pages.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
