"""Validate the raw package, and a contributor's CSV of new rows together with it.

Order of work: read every file (structure), parse types, gather what cross-table checks need into a
Context, then check each table (table_problems.py), which turns every failure into a located Problem.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .csvfile import CsvTable, read_csv_table
from .fieldtypes import parse_table
from .problems import Problem, sort_problems
from .printable import display_path
from .model import Table
from .rawpackage import RawPackage, open_package
from .sourcetexts import read_source_text
from .checks import Context
from .descriptor import drift
from .table_problems import TableData, check_table


@dataclass
class Validation:
    package: RawPackage
    tables: dict[str, TableData]
    problems: list[Problem]
    checked: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def _combine(spec: Table, parts: list[tuple[CsvTable, pd.DataFrame, set]]) -> TableData:
    """One table's rows from all its files (the raw one, then contributed ones), with where each came from."""
    offset = 0
    reported: set[tuple[int, str]] = set()
    for csv_table, _, unreadable in parts:
        reported |= {(row + offset, name) for row, name in csv_table.reported | unreadable}
        offset += len(csv_table.frame)
    parts = [(c, typed) for c, typed, _ in parts]
    if len(parts) == 1:
        (csv_table, typed), = parts
        text, frame = csv_table.frame, typed
    else:
        text = pd.concat([p[0].frame for p in parts], ignore_index=True)
        frame = pd.concat([p[1] for p in parts], ignore_index=True)
    # one small code per row, not a million references to the same file name (filled under the GIL)
    names = list(dict.fromkeys(c.file for c, _ in parts))
    codes = np.concatenate([np.full(len(c.frame), names.index(c.file), dtype=np.int32) for c, _ in parts])
    files = pd.Categorical.from_codes(codes, categories=names)
    lines = np.concatenate([c.lines for c, _ in parts])
    return TableData(spec, text, frame, files, lines, {c.file: c.positions for c, _ in parts}, reported)


def _release_freed_memory() -> None:
    """Hand memory freed by reading and parsing back to the system before the checks allocate more:
    Arrow's pool and glibc's heap both keep it otherwise, and a million-row file frees hundreds of MB."""
    import ctypes
    import ctypes.util

    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    libc = ctypes.util.find_library("c")
    if libc:
        try:
            ctypes.CDLL(libc).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to trim
            pass


def _arrow_ids(columns: list[pd.Series]):
    """The ids of some text columns as one Arrow array, without a Python-level loop."""
    import pyarrow as pa
    import pyarrow.compute as pc

    chunks = []
    for column in columns:
        arr = pa.array(column, type=pa.string(), from_pandas=True)
        chunks += arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    return pc.drop_null(pa.chunked_array(chunks, type=pa.string())).combine_chunks()  # repeats do no harm


def _source_texts(package: RawPackage, sources: pd.DataFrame) -> dict:
    """The stored text each source's excerpts are quoted from, with its file, hash and any refusal."""
    found: dict = {"source_texts": {}, "source_files": {}, "text_file_hashes": {}, "text_file_refusals": {}}
    texts: dict[str, str | None] = {}  # several sources may quote one file: read it once
    for source_id, text_file in zip(sources["source_id"], sources["text_file"]):
        if not isinstance(text_file, str):
            continue
        if text_file not in texts:
            stored = read_source_text(package.root, text_file)
            found["text_file_hashes"][text_file] = None if stored.data is None else hashlib.sha256(stored.data).hexdigest()
            found["text_file_refusals"][text_file] = stored.refused
            texts[text_file] = stored.text
        if texts[text_file] is not None and isinstance(source_id, str):
            found["source_texts"][source_id] = texts[text_file]
            found["source_files"][source_id] = text_file
    return found


def _key_sets(tables: dict[str, TableData]) -> dict:
    keys: dict = {}
    for data in tables.values():
        for fk in data.spec.foreign_keys:
            target = tables.get(fk.table)
            key = (fk.table, fk.ref_fields)
            if target is not None and set(fk.ref_fields) <= set(target.frame.columns) and key not in keys:
                cols = [target.frame[f] for f in fk.ref_fields]
                keys[key] = set(cols[0].dropna()) if len(cols) == 1 else set(zip(*cols))
    return keys


