import csv
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_PARTS = ["datapackage.json", "schemas", "raw", "sources", "LICENSE", "LICENSE-DATA", "docs"]
BAD = Path(__file__).resolve().parent / "bad_inputs"  # the corpus of malformed contributed files


def _import_make_generated():
    spec = importlib.util.spec_from_file_location("make_generated", BAD / "make_generated.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_generated = _import_make_generated()


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_package(dest: Path) -> Path:
    """A throw-away copy of the raw package at `dest`, to corrupt."""
    dest.mkdir(parents=True)
    for part in PACKAGE_PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / part)
    return dest


def cut_package(dest: Path, keep: set[str]) -> Path:
    """A copy of the package holding only the tables in `keep` (its datapackage.json rendered again)."""
    import re

    from catraffick_data.codebook import render_docs
    from catraffick_data.rawpackage import open_package

    copy_package(dest)
    tables = dest / "schemas" / "tables.toml"
    sections = re.split(r"(?m)^(?=\[[a-z_.]+\]$)", tables.read_text(encoding="utf-8"))
    kept = [s for s in sections if not (m := re.match(r"\[([a-z_]+)\]$", s.split("\n", 1)[0])) or m.group(1) in keep]
    tables.write_text("".join(kept), encoding="utf-8")
    for name in {p.stem for p in (dest / "raw").glob("*.csv")} - keep:
        (dest / "raw" / f"{name}.csv").unlink()
    package = open_package(dest)
    # rows that name figures of a table left out go too: breakdowns' totals, conflicts' rows
    ids = {r[t.primary_key[0]] for t in package.model.tables if t.kind in ("figure", "listed")
           for r in read_rows(package.file(t))[1]}
    for table, keeps in (("breakdowns", lambda r: not r["total_figure"] or r["total_figure"] in ids),
                         ("conflicts", lambda r: set(r["figures"].split(";")) <= ids)):
        if table in keep:
            header, rows = read_rows(dest / "raw" / f"{table}.csv")
            write_rows(dest / "raw" / f"{table}.csv", header, [r for r in rows if keeps(r)])
    (dest / "README.md").write_text((ROOT / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    (dest / "docs").mkdir(exist_ok=True)
    for path, text in render_docs(dest, package.model).items():
        path.write_text(text, encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def small_package(tmp_path_factory) -> Path:
    """The package cut down to hotline_counts and what it needs (the tables it refers to, the listed
    tables, the register): half the work of validating the whole package, for tests that validate often.
    Copy it before changing it."""
    m = model()
    keep = {"hotline_counts", *(fk.table for fk in m.table("hotline_counts").foreign_keys),
            *(t.name for t in m.of_kind("listed")), *(t.name for t in m.of_kind("register"))}
    return cut_package(tmp_path_factory.mktemp("small") / "pkg", keep)


@pytest.fixture
def package_copy(tmp_path) -> Path:
    return copy_package(tmp_path / "pkg")


def model():
    from catraffick_data.schemafiles import load_model

    return load_model(ROOT / "schemas")


def row_check(rule: str, rows: list[dict], ctx=None, table: str = "hotline_counts") -> list:
    """A row check's outcome on rows (missing columns empty): True or False per row, or, for a check
    that words its own problems, None (passes) or the message."""
    import numpy as np
    import pandas as pd

    from catraffick_data.checks import ROW_CHECKS, Context

    check = next(c for c in ROW_CHECKS if c.rule == rule)
    frame = pd.DataFrame(rows)
    for col in check.columns:
        if col not in frame:
            frame[col] = np.nan
    ctx = ctx or Context()
    if ctx.table is None:
        from dataclasses import replace

        ctx = replace(ctx, table=model().table(table))
    result = check.passes(frame, ctx)
    return [None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v for v in result.tolist()] \
        if result.dtype == object else [bool(x) for x in result]


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def run_cli(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    """The command in a process of its own: for what only a real process shows (exit, signals, encodings)."""
    return subprocess.run([sys.executable, "-m", "catraffick_data", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env)


def cli(*args, cwd=None) -> subprocess.CompletedProcess:
    """The command run by its entry point in this process, output captured: as run_cli, without the
    second or two a new interpreter takes to import pandas and pandera."""
    import contextlib
    import io

    from catraffick_data import cli as command

    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    try:
        os.chdir(cwd or old)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = command.main([str(a) for a in args])
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code
    finally:
        os.chdir(old)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def built_release(tmp_path_factory) -> Path:
    """A release built from the current raw/ (not the copy bundled at install time, which may be stale)."""
    from catraffick_data.build import build

    out = tmp_path_factory.mktemp("release") / "release"
    result = build(ROOT, out)
    assert result.out is not None, [p for p in result.validation.problems][:5]
    return out


@pytest.fixture
def use_release(built_release, monkeypatch):
    """The release built from this checkout, as `load()` reads it by default."""
    from catraffick_data import catalog

    monkeypatch.setenv(catalog.RELEASE_ENV, str(built_release))
    yield built_release


def frictionless_report(descriptor: Path) -> dict:
    import json

    exe = Path(sys.executable).with_name("frictionless")
    proc = subprocess.run([str(exe), "validate", str(descriptor), "--json"], capture_output=True, text=True,
                          cwd=descriptor.parent, env={**os.environ, "NO_COLOR": "1"})
    return json.loads(proc.stdout)


def plain_rows(frame, columns=None) -> list[tuple]:
    """The rows of a pandas, SQLite or DuckDB result as plain values, ordered, so that results of different
    engines compare: missing is None, a date its ISO day, a boolean 0 or 1, a number a float."""
    import datetime as dt
    import math

    import pandas as pd

    def cell(v):
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
            return None
        if isinstance(v, (pd.Timestamp, dt.datetime)):
            return v.strftime("%Y-%m-%d")
        if isinstance(v, (bool, int, float)) or hasattr(v, "dtype"):
            return float(v)
        return str(v)

    columns = list(frame.columns) if columns is None else columns
    return sorted((tuple(cell(v) for v in row) for row in zip(*(frame[c].astype(object) for c in columns))),
                  key=repr)


def sqlite_frame(database, query: str):
    """A query's rows from a SQLite file, as a frame with the query's column names."""
    import sqlite3

    import pandas as pd

    con = sqlite3.connect(database)
    try:
        cursor = con.execute(query)
        return pd.DataFrame(cursor.fetchall(), columns=[d[0] for d in cursor.description])
    finally:
        con.close()
