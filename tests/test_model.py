"""The model: every column defined once, every table declared once, checked when it is read; and the
two things a contributor does with it, tried for real in a copy of the package: a new figure table from
its definition and a CSV alone, and a new column that joins a statement key only when declared to."""
import re
import sqlite3
from pathlib import Path

import pytest

import catraffick_data as ctd
from catraffick_data.build import build
from catraffick_data.model import ModelError
from catraffick_data.schemafiles import load_model
from catraffick_data.rawpackage import open_package
from catraffick_data.validate import validate
from conftest import ROOT, cli, copy_package, model, read_rows, write_rows

MODEL = model()


def test_every_table_has_its_csv_with_its_columns_and_nothing_else_is_in_raw():
    assert {p.name for p in (ROOT / "raw").glob("*.csv")} == {Path(t.path).name for t in MODEL.raw_tables}
    for table in MODEL.raw_tables:
        header, _ = read_rows(ROOT / table.path)
        assert header == table.field_names, table.name


def test_every_table_comes_after_the_tables_it_refers_to():
    seen = set()
    for table in MODEL.tables:
        assert {fk.table for fk in table.foreign_keys} - {table.name} <= seen, table.name
        seen.add(table.name)


def test_every_foreign_key_points_to_a_primary_key_of_the_same_type():
    for table in MODEL.tables:
        for fk in table.foreign_keys:
            target = MODEL.table(fk.table)
            assert fk.ref_fields == target.primary_key
            assert table.field(fk.fields[0]).type == target.field(fk.ref_fields[0]).type


def test_every_column_is_documented_and_figure_tables_share_one_definition_of_the_shared_columns():
    for table in MODEL.tables:
        for f in table.release_columns:
            assert len(f.description) > 15, (table.name, f.name)
    first, *rest = MODEL.figure_tables
    for other in rest:
        shared = set(first.field_names) & set(other.field_names)
        assert {"figure_id", "value", "excerpt", "statement_rank"} <= shared
        assert all(first.field(n) == other.field(n) for n in shared)


def test_statement_keys_are_declared_per_table():
    assert MODEL.table("hotline_counts").statement_key == (
        "measure", "geography", "period_start", "period_end", "subgroup", "trafficking_type")
    assert MODEL.table("regional_figures").dimensions == ()
    assert MODEL.table("sources").statement_key == ()
    assert len({t.prefix for t in MODEL.figure_tables}) == len(MODEL.figure_tables)


def broken_copy(tmp_path, old: str, new: str, file: str = "tables.toml") -> Path:
    pkg = copy_package(tmp_path / "pkg")
    path = pkg / "schemas" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return pkg


@pytest.mark.parametrize("old, new, file, message", [
    ('kind = "lookup"', 'kind = "lookups"', "tables.toml", r"kind 'lookups' is not one of"),
    ('prefix = "vo"', 'prefix = "hc"', "tables.toml", r"figure tables share a prefix"),
    ('prefix = "vo"\n', "", "tables.toml", r"\[victim_origins\]: a figure table needs a `prefix`"),
    ('dimensions = ["trafficking_type"]', 'dimensions = ["trafficking_kind"]', "tables.toml",
     r"column 'trafficking_kind' is not defined in schemas/fields.toml"),
    ('references = "measures.measure_id"', 'references = "measures.measure_code"', "fields.toml",
     r"refers to measures.measure_code, which is not a column"),
    ('local.notes = { description = "What a user must know about this source." }',
     'local.note = { description = "What a user must know about this source." }', "tables.toml",
     r"local.note names a column the table does not have"),
    ('type = "date"', 'type = "datetime"', "fields.toml", r"has type 'datetime'"),
    ('kind = "lookup"', 'kind = "lookup"\ncolour = "blue"', "tables.toml", r"unknown keys \['colour'\]"),
])
def test_a_definition_that_contradicts_itself_is_refused_with_its_place(tmp_path, old, new, file, message):
    pkg = broken_copy(tmp_path, old, new, file)
    with pytest.raises(ModelError, match=message):
        load_model(pkg / "schemas")
    proc = cli("validate", "--root", pkg)
    assert proc.returncode == 2 and re.search(message, proc.stderr) and "internal error" not in proc.stderr


