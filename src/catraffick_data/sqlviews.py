"""The SQL views of a release, generated from its descriptor: the SQLite file carries them, and
`ctd.connect()` creates the same ones in DuckDB over the Parquet files.

- `figures`: every figure table, one column naming the table, then the columns all figure tables share,
  then each table's own columns (NULL in the rows of the others);
- `preferred_figures`: the same, one row per statement, as `load(name, preferred=True)` chooses it;
- `figure_sources`: `figures` with the columns of the rows each figure refers to beside it (its source's
  publisher, title, date and URL; its measure's name, unit and caveat), as `load(name, with_sources=True)`.

The column lists and the statement keys come from the descriptor, which is rendered from the model
([kinds.figure] in schemas/tables.toml), so a new figure table or column is in the views with no edit here.
Only the standard library is used: `ctd.connect()` needs it without pandas. The SQL is the subset SQLite
and DuckDB read alike (window functions, UNION ALL, LEFT JOIN).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Model

KIND_KEY = "catraffick:figureKind"  # the release descriptor's property for what figure tables share
VIEWS = ("figures", "preferred_figures", "figure_sources")


def figure_kind_descriptor(model: Model) -> dict:
    """What the release descriptor says about the figure kind, for `figures()`, `with_sources` and the views."""
    kind = model.figure_kind
    if kind is None:
        return {}
    return {KIND_KEY: {
        "tableField": kind.table_field.descriptor(),
        "beside": [{"column": b.column, "resource": b.table, "key": b.key, "fields": list(b.fields),
                    "names": list(b.names)} for b in kind.beside],
    }}


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def figure_resources(resources: list[dict]) -> list[dict]:
    return [r for r in resources if r.get("catraffick:kind") == "figure"]


def columns_of(res: dict) -> list[str]:
    return [f["name"] for f in res["schema"]["fields"]]


def figure_fields(figures: list[dict], every: list[dict] | None = None) -> list[dict]:
    """The fields of figure tables read as one: those every figure table has (of `every`, all figure
    tables by default), in the first one's order, then each table's own, in the order they first appear."""
    every = every or figures
    shared = set.intersection(*(set(columns_of(r)) for r in every))
    out = {f["name"]: f for f in every[0]["schema"]["fields"] if f["name"] in shared}
    for res in figures:
        for f in res["schema"]["fields"]:
            out.setdefault(f["name"], f)
    return list(out.values())


def _select(res: dict, columns: list[str], table_column: str, source: str) -> str:
    have = set(columns_of(res))
    cells = [f"{literal(res['name'])} AS {quote(table_column)}"]
    cells += [quote(c) if c in have else f"NULL AS {quote(c)}" for c in columns]
    return f"SELECT {', '.join(cells)} FROM {source}"


def _preferred_source(res: dict) -> str:
    """The table's rows `load(name, preferred=True)` keeps: none deprecated; in a statement with a preferred
    row, that row only. PARTITION BY groups NULLs together, as the pandas groupby(dropna=False) does."""
    key = ", ".join(quote(c) for c in res["catraffick:statementKey"])
    return (f"(SELECT * FROM (SELECT *, max(CASE WHEN \"statement_rank\" = 'preferred' THEN 1 ELSE 0 END) "
            f"OVER (PARTITION BY {key}) AS \"_has_preferred\" FROM {quote(res['name'])} "
            f"WHERE \"statement_rank\" <> 'deprecated') "
            f"WHERE \"statement_rank\" = 'preferred' OR \"_has_preferred\" = 0)")


def view_statements(resources: list[dict], kind: dict) -> list[tuple[str, str]]:
    """(name, SELECT) of every view, in an order where a view comes after those it reads."""
    figures = figure_resources(resources)
    clash = set(VIEWS) & {r["name"] for r in resources}
    if clash:
        raise ValueError(f"a table has the name of a view: {sorted(clash)}")
    if not figures:
        return []
    columns = [f["name"] for f in figure_fields(figures)]
    table_column = kind["tableField"]["name"]
    union = lambda source: "\nUNION ALL\n".join(_select(r, columns, table_column, source(r)) for r in figures)
    joined = ["f.*"]
    joins = []
    for i, b in enumerate(kind["beside"]):
        alias = f"j{i}"
        joined += [f"{alias}.{quote(f)} AS {quote(n)}" for f, n in zip(b["fields"], b["names"])]
        joins.append(f"LEFT JOIN {quote(b['resource'])} AS {alias} ON f.{quote(b['column'])} = {alias}.{quote(b['key'])}")
    return [
        ("figures", union(lambda r: quote(r["name"]))),
        ("preferred_figures", union(lambda r: _preferred_source(r) + " AS p")),
        ("figure_sources", f"SELECT {', '.join(joined)} FROM \"figures\" AS f " + " ".join(joins)),
    ]


def create_views(resources: list[dict], kind: dict | None) -> list[str]:
    if kind is None:
        return []
    return [f"CREATE VIEW {quote(name)} AS\n{select}" for name, select in view_statements(resources, kind)]
