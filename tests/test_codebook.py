"""The codebook and the README's table list are rendered from schemas/ and kept current."""
from catraffick_data.codebook import codebook, readme_tables, with_tables
from conftest import ROOT, model

MODEL = model()


def test_the_codebook_is_current():
    # if this fails: run `catraffick render`
    assert (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8") == codebook(MODEL)


def test_the_readme_table_list_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert with_tables(readme, MODEL) == readme and readme_tables(MODEL) in readme


def test_the_codebook_documents_every_column_and_statement_key():
    text = codebook(MODEL)
    for table in MODEL.tables:
        assert f"## `{table.name}`" in text
        for f in table.fields:
            assert f"| `{f.name}` |" in text
    assert ("statement key (rows that agree on these state the same thing, and compete): `measure`, `geography`, "
            "`period_start`, `period_end`, `subgroup`, `sector`, `share_kind`") in text