def build_context(package: RawPackage, tables: dict[str, TableData]) -> Context:
    """What the row checks may know about the other tables, gathered once for all tables."""
    units = {}
    if "measures" in tables and {"measure_id", "unit"} <= set(tables["measures"].frame.columns):
        m = tables["measures"].frame
        units = dict(zip(m["measure_id"].dropna(), m["unit"][m["measure_id"].notna()]))
    texts = {}
    if "sources" in tables and {"source_id", "text_file"} <= set(tables["sources"].frame.columns):
        texts = _source_texts(package, tables["sources"].frame)
    listed = [tables[t.name].frame[t.primary_key[0]] for t in package.model.of_kind("listed") if t.name in tables]
    figures = {name: data.frame for name, data in tables.items() if data.spec.is_figure_table}
    return Context(measure_units=units, **texts, listed_ids=_arrow_ids(listed), keys=_key_sets(tables),
                   figure_ids=_arrow_ids([f["figure_id"] for f in figures.values() if "figure_id" in f.columns]),
                   figure_rows=figures)


def validate(root: Path, contributions: list[tuple[Path, str]] = (), prefetched: dict | None = None) -> Validation:
    """Check the raw package at `root`, plus (path, table) files of contributed rows; `prefetched` maps
    a contributed path to its arrowcsv.prefetch(), started before this module was imported."""
    package = open_package(root)
    problems: list[Problem] = []
    checked: list[str] = []
    parts: dict[str, list[tuple[CsvTable, pd.DataFrame, set]]] = {name: [] for name in package.tables}
    files = [(package.file(spec), spec) for spec in package.tables.values()]
    files += [(path, package.tables[table]) for path, table in contributions]
    problems += drift(package)
    for path, spec in files:
        shown = display_path(path)
        checked.append(shown)
        if not Path(path).is_file():
            problems.append(Problem(shown, None, None, None, "missing-file", f"the file for table {spec.name!r} is missing",
                                    None, f"schemas/tables.toml names {spec.path}"))
            continue
        csv_table, found = read_csv_table(path, shown, spec.field_names, (prefetched or {}).get(path))
        problems += found
        if csv_table is None:
            continue
        typed, found, unreadable = parse_table(csv_table, spec.fields)
        problems += found
        # keep the written text only where the typed frame no longer holds it: text columns are shared
        not_text = [f.name for f in spec.fields if f.type != "string"]
        csv_table.frame = csv_table.frame[[c for c in not_text if c in csv_table.frame.columns]]
        parts[spec.name].append((csv_table, typed, unreadable))
    tables = {name: _combine(package.tables[name], p) for name, p in parts.items() if p}
    _release_freed_memory()
    ctx = build_context(package, tables)
    for data in tables.values():
        problems += check_table(data, ctx)
    if not contributions and not problems:
        # the register's judgments against what the rules find: cheap for the package's own rows, left
        # to `catraffick build` for contributed files (a million rows would take the rules minutes)
        problems += stale_judgments(package, tables)
    return Validation(package, tables, sort_problems(problems), checked)


def stale_judgments(package: RawPackage, tables: dict[str, TableData]) -> list[Problem]:
    """A problem for each judgment that matches no conflict the rules find."""
    from .disagreements.register import nearest_conflicts, register

    judged = [tables[t.name] for t in package.model.of_kind("judgment") if t.name in tables]
    if not judged:
        return []
    data = judged[0]
    _, found, stale = register(package, {name: d.frame for name, d in tables.items()})
    problems = []
    for i in stale:
        rule, figures = data.frame["found_by"].iat[i], data.frame["figures"].iat[i]
        near = nearest_conflicts(found, rule, figures)
        problems.append(Problem(
            data.files[i], int(data.lines[i]), data.positions[data.files[i]].get("figures"), "figures",
            "judgment-stale", f"no conflict found by {rule} has exactly these rows",
            figures, "the rules now find " + ", ".join(near) + ": judge that entry" if near
            else "the rule no longer finds a conflict among these rows: delete the judgment"))
    return problems
