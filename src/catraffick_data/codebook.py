"""The model rendered for people: docs/codebook.md (every table and column), and the table list of
the README, between its markers. `catraffick render` writes both; a test fails when they drift."""
from __future__ import annotations

import re
from pathlib import Path

from .model import Field, Model, Table

START, END = "<!-- tables: rendered from schemas/ by `catraffick render` -->", "<!-- end of tables -->"
KIND_WORDS = {"figure": "figures", "lookup": "what figures refer to", "listed": "items a source lists",
              "register": "disagreements",
              "judgment": "judgments of disagreements", "link": "pairs that join two tables"}


def _allowed(field: Field) -> str:
    c = field.constraints
    parts = []
    if field.enum:
        parts.append("one of " + ", ".join(f"`{v}`" for v in field.enum))
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    for key, word in (("minimum", "at least"), ("maximum", "at most"), ("maxLength", "at most characters:")):
        if key in c:
            parts.append(f"{word} {c[key]}")
    if c.get("unique"):
        parts.append("unique")
    if field.references:
        parts.append(f"a `{field.references[0]}.{field.references[1]}`")
    return "; ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_section(table: Table) -> str:
    lines = [f"## `{table.name}`: {table.title}", "", f"One row is {table.row}." if table.row else "",
             table.description, "",
             f"- kind: {table.kind} ({KIND_WORDS[table.kind]}); "
             + (f"file: `{table.path}`" if table.has_raw_file else
                f"built by `catraffick build` from the `{table.link.split}` column of every figure table"),
             f"- primary key: {', '.join(f'`{c}`' for c in table.primary_key)}"]
    if table.statement_key:
        lines.append(f"- statement key (rows that agree on these state the same thing, and compete): "
                     f"{', '.join(f'`{c}`' for c in table.statement_key)}")
    if table.prefix:
        lines.append(f"- figure ids start with `{table.prefix}-`")
    if table.periods == "in_force":
        lines.append("- periods are the time a figure is in force (a law's provision); figures whose periods "
                     "overlap are compared")
    lines += ["", "| column | type | required | meaning | allowed |", "|---|---|---|---|---|"]
    for f, required, release_only, allowed in columns(table):
        lines.append(f"| `{f.name}`{' (release only)' if release_only else ''} | {f.type} | {'yes' if required else ''} | "
                     f"{_cell(f.description)} | {_cell(allowed)} |")
    return "\n".join(lines)


def columns(table: Table) -> list[tuple[Field, bool, bool, str]]:
    """(column, required, release only, allowed values in Markdown) for every column of the table: what
    the codebook says, here and on the release's web site."""
    raw = [(f, f.required or f.name in table.primary_key, False, _allowed(f)) for f in table.fields]
    return raw + [(f, f.required, True, _allowed(f)) for f in table.release_fields]


def codebook(model: Model) -> str:
    head = [f"# Codebook: {model.package['title']}, version {model.version}", "",
            "Every table and column of the package, rendered from the definitions in `schemas/` "
            "(`catraffick render`); do not edit by hand.", "", readme_tables(model), ""]
    return "\n".join(head + [table_section(t) + "\n" for t in model.tables])


def readme_tables(model: Model) -> str:
    rows = [f"| [`{t.name}`](docs/codebook.md#{t.name}-{re.sub(r'[^a-z0-9 -]', '', t.title.lower()).replace(' ', '-')}) "
            f"| {_cell(t.row or t.title)} | {', '.join(f'`{c}`' for c in t.dimensions)} |" for t in model.tables]
    return "\n".join(["| table | one row is | its own columns in the statement key |", "|---|---|---|", *rows])


def with_tables(readme: str, model: Model) -> str:
    """The README with its table list rendered again between the markers."""
    if START not in readme or END not in readme:
        raise ValueError(f"README.md lacks the markers {START!r} and {END!r}")
    before, rest = readme.split(START, 1)
    after = rest.split(END, 1)[1]
    return f"{before}{START}\n{readme_tables(model)}\n{END}{after}"


def render_docs(root: Path, model: Model) -> dict[Path, str]:
    """What `catraffick render` writes: path -> text."""
    from .descriptor import raw_descriptor, render_json

    out = {root / "datapackage.json": render_json(raw_descriptor(model)), root / "docs" / "codebook.md": codebook(model)}
    readme = root / "README.md"
    if readme.is_file() and START in (text := readme.read_text(encoding="utf-8")):
        out[readme] = with_tables(text, model)
    return out
