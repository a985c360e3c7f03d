"""What a release knows about its tables, answered from its datapackage.json with the standard library
alone (no pandas), so that `import catraffick_data`, `tables()` and `describe()` stay fast.

The release is the one installed inside the package, unless a folder written by `catraffick build` is
given (as `release=`), or named by the CATRAFFICK_RELEASE environment variable.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

RELEASE_ENV = "CATRAFFICK_RELEASE"


class UnknownTableError(KeyError):
    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return self.args[0]


def release_dir(release=None):
    """The release folder to read: `release` if given, else $CATRAFFICK_RELEASE, else the bundled one."""
    if release is not None:
        return Path(release)
    from importlib import resources  # here, not at import: it costs a third of `import catraffick_data`

    chosen = os.environ.get(RELEASE_ENV)
    return Path(chosen) if chosen else resources.files("catraffick_data") / "_release"


@lru_cache(maxsize=8)
def _read_descriptor(folder: str) -> dict:
    import json

    path = Path(folder) / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"no built release at {folder}: install the package from a wheel or with `pip install .`, "
            "or run `catraffick build --out DIR` and pass release=DIR"
        ) from None


def descriptor(release=None) -> dict:
    return _read_descriptor(str(release_dir(release)))


def table_names(release=None) -> list[str]:
    return [r["name"] for r in descriptor(release)["resources"]]


def resource(name: str, release=None) -> dict:
    for r in descriptor(release)["resources"]:
        if r["name"] == name:
            return r
    import difflib

    names = table_names(release)
    close = difflib.get_close_matches(str(name), names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise UnknownTableError(f"unknown table {name!r}{hint} The tables are: {', '.join(names)}")


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
    statement_key: list = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"{self.name}: {self.title}", "", self.description, ""]
        if self.statement_key:
            lines += [f"Rows state the same thing when they agree on: {', '.join(self.statement_key)}", ""]
        lines.append("Columns:")
        for c in self.columns:
            flags = ", required" if c.required else ""
            lines.append(f"  {c.name} ({c.type}{flags})")
            lines.append(f"      {c.description}")
            if c.allowed:
                lines.append(f"      allowed: {', '.join(map(str, c.allowed))}")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        rows = [f"| `{c.name}` | {c.type} | {c.description} |" for c in self.columns]
        key = (f"Rows state the same thing when they agree on: {', '.join(f'`{c}`' for c in self.statement_key)}\n\n"
               if self.statement_key else "")
        return "\n".join([f"**{self.name}**: {self.title}", "", self.description, "", key + "| column | type | meaning |",
                          "|---|---|---|", *rows])


def describe(name: str, release=None) -> TableDoc:
    from .model import as_list

    r = resource(name, release)
    schema = r["schema"]
    key = as_list(schema.get("primaryKey"))
    cols = [ColumnDoc(f["name"], f.get("type", "string"), f.get("description", ""),
                      bool(f.get("constraints", {}).get("required")) or f["name"] in key,
                      list(f.get("constraints", {}).get("enum", [])))
            for f in schema["fields"]]
    return TableDoc(name, r.get("title", name), r.get("description", ""), key, cols,
                    list(r.get("catraffick:statementKey", [])))


def tables(release=None) -> dict[str, str]:
    return {r["name"]: r.get("title", r["name"]) for r in descriptor(release)["resources"]}


def parquet_path(name: str, release=None):
    return release_dir(release) / resource(name, release)["catraffick:parquet"]["path"]
