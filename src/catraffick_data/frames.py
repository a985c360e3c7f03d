"""A release's tables as pandas frames, the parts `load()` and `figures()` share: the Parquet read, one
row per statement, the argument check, `.attrs`, and figures with the rows they refer to beside them
(`with_sources`). pandas and pyarrow are imported on first use, never by `import catraffick_data`."""
from __future__ import annotations

from importlib import resources

from . import catalog
from .sqlviews import KIND_KEY


def read_table(name: str, release, filters: list[tuple] | None = None, columns: list[str] | None = None):
    """The Parquet file as pandas reads it, but for its days (Arrow date32): datetime64 columns, not
    columns of Python date objects, so that they compare with "2018-01-01", sort and resample.
    `filters`: pyarrow's row filters, e.g. [("measure", "==", "hotline_cases")]; `columns`: only these."""
    import pandas as pd

    with resources.as_file(catalog.parquet_path(name, release)) as path:
        return pd.read_parquet(path, columns=columns, filters=filters, to_pandas_kwargs={"date_as_object": False})


def one_per_statement(res: dict, frame):
    """One row per statement (the table's statement key): the preferred row where there is one,
    otherwise the only row not deprecated (validation guarantees there is no third case)."""
    key = res.get("catraffick:statementKey")
    if res.get("catraffick:kind") != "figure" or not key:
        raise ValueError(f"preferred=True applies to figure tables only, not to {res['name']!r}")
    live = frame[frame["statement_rank"] != "deprecated"]
    groups = [live[c].astype(object) for c in key]
    is_preferred = live["statement_rank"] == "preferred"
    group_has_preferred = is_preferred.groupby(groups, dropna=False).transform("any")
    return live[is_preferred | ~group_has_preferred].reset_index(drop=True)


def _cited_sources(used: set[str], release) -> list[dict]:
    """The rows of the sources table that `used` names, as plain Python records (None when empty).
    Read with pyarrow alone: a pandas frame for a few records would cost more than the read."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    with resources.as_file(catalog.parquet_path("sources", release)) as path:
        table = pq.read_table(path)
    return table.filter(pc.is_in(table["source_id"], value_set=pa.array(sorted(used), pa.string()))).to_pylist()


def check_flag(name: str, value) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {value!r}")


def with_attrs(frame, name: str, title: str, description: str, schema: dict, release):
    """`frame` with its `.attrs`: what it is, its Table Schema, the sources its rows cite, licences, version."""
    pkg = catalog.descriptor(release)
    cited = _cited_sources(set(frame["source"].dropna()), release) if "source" in frame.columns and name != "sources" else []
    frame.attrs = {"name": name, "title": title, "description": description, "schema": schema, "sources": cited,
                   "licenses": pkg.get("licenses", []), "version": pkg.get("version")}
    return frame


def figure_kind(release=None) -> dict:
    kind = catalog.descriptor(release).get(KIND_KEY)
    if kind is None:
        raise ValueError(f"the release at {catalog.release_dir(release)} does not describe its figure tables "
                         f"({KIND_KEY}): it was built by an older catraffick_data; build it again")
    return kind


def _beside_field(field: dict, resource: str, column: str, name: str) -> dict:
    return {**field, "name": name,
            "description": f"`{resource}.{field['name']}` of the row `{column}` names: {field.get('description', '')}"}


def beside(frame, schema: dict, release=None):
    """`frame` (figure rows) with the columns of the rows its figures refer to beside them, and `schema`
    with those columns' fields. Rows keep their order and number (each figure refers to one row)."""
    kind = figure_kind(release)
    frame = frame.copy()
    fields = list(schema["fields"])
    for b in kind["beside"]:
        ref = read_table(b["resource"], release).set_index(b["key"])
        ref_fields = {f["name"]: f for f in catalog.resource(b["resource"], release)["schema"]["fields"]}
        for field, name in zip(b["fields"], b["names"]):
            frame[name] = frame[b["column"]].map(ref[field])
            fields.append(_beside_field(ref_fields[field], b["resource"], b["column"], name))
    return frame, {**schema, "fields": fields}
