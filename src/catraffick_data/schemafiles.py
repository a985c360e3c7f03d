"""The definitions in `schemas/` (fields.toml, tables.toml, package.toml) read into one checked Model:
each table parsed (model.py), the figure kind (figurekind.py), then the checks that span tables."""
from __future__ import annotations

import tomllib
from pathlib import Path

from .figurekind import check_figure_kind, parse_figure_kind
from .model import Model, ModelError, _export_order, _frozen, parse_table


def _check(model: Model) -> None:
    names = model.by_name
    for table in model.tables:
        for fk in table.foreign_keys:
            if fk.table not in names or fk.ref_fields[0] not in names[fk.table].field_names:
                raise ModelError(f"schemas/fields.toml: {table.name}.{fk.fields[0]} refers to "
                                 f"{fk.table}.{fk.ref_fields[0]}, which is not a column of the package")
    prefixes = [t.prefix for t in model.figure_tables]
    if len(set(prefixes)) != len(prefixes):
        raise ModelError(f"schemas/tables.toml: figure tables share a prefix: {sorted(prefixes)}")
    check_figure_kind(model)
    listed = {t.name for t in model.of_kind("listed")}
    for table in model.tables:
        if "items_table" in table.field_names and not set(table.field("items_table").enum or ()) <= listed:
            raise ModelError(f"schemas/fields.toml: items_table may name listed tables only: {sorted(listed)}")


def _read(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ModelError(f"{path} not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ModelError(f"{path} is not valid TOML: {exc}") from None


def load_model(schemas: Path) -> Model:
    """Parse and check the definitions in the folder `schemas`."""
    schemas = Path(schemas)
    fields, declared, package = (_read(schemas / f"{n}.toml") for n in ("fields", "tables", "package"))
    kinds = declared.pop("kinds", {})
    tables = [parse_table(name, spec, fields, kinds) for name, spec in declared.items()]
    figure_kind = parse_figure_kind(kinds["figure"], fields) if "figure" in kinds else None
    model = Model(_frozen(package), tuple(_export_order(tables)), figure_kind)
    _check(model)
    return model