NEW_TABLE = '''
[court_figures]
kind = "figure"
title = "Figures from court records"
description = "Counts stated in court filings about trafficking cases in California."
path = "raw/court_figures.csv"
prefix = "ct"
dimensions = []
'''


def test_a_new_figure_table_needs_only_its_definition_and_a_csv(tmp_path):
    pkg = copy_package(tmp_path / "pkg")
    with open(pkg / "schemas" / "tables.toml", "a", encoding="utf-8") as fh:
        fh.write(NEW_TABLE)
    header, rows = read_rows(pkg / "raw" / "regional_figures.csv")
    row = dict(next(r for r in rows if r["figure_id"] == "rf-076"), figure_id="ct-001", breakdown="",
               statement_rank="normal", rank_reason="")
    write_rows(pkg / "raw" / "court_figures.csv", header, [row])
    assert cli("render", "--root", pkg).returncode == 0  # the descriptor of the new package
    assert [p for p in validate(pkg).problems if p.rule != "descriptor-drift"] == []
    result = validate(pkg)
    assert result.ok, result.problems[:3]
    out = tmp_path / "release"
    assert build(pkg, out).out == out
    frame = ctd.load("court_figures", release=out)
    assert frame["figure_id"].tolist() == ["ct-001"] and "in_conflict" in frame.columns
    assert ctd.load("court_figures", preferred=True, release=out)["figure_id"].tolist() == ["ct-001"]
    doc = ctd.describe("court_figures", release=out)
    assert doc.title == "Figures from court records" and "figure_id" in [c.name for c in doc.columns]
    # all figures in one frame, and the SQL views, find it through the model too
    every = ctd.figures(release=out)
    assert every.loc[every["figure_id"] == "ct-001", "figure_table"].tolist() == ["court_figures"]
    con = sqlite3.connect(out / "catraffick-data.sqlite")
    assert con.execute("SELECT figure_table FROM figure_sources WHERE figure_id = 'ct-001'").fetchall() == \
        [("court_figures",)]
    con.close()
    # a figure_id of another table's prefix is caught by the new table's own prefix
    write_rows(pkg / "raw" / "court_figures.csv", header, [dict(row, figure_id="rf-999")])
    assert "figure-id-prefix" in {p.rule for p in validate(pkg).problems}


def test_a_new_column_joins_the_statement_key_only_when_declared(tmp_path):
    before = MODEL.table("hotline_counts").statement_key
    for where, in_key in (("extra", False), ("dimensions", True)):
        pkg = copy_package(tmp_path / where)
        with open(pkg / "schemas" / "fields.toml", "a", encoding="utf-8") as fh:
            fh.write('\n[page]\ntype = "string"\ndescription = "The page of the printed report the figure is on."\n')
        tables = pkg / "schemas" / "tables.toml"
        text = tables.read_text(encoding="utf-8")
        declared = ('dimensions = ["trafficking_type", "page"]' if in_key
                    else 'dimensions = ["trafficking_type"]\nextra = ["page"]')
        tables.write_text(text.replace('dimensions = ["trafficking_type"]', declared, 1), encoding="utf-8")
        path = pkg / "raw" / "hotline_counts.csv"
        header, rows = read_rows(path)
        header.insert(header.index("trafficking_type") + 1, "page")
        write_rows(path, header, [dict(r, page="") for r in rows])
        key = open_package(pkg).tables["hotline_counts"].statement_key
        assert (key == (*before, "page")) if in_key else (key == before), where
        assert cli("render", "--root", pkg).returncode == 0
        assert validate(pkg).ok, where
