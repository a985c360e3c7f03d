"""[kinds.figure]'s table column and `beside`, and link tables: contradictions are refused with their place."""
import pytest

from catraffick_data.model import ModelError
from catraffick_data.schemafiles import load_model
from conftest import copy_package, model

MODEL = model()


def test_the_figure_kind_is_read_from_the_schemas():
    kind = MODEL.figure_kind
    assert kind.table_field.name == "figure_table" and kind.table_field.required
    source = next(b for b in kind.beside if b.column == "source")
    assert (source.table, source.key) == ("sources", "source_id")
    assert source.names == tuple(f"source_{f}" for f in source.fields)
    link = MODEL.table("figure_conflicts")
    assert (link.link.split, link.link.item, link.has_raw_file, link.path) == ("conflict_ids", "conflict_id", False, "")
    assert link not in MODEL.raw_tables and MODEL.tables[-1] is link


def edited(tmp_path, old: str, new: str):
    pkg = copy_package(tmp_path / "pkg")
    path = pkg / "schemas" / "tables.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return pkg / "schemas"


@pytest.mark.parametrize("old, new, message", [
    ('source = ["publisher",', 'source = ["publishr",', r"beside.source names columns sources does not have: \['publishr'\]"),
    ('measure = ["name",', 'notes = ["name",', r"beside.notes must name a column every figure table has, that refers"),
    ('table_column = "figure_table"', 'table_column = "figure_tabel"', r"table_column 'figure_tabel' is not defined"),
    ('link = { split = "conflict_ids", item = "conflict_id" }', 'link = { split = "notes", item = "conflict_id" }',
     r"\[figure_conflicts\]: link.split 'notes' is not a release column"),
    ('link = { split = "conflict_ids", item = "conflict_id" }', 'link = { split = "conflict_ids", item = "figures" }',
     r"\[figure_conflicts\]: link must be"),
    ('fields = ["figure_id", "conflict_id", "figure_table"]', 'fields = ["figure_id", "conflict_id", "notes"]',
     r"a link table's columns are \['conflict_id', 'figure_id', 'figure_table'\]"),
    ('link = { split = "conflict_ids", item = "conflict_id" }\n', '',
     r"a link table, and only a link table, says what it splits"),
    ('kind = "link"\n', 'kind = "link"\npath = "raw/figure_conflicts.csv"\n',
     r"a link table is built by the release and has no `path`"),
])
def test_a_contradiction_is_refused_with_its_place(tmp_path, old, new, message):
    with pytest.raises(ModelError, match=message):
        load_model(edited(tmp_path, old, new))


def test_beside_may_not_add_a_column_a_figure_table_has(tmp_path):
    schemas = edited(tmp_path, 'dimensions = ["trafficking_type"]', 'dimensions = ["trafficking_type"]\nextra = ["source_title"]')
    with open(schemas / "fields.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[source_title]\ntype = "string"\ndescription = "The title of the source, as the hotline gives it."\n')
    with pytest.raises(ModelError, match=r"beside.source would add columns a figure table already has: \['source_title'\]"):
        load_model(schemas)


def test_a_link_table_declared_first_still_comes_after_the_figure_tables(tmp_path):
    pkg = copy_package(tmp_path / "pkg")
    path = pkg / "schemas" / "tables.toml"
    text = path.read_text(encoding="utf-8")
    head, link = text.split("\n[figure_conflicts]\n")
    first = head.index("\n[sources]\n")
    path.write_text(head[:first] + "\n[figure_conflicts]\n" + link + head[first:], encoding="utf-8")
    names = [t.name for t in load_model(pkg / "schemas").tables]
    assert names.index("figure_conflicts") > max(names.index(t.name) for t in MODEL.figure_tables)
