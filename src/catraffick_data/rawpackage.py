"""The raw package as its datapackage.json describes it: tables, their CSV files and their Table Schemas.

Only the standard library is used, so the catalogue and the CLI's usage errors stay light.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

DESCRIPTOR = "datapackage.json"


class PackageError(Exception):
    """The package itself (not a data row) cannot be read: a usage or set-up error."""


@dataclass(frozen=True)
class TableSpec:
    name: str
    path: Path  # the CSV file
    schema: dict
    title: str
    description: str

    @cached_property
    def fields(self) -> list[dict]:
        return self.schema["fields"]

    @cached_property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.fields]

    @cached_property
    def primary_key(self) -> list[str]:
        key = self.schema.get("primaryKey", [])
        return [key] if isinstance(key, str) else list(key)

    @cached_property
    def foreign_keys(self) -> list[dict]:
        """Foreign keys with `fields` as lists and the referenced resource named (self-references resolved)."""
        out = []
        for fk in self.schema.get("foreignKeys", []):
            fields = fk["fields"]
            ref = fk["reference"]
            ref_fields = ref["fields"]
            out.append({
                "fields": [fields] if isinstance(fields, str) else list(fields),
                "resource": ref.get("resource") or self.name,
                "ref_fields": [ref_fields] if isinstance(ref_fields, str) else list(ref_fields),
            })
        return out

    @property
    def is_figure_table(self) -> bool:
        return "figure_id" in self.field_names

    @property
    def figure_prefix(self) -> str:
        """`hotline_counts` -> `hc`: the initials that start every figure_id of the table."""
        return "".join(word[0] for word in self.name.split("_"))


@dataclass(frozen=True)
class RawPackage:
    root: Path
    descriptor: dict
    tables: dict[str, TableSpec]

    @property
    def figure_tables(self) -> list[TableSpec]:
        return [t for t in self.tables.values() if t.is_figure_table]

    def figure_key(self, spec: TableSpec) -> list[str]:
        return figure_key({t.name: t.field_names for t in self.figure_tables}, spec.name)


def figure_key(figure_tables: dict[str, list[str]], name: str) -> list[str]:
    """Columns that make two rows of a figure table statements of the same thing: measure, place,
    period, subgroup, and the table's own dimensions (the columns only it has, e.g. `sector`)."""
    shared = set.intersection(*(set(fields) for fields in figure_tables.values()))
    own = [field for field in figure_tables[name] if field not in shared]
    return ["measure", "geography", "period_start", "period_end", "subgroup", *own]


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` that holds a datapackage.json with a raw/ folder beside it."""
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / DESCRIPTOR).is_file() and (folder / "raw").is_dir():
            return folder
    raise PackageError(
        f"no {DESCRIPTOR} with a raw/ folder found in {here} or above; "
        "run inside a checkout of catraffick_data or pass --root"
    )


def open_package(root: Path) -> RawPackage:
    root = Path(root)
    descriptor_path = root / DESCRIPTOR
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackageError(f"{descriptor_path} not found") from None
    except json.JSONDecodeError as exc:
        raise PackageError(f"{descriptor_path} is not valid JSON: {exc}") from None
    tables = {}
    for res in descriptor.get("resources", []):
        schema = res.get("schema")
        if isinstance(schema, str):
            try:
                schema = json.loads((root / schema).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise PackageError(f"schema of resource {res['name']!r} cannot be read: {exc}") from None
        tables[res["name"]] = TableSpec(
            name=res["name"], path=root / res["path"], schema=schema,
            title=res.get("title", res["name"]), description=res.get("description", ""),
        )
    return RawPackage(root=root, descriptor=descriptor, tables=tables)

