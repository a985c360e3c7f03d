"""figures(): every figure table in one frame; with_sources: each figure beside its source and measure."""
import pandas as pd
import pytest

import catraffick_data as ctd
from conftest import model

MODEL = model()
FIGURES = MODEL.figure_tables
TABLE_COLUMN = MODEL.figure_kind.table_field.name


def release_columns(table) -> list[str]:
    return [f.name for f in table.release_columns]


def test_every_figure_table_is_in_the_frame_with_its_own_columns_empty_elsewhere(use_release):
    every = ctd.figures()
    shared = [c for c in release_columns(FIGURES[0]) if all(c in release_columns(t) for t in FIGURES)]
    own = [c for t in FIGURES for c in release_columns(t) if c not in shared]
    assert list(every.columns) == [TABLE_COLUMN, *shared, *dict.fromkeys(own)]
    assert list(every[TABLE_COLUMN].cat.categories) == [t.name for t in FIGURES]
    for table in FIGURES:
        rows = every[every[TABLE_COLUMN] == table.name].reset_index(drop=True)
        alone = ctd.load(table.name)
        pd.testing.assert_frame_equal(rows[alone.columns], alone, check_categorical=False)
        others = [c for c in own if c not in alone.columns]
        assert rows[others].isna().all().all(), table.name
    assert every["figure_id"].is_unique


def test_types_survive_the_concat(use_release):
    every = ctd.figures()
    one = ctd.load("sector_shares")
    for column in one.columns:
        assert every[column].dtype == one[column].dtype, column  # categoricals stay categoricals, dates dates
    assert isinstance(every["trafficking_type"].dtype, pd.CategoricalDtype)


def test_preferred_keeps_what_load_preferred_keeps_per_table(use_release):
    best = ctd.figures(preferred=True)
    expected = sorted(fid for t in FIGURES for fid in ctd.load(t.name, preferred=True)["figure_id"])
    assert sorted(best["figure_id"]) == expected and len(expected) < len(ctd.figures())
    assert "deprecated" not in set(best["statement_rank"])


def test_some_tables_only(use_release):
    two = ctd.figures(tables=["law_figures", "hotline_counts"])
    assert set(two[TABLE_COLUMN]) == {"hotline_counts", "law_figures"}
    assert "sector" not in two.columns and {"law", "trafficking_type"} <= set(two.columns)
    assert set(ctd.figures(tables="law_figures")["figure_id"]) == set(ctd.load("law_figures")["figure_id"])


@pytest.mark.parametrize("call, error, message", [
    (lambda: ctd.figures(preferred="no"), TypeError, "preferred must be True or False, not 'no'"),
    (lambda: ctd.figures(with_sources=1), TypeError, "with_sources must be True or False, not 1"),
    (lambda: ctd.figures(tables=["hotline"]), KeyError, "did you mean 'hotline_counts'"),
    (lambda: ctd.figures(tables=["sources"]), ValueError, "'sources' is not a figure table; the figure tables are: "
                                                          "hotline_counts, victim_origins"),
    (lambda: ctd.figures(tables=[]), ValueError, "tables is empty"),
    (lambda: ctd.figures(tables=5), TypeError, "tables must be a list of figure table names"),
    (lambda: ctd.load("measures", with_sources=True), ValueError, "figure tables only, not to 'measures'"),
    (lambda: ctd.load("hotline_counts", with_sources="yes"), TypeError, "with_sources must be True or False"),
])
def test_arguments_are_checked_with_clear_errors(use_release, call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_with_sources_gives_what_a_merge_by_hand_gives(use_release):
    frame = ctd.load("victim_origins", with_sources=True)
    plain = ctd.load("victim_origins")
    by_hand = (plain.merge(ctd.sources(), how="left", left_on="source", right_on="source_id")
               .merge(ctd.load("measures"), how="left", left_on="measure", right_on="measure_id",
                      suffixes=("", "_of_measure")))
    assert frame["figure_id"].tolist() == plain["figure_id"].tolist()
    for b in MODEL.figure_kind.beside:
        for field, name in zip(b.fields, b.names):
            wanted = by_hand[field if b.table == "sources" or field not in plain.columns else f"{field}_of_measure"]
            got = frame[name]
            assert got.astype(object).where(got.notna(), None).tolist() == \
                wanted.astype(object).where(wanted.notna(), None).tolist(), name
    assert {"source_publisher", "source_title", "source_published", "source_url", "measure_unit",
            "measure_caveat"} <= set(frame.columns)


def test_attrs_document_every_column_and_survive_the_concat(use_release):
    for frame in (ctd.figures(with_sources=True), ctd.load("hotline_counts", with_sources=True)):
        assert [f["name"] for f in frame.attrs["schema"]["fields"]] == list(frame.columns)
        assert all(f.get("description") for f in frame.attrs["schema"]["fields"])
        assert {s["source_id"] for s in frame.attrs["sources"]} == set(frame["source"])
        assert frame.attrs["version"] == ctd.data_version
    caveat = next(f for f in ctd.figures(with_sources=True).attrs["schema"]["fields"] if f["name"] == "measure_caveat")
    assert caveat["description"].startswith("`measures.caveat` of the row `measure` names:")
