"""What the installed package knows about its tables, answered from the bundled release's
datapackage.json with the standard library alone (no pandas), so that `import catraffick_data`,
`tables()` and `describe()` stay fast.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

RELEASE_ENV = "CATRAFFICK_RELEASE"  # a folder written by `catraffick build`, used instead of the bundled one


class UnknownTableError(KeyError):
    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return self.args[0]


def release_dir():
    """The release `load()` reads: $CATRAFFICK_RELEASE if set, else the copy inside the installed package."""
    from importlib import resources  # here, not at import: it costs a third of `import catraffick_data`

    chosen = os.environ.get(RELEASE_ENV)
    return Path(chosen) if chosen else resources.files("catraffick_data") / "_release"


@lru_cache(maxsize=4)
def _read_descriptor(where: str) -> dict:
    import json

    folder = release_dir()
    try:
        return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"no built release at {folder}: install the package from a wheel or with `pip install .`, "
            f"or run `catraffick build --out DIR` and set {RELEASE_ENV}=DIR"
        ) from None


def descriptor() -> dict:
    return _read_descriptor(str(release_dir()))


def table_names() -> list[str]:
    return [r["name"] for r in descriptor()["resources"]]


def resource(name: str) -> dict:
    for r in descriptor()["resources"]:
        if r["name"] == name:
            return r
    raise UnknownTableError(f"unknown table {name!r}; the tables are: {', '.join(table_names())}")


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    type: str
    description: str
    required: bool
    allowed: list = field(default_factory=list)


@dataclass(frozen=True)
class TableDoc:
    name: str
    title: str
    description: str
    primary_key: list
    columns: list

    def __str__(self) -> str:
        lines = [f"{self.name}: {self.title}", "", self.description, "", "Columns:"]
        for c in self.columns:
            flags = ", required" if c.required else ""
            lines.append(f"  {c.name} ({c.type}{flags})")
            lines.append(f"      {c.description}")
            if c.allowed:
                lines.append(f"      allowed: {', '.join(map(str, c.allowed))}")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        rows = [f"| `{c.name}` | {c.type} | {c.description} |" for c in self.columns]
        return "\n".join([f"**{self.name}**: {self.title}", "", self.description, "",
                          "| column | type | meaning |", "|---|---|---|", *rows])


def describe(name: str) -> TableDoc:
    r = resource(name)
    schema = r["schema"]
    key = schema.get("primaryKey", [])
    cols = [ColumnDoc(f["name"], f.get("type", "string"), f.get("description", ""),
                      bool(f.get("constraints", {}).get("required")) or f["name"] in key,
                      list(f.get("constraints", {}).get("enum", [])))
            for f in schema["fields"]]
    return TableDoc(name, r.get("title", name), r.get("description", ""), list(key), cols)


def tables() -> dict[str, str]:
    return {r["name"]: r.get("title", r["name"]) for r in descriptor()["resources"]}


def parquet_path(name: str):
    return release_dir() / resource(name)["catraffick:parquet"]["path"]
