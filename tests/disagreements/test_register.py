"""The register on the real package: the conflicts a reader of the article should be warned about."""
import pytest

from catraffick_data.releasetables import release_tables
from catraffick_data.validate import validate
from conftest import ROOT


@pytest.fixture(scope="module")
def release():
    result = validate(ROOT)
    assert result.ok
    return {table.name: frame for table, frame in release_tables(result)}


def found(release, kind):
    conflicts = release["conflicts"]
    return [set(f.split(";")) for f in conflicts[conflicts["kind"] == kind]["figures"]]


def test_rules_find_the_known_disagreements(release):
    values = found(release, "different_values")
    # one entry per disagreement: 790 against 1,656 (twice) and a misdated 1,305, California 2018
    assert {"hc-001", "hc-023", "hc-115", "hc-529"} in values
    assert not any({"hc-001", "hc-023"} < f for f in values if f != {"hc-001", "hc-023", "hc-115", "hc-529"})
    assert any({"hc-030", "hc-034"} <= f for f in values)  # 1,323 against 5,415 in 2016
    assert {"hc-507", "hc-512"} in values  # 982 against 979 in 2015: two hotline snapshots
    assert any({"rf-071", "tf-10"} <= f for f in found(release, "count_vs_list"))  # nine task forces, ten listed
    assert any({"rf-021", "rf-094"} <= f for f in found(release, "conflicting_periods"))  # 1993 against 1998


def test_a_law_is_not_flagged_for_keeping_a_figure_from_one_version_to_the_next(release):
    assert not any({"lf-019", "lf-025"} <= f for f in found(release, "conflicting_periods"))


def test_every_found_conflict_has_a_judgment_or_a_rank_that_settles_it(release):
    conflicts = release["conflicts"]
    unjudged = conflicts[conflicts["notes"].isna()]
    assert unjudged["conflict_id"].tolist() == []


def test_no_series_of_counts_raises_a_conflicting_period(release):
    # 11 minors rescued in 2020 and again in 2024 are two figures of a yearly series, not one misdated
    assert not any({"rf-580", "rf-625"} <= f or {"rf-523", "rf-544"} <= f for f in found(release, "conflicting_periods"))


def test_consistent_breakdowns_are_not_flagged(release):
    flagged = set().union(*found(release, "parts_vs_total"))
    assert not flagged & {"rf-067", "rf-068", "rf-069", "rf-070"}  # 122 + 283 + 94 = 499
    assert not flagged & {"hc-023", "hc-024", "hc-025", "hc-026", "hc-027"}  # 1,226 + 151 + 110 + 169 = 1,656
    assert not flagged & {"rf-051", "rf-052", "rf-053"}  # 45 + 11 is "more than 50"
    # San Francisco origins: selected origins only (not exhaustive), 376 of 499 do not exceed the total
    assert not flagged & {"vo-009", "vo-010", "vo-011", "vo-012", "vo-013", "rf-023"}
    assert not flagged & {"hc-105", "hc-106", "hc-107", "hc-108", "hc-109"}  # 5,551 + 1,057 + 696 + 268 = 7,572
    assert not flagged & {"hc-512", "hc-513", "hc-514", "hc-515", "hc-516"}  # 781 + 108 + 34 + 56 = 979
    assert not flagged & {"hc-529", "hc-530", "hc-531", "hc-532", "hc-533"}  # 1,226 + 151 + 110 + 169 = 1,656


def test_every_conflict_names_existing_rows_and_flags_them(release):
    conflicts = release["conflicts"]
    figures = {}
    for name, frame in release.items():
        if "in_conflict" in frame.columns:
            figures.update(dict(zip(frame["figure_id"], frame["conflict_ids"])))
            assert (frame["in_conflict"] == frame["conflict_ids"].notna()).all()
    for cid, rows in zip(conflicts["conflict_id"], conflicts["figures"]):
        for fid in rows.split(";"):
            if not fid.startswith("tf-"):
                assert cid in figures[fid].split(";")


def test_release_schemas_document_the_flag_columns(release):
    from catraffick_data.descriptor import table_schema
    from conftest import model

    schema, frame = table_schema(model().table("hotline_counts"), release=True), release["hotline_counts"]
    assert [f["name"] for f in schema["fields"]] == list(frame.columns)
    assert {"in_conflict", "conflict_ids"} <= set(frame.columns)
