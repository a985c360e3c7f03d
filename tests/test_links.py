"""Link tables: figure_conflicts holds the pairs the `;`-joined columns hold, one row each."""
import pandas as pd

import catraffick_data as ctd
from catraffick_data.links import link_frame
from conftest import ROOT, model

MODEL = model()
LINK = MODEL.of_kind("link")[0]


def pairs_of(frame: pd.DataFrame, id_column: str, joined: str) -> set[tuple[str, str]]:
    return {(i, item) for i, text in zip(frame[id_column], frame[joined]) if isinstance(text, str)
            for item in text.split(";")}


def test_one_row_per_figure_and_conflict_in_the_order_of_the_tables():
    frames = {t.name: pd.DataFrame({"figure_id": [f"{t.prefix}-001", f"{t.prefix}-002"],
                                    "conflict_ids": ["cf-00000001;cc-001", None]}) for t in MODEL.figure_tables}
    link = link_frame(LINK, MODEL, frames)
    first = MODEL.figure_tables[0]
    assert list(link.columns) == ["figure_id", "conflict_id", "figure_table"]
    assert link.head(2).values.tolist() == [[f"{first.prefix}-001", "cf-00000001", first.name],
                                            [f"{first.prefix}-001", "cc-001", first.name]]
    assert len(link) == 2 * len(MODEL.figure_tables) and link["figure_table"].tolist()[-1] == MODEL.figure_tables[-1].name


def test_no_conflict_gives_an_empty_table_with_its_columns():
    frames = {t.name: pd.DataFrame({"figure_id": [f"{t.prefix}-001"], "conflict_ids": [None]})
              for t in MODEL.figure_tables}
    link = link_frame(LINK, MODEL, frames)
    assert link.empty and list(link.columns) == LINK.field_names


def test_the_release_link_holds_the_pairs_of_both_joined_columns(use_release):
    link = ctd.load("figure_conflicts")
    pairs = set(zip(link["figure_id"], link["conflict_id"]))
    assert len(pairs) == len(link) > 0
    from_figures = set()
    for table in MODEL.figure_tables:
        frame = ctd.load(table.name)
        from_figures |= pairs_of(frame, "figure_id", "conflict_ids")
        mine = link[link["figure_table"] == table.name]
        assert set(mine["figure_id"]) <= set(frame["figure_id"]), table.name
    assert pairs == from_figures
    # the register names the same figures; what it names besides are listed items, not figures
    register = {(fid, cid) for cid, fid in pairs_of(ctd.conflicts(), "conflict_id", "figures")}
    assert pairs <= register
    listed = {i for t in MODEL.of_kind("listed") for i in ctd.load(t.name)[t.primary_key[0]]}
    assert {fid for fid, _ in register - pairs} <= listed and register - pairs


def test_describe_and_the_codebook_cover_the_link(use_release):
    doc = ctd.describe("figure_conflicts")
    assert doc.primary_key == ["figure_id", "conflict_id"] and [c.name for c in doc.columns] == LINK.field_names
    codebook = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert "## `figure_conflicts`: Figures in conflicts" in codebook
    assert "built by `catraffick build` from the `conflict_ids` column of every figure table" in codebook
    assert "to join, use the `figure_conflicts` table" in str(ctd.describe("conflicts"))
