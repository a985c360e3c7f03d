"""What figure tables share beyond their columns ([kinds.figure] in schemas/tables.toml): the column that
names a row's figure table where several are read as one, and the columns of referenced rows that can be
put beside a figure; and the checks of the link tables built from figure tables. Part of the model
(model.py), parsed and checked when it is read."""
from __future__ import annotations

from dataclasses import dataclass

from .model import Field, Model, ModelError, _field


@dataclass(frozen=True)
class Beside:
    """Columns of the row a figure's `column` refers to (`table`.`key`), that can be put beside the
    figure (load(with_sources=True), the `figure_sources` view) as `<column>_<field>`."""
    column: str
    table: str
    key: str
    fields: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f"{self.column}_{f}" for f in self.fields)


@dataclass(frozen=True)
class FigureKind:
    """What figure tables share beyond their columns ([kinds.figure] in tables.toml)."""
    table_field: Field  # names the figure table of a row wherever rows of several are read as one
    beside: tuple[Beside, ...] = ()


def parse_figure_kind(shape: dict, fields: dict[str, dict]) -> FigureKind | None:
    """[kinds.figure]'s `table_column` and `beside`, checked against the columns they name."""
    where = "schemas/tables.toml [kinds.figure]"
    if "table_column" not in shape:
        return None
    column = shape["table_column"]
    if column not in fields:
        raise ModelError(f"{where}: table_column {column!r} is not defined in schemas/fields.toml")
    beside = []
    for name, wanted in shape.get("beside", {}).items():
        if name not in [*shape["head"], *shape["tail"]] or not fields.get(name, {}).get("references"):
            raise ModelError(f"{where}: beside.{name} must name a column every figure table has, that refers "
                             "to another table")
        table, key = fields[name]["references"].split(".")
        beside.append(Beside(name, table, key, tuple(wanted)))
    return FigureKind(_field(column, fields[column], where), tuple(beside))

def check_figure_kind(model: Model) -> None:
    """`beside` names columns that exist and add none a figure table has; a link table splits a release
    column of the figure tables into the figure key, the item and the table column."""
    kind, figures = model.figure_kind, model.figure_tables
    figure_columns = {c for t in figures for c in (*t.field_names, *(f.name for f in t.release_fields))}
    for b in kind.beside if kind else ():
        missing = set(b.fields) - set(model.table(b.table).field_names)
        if missing:
            raise ModelError(f"schemas/tables.toml [kinds.figure]: beside.{b.column} names columns "
                             f"{b.table} does not have: {sorted(missing)}")
        if set(b.names) & figure_columns:
            raise ModelError(f"schemas/tables.toml [kinds.figure]: beside.{b.column} would add columns a figure "
                             f"table already has: {sorted(set(b.names) & figure_columns)}")
    for table in model.of_kind("link"):
        where = f"schemas/tables.toml [{table.name}]"
        if kind is None or not figures:
            raise ModelError(f"{where}: a link table needs figure tables and [kinds.figure] table_column")
        if table.link.split not in {f.name for f in figures[0].release_fields}:
            raise ModelError(f"{where}: link.split {table.link.split!r} is not a release column of the figure tables")
        wanted = {*figures[0].primary_key, table.link.item, kind.table_field.name}
        if set(table.field_names) != wanted:
            raise ModelError(f"{where}: a link table's columns are {sorted(wanted)} (the figure key, the item, "
                             f"the figure table), not {table.field_names}")
