"""The package's metadata model: every column defined once (schemas/fields.toml), every table declared
once (schemas/tables.toml), the package itself (schemas/package.toml), parsed into frozen objects
(schemafiles.py reads the files and checks what spans tables).

Everything else is rendered from it: the Frictionless descriptors (descriptor.py), the pandera schemas
(pandera_schema.py), the SQLite DDL (sqlite_export.py), the codebook (codebook.py). Code that needs to
know which tables hold figures, or what makes two rows the same statement, asks the model.

Only the standard library is used: the CLI's usage errors and `catraffick rules` stay light.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from .figurekind import FigureKind

KINDS = ("figure", "lookup", "listed", "register", "judgment", "link")
PERIODS = ("covered", "in_force")
BUILT_KINDS = ("link",)  # tables a release builds, with no file in raw/
TYPES = ("string", "number", "integer", "date", "boolean")
FIELD_KEYS = {"type", "format", "description", "constraints", "references"}
TABLE_KEYS = {"row", "periods", "kind", "title", "description", "path", "prefix", "fields", "primary_key", "dimensions", "extra", "local", "link"}


class ModelError(Exception):
    """The definitions in schemas/ contradict themselves: a set-up error, not bad data."""


def as_list(key) -> list:
    """A Table Schema key as a list: `"id"` and `["id"]` are the same key."""
    return [] if key is None else [key] if isinstance(key, str) else list(key)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    constraints: Mapping
    references: tuple[str, str] | None = None  # (table, column); the table is this one for a self-reference
    format: str | None = None  # a Table Schema format, e.g. "uri"

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def enum(self) -> list | None:
        return list(self.constraints["enum"]) if "enum" in self.constraints else None

    def descriptor(self) -> dict:
        """The field as a Table Schema field."""
        out = {"name": self.name, "type": self.type, "description": self.description}
        if self.format:
            out["format"] = self.format
        if self.constraints:
            out["constraints"] = {k: list(v) if isinstance(v, tuple) else v for k, v in self.constraints.items()}
        return out


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str
    ref_fields: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """A link table: one row per item of the `;`-joined release column `split` of every figure table,
    with the figure's key, the item (in column `item`) and the figure table's name."""
    split: str
    item: str


@dataclass(frozen=True)
class Table:
    name: str
    kind: str
    title: str
    description: str
    path: str  # the raw CSV, relative to the package root
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    statement_key: tuple[str, ...] = ()  # figure tables: the columns that make two rows one statement
    prefix: str | None = None  # figure tables: what every figure_id starts with, before a hyphen
    release_fields: tuple[Field, ...] = ()  # columns the table gains in a release
    dimensions: tuple[str, ...] = ()  # figure tables: the table's own columns in its statement key
    row: str = ""  # what one row is, in a few words
    periods: str = "covered"  # figure tables: what a period is: the time a figure covers, or a law's time in force
    link: Link | None = None  # link tables: what they are built from

    @property
    def has_raw_file(self) -> bool:
        return self.kind not in BUILT_KINDS

    @cached_property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    @cached_property
    def release_columns(self) -> tuple[Field, ...]:
        """Every column of the table as a release writes it: its raw fields, then those the build adds."""
        return (*self.fields, *self.release_fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.release_columns if f.name == name)

    @property
    def is_figure_table(self) -> bool:
        return self.kind == "figure"

    @cached_property
    def foreign_keys(self) -> tuple[ForeignKey, ...]:
        return tuple(ForeignKey((f.name,), f.references[0], (f.references[1],)) for f in self.fields if f.references)


@dataclass(frozen=True)
class Model:
    package: Mapping  # name, title, description, version, licenses, sources...
    tables: tuple[Table, ...]  # in export order: a table after the tables it refers to
    figure_kind: FigureKind | None = None

    @cached_property
    def by_name(self) -> Mapping[str, Table]:
        return MappingProxyType({t.name: t for t in self.tables})

    def table(self, name: str) -> Table:
        return self.by_name[name]

    def of_kind(self, kind: str) -> list[Table]:
        return [t for t in self.tables if t.kind == kind]

    @property
    def figure_tables(self) -> list[Table]:
        return self.of_kind("figure")

    @property
    def raw_tables(self) -> list[Table]:
        """The tables with a CSV in raw/: all but those a release builds."""
        return [t for t in self.tables if t.has_raw_file]

    @property
    def version(self) -> str:
        return self.package["version"]


def _frozen(value):
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


def _field(name: str, spec: dict, where: str) -> Field:
    unknown = set(spec) - FIELD_KEYS
    if unknown:
        raise ModelError(f"{where}: column {name!r} has unknown keys {sorted(unknown)}")
    if spec.get("type", "string") not in TYPES:
        raise ModelError(f"{where}: column {name!r} has type {spec.get('type')!r}; the types are {', '.join(TYPES)}")
    if not spec.get("description"):
        raise ModelError(f"{where}: column {name!r} has no description")
    ref = spec.get("references")
    if ref is not None and (not isinstance(ref, str) or ref.count(".") != 1):
        raise ModelError(f"{where}: column {name!r}: references must be 'table.column', not {ref!r}")
    return Field(name, spec.get("type", "string"), spec["description"], _frozen(spec.get("constraints", {})),
                 tuple(ref.split(".")) if ref else None, spec.get("format"))


def parse_table(name: str, spec: dict, fields: dict[str, dict], kinds: dict | None = None) -> Table:
    """One table of tables.toml, its columns taken from `fields` (fields.toml) and the `kinds`."""
    kinds = kinds or {}
    where = f"schemas/tables.toml [{name}]"
    unknown = set(spec) - TABLE_KEYS
    if unknown:
        raise ModelError(f"{where}: unknown keys {sorted(unknown)}")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise ModelError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    for key in ("title", "description") + (() if kind in BUILT_KINDS else ("path",)):
        if not spec.get(key):
            raise ModelError(f"{where}: {key} is missing")
    if spec.get("periods", "covered") not in PERIODS:
        raise ModelError(f"{where}: periods {spec['periods']!r} is not one of {', '.join(PERIODS)}")
    if kind in BUILT_KINDS and "path" in spec:
        raise ModelError(f"{where}: a {kind} table is built by the release and has no `path` in raw/")
    if (kind == "link") != ("link" in spec):
        raise ModelError(f"{where}: a link table, and only a link table, says what it splits: "
                         "`link = { split = \"<column>\", item = \"<column>\" }`")
    shape = kinds.get(kind, {})
    if kind == "figure":
        if "fields" in spec or "primary_key" in spec:
            raise ModelError(f"{where}: a figure table lists its `dimensions` and `extra` columns, not `fields`")
        own = [*spec.get("dimensions", []), *spec.get("extra", [])]
        names = [*shape["head"], *own, *shape["tail"]]
        key, statement = shape["primary_key"], [*shape["statement_key"], *spec.get("dimensions", [])]
        if not spec.get("prefix"):
            raise ModelError(f"{where}: a figure table needs a `prefix` for its figure_ids")
    else:
        names, key, statement = list(spec.get("fields", [])), as_list(spec.get("primary_key")), []
    local = spec.get("local", {})
    built = []
    for column in names:
        if column not in fields:
            raise ModelError(f"{where}: column {column!r} is not defined in schemas/fields.toml")
        built.append(_field(column, {**fields[column], **local.get(column, {})}, where))
    for column in set(local) - set(names):
        raise ModelError(f"{where}: local.{column} names a column the table does not have")
    if len(set(names)) != len(names):
        raise ModelError(f"{where}: a column is listed twice")
    missing = [c for c in [*key, *statement] if c not in names]
    if not key or missing:
        raise ModelError(f"{where}: its primary or statement key names columns it does not have: {missing or key}")
    release = [_field(c, fields[c], where) for c in shape.get("release_fields", [])]
    references = [f.references for f in built if f.references]
    resolved = [(t if t else name, c) for t, c in references]
    if resolved != references:
        raise ModelError(f"{where}: a reference lacks its table")
    link = spec.get("link")
    if link is not None and (not isinstance(link, dict) or set(link) != {"split", "item"} or link["item"] not in names):
        raise ModelError(f"{where}: link must be {{ split = <a release column of figure tables>, "
                         f"item = <one of its columns> }}, not {link!r}")
    return Table(name, kind, spec["title"], spec["description"], spec.get("path", ""), tuple(built), tuple(key),
                 tuple(statement), spec.get("prefix"), tuple(release), tuple(spec.get("dimensions", ())),
                 spec.get("row", ""), spec.get("periods", "covered"), Link(link["split"], link["item"]) if link else None)


def _export_order(tables: list[Table]) -> list[Table]:
    """Declaration order, but every table after the tables it refers to (the SQLite export needs that),
    and a link table after the figure tables it is built from."""
    placed: list[Table] = []
    pending = list(tables)
    figures = {t.name for t in tables if t.kind == "figure"}
    needs = {t.name: {fk.table for fk in t.foreign_keys} - {t.name} | (figures if t.kind == "link" else set())
             for t in tables}
    while pending:
        ready = next((t for t in pending if needs[t.name] <= {p.name for p in placed}), None)
        if ready is None:
            raise ModelError(f"tables refer to each other in a circle: {', '.join(t.name for t in pending)}")
        placed.append(ready)
        pending.remove(ready)
    return placed
