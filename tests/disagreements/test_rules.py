"""Each rule fires on the disagreement it is for, and stays quiet on rounding, other subgroups and
breakdowns the source does not call exhaustive."""
import math

import pandas as pd

from catraffick_data.disagreements.figures import interval
from catraffick_data.disagreements.base import RuleInput
from catraffick_data.disagreements.rules import conflicting_denominators, conflicting_periods, count_vs_list, parts_vs_total
from catraffick_data.disagreements.statements import same_statement

NAN = math.nan


def fig(fid, value=NAN, text=None, qualifier="exact", source="a", subgroup="all", measure="m", geography="us-ca",
        year=2018, unit="count", low=NAN, high=NAN, breakdown=None, dims="", rank="normal", basis="stated"):
    text = text if text is not None else (f"{value:,g}" if not math.isnan(value) else f"{low:g} and {high:g}")
    start = pd.Timestamp(f"{year}-01-01") if year else pd.NaT
    end = pd.Timestamp(f"{year}-12-31") if year else pd.NaT
    return dict(table="t", figure_id=fid, measure=measure, geography=geography, period_start=start, period_end=end,
                subgroup=subgroup, value=value, low=low, high=high, qualifier=qualifier, unit=unit, value_text=text,
                value_basis=basis, breakdown=breakdown, source=source, statement_rank=rank, rank_reason=None, dims=dims)


def frame(*rows):
    df = pd.DataFrame(list(rows))
    df["interval"] = [interval(r) for r in df.itertuples(index=False)]
    return df


def ids(conflicts):
    return [sorted(c.figures) for c in conflicts]


def same_key_different_values(data):
    return [c for c in same_statement(data) if c.found_by == "same_key_different_values"]


def incompatible_bounds(data):
    return [c for c in same_statement(data) if c.found_by == "incompatible_bounds"]


# rule 1
def test_different_values_from_different_sources_fire():
    found = same_key_different_values(RuleInput(frame(fig("hc-1", 790.0), fig("hc-2", 1656.0, source="b"))))
    assert ids(found) == [["hc-1", "hc-2"]] and found[0].magnitude == 866


def test_rounding_within_tolerance_does_not_fire():
    rows = frame(fig("x-1", 31.0, "31%", unit="percent"), fig("x-2", 30.9, "30.9%", unit="percent", source="b"))
    assert same_key_different_values(RuleInput(rows)) == []
    rows = frame(fig("x-1", 31.0, "31%", unit="percent"), fig("x-2", 30.4, "30.4%", unit="percent", source="b"))
    assert ids(same_key_different_values(RuleInput(rows))) == [["x-1", "x-2"]]


def test_different_subgroups_periods_or_same_source_do_not_fire():
    rows = frame(fig("a-1", 790.0), fig("a-2", 226.0, source="b", subgroup="minors"),
                 fig("a-3", 1305.0, source="b", year=2017), fig("a-4", 800.0))
    assert same_key_different_values(RuleInput(rows)) == []


def test_about_stretches_the_tolerance():
    rows = frame(fig("g-1", 110.0, qualifier="about"), fig("g-2", 115.0, source="b"))
    assert same_key_different_values(RuleInput(rows)) == []


# rule 4
def test_ranges_that_do_not_meet_fire_and_touching_ones_do_not():
    rows = frame(fig("r-1", low=3417.0, high=8108.0, qualifier="range", text="3,417 and 8,108"),
                 fig("r-2", low=8830.0, high=11773.0, qualifier="range", text="8,830-11,773", source="b"))
    found = incompatible_bounds(RuleInput(rows))
    assert ids(found) == [["r-1", "r-2"]] and found[0].magnitude == 721
    rows = frame(fig("r-1", low=3417.0, high=8108.0, qualifier="range", text="3,417 and 8,108"),
                 fig("r-3", 8000.0, qualifier="at_least", low=8000.0, source="b"))
    assert incompatible_bounds(RuleInput(rows)) == []


def test_more_than_excludes_an_exact_count_but_not_a_rounded_share():
    rows = frame(fig("p-1", 500.0), fig("p-2", 500.0, qualifier="more_than", low=500.0, source="b"))
    assert ids(incompatible_bounds(RuleInput(rows))) == [["p-1", "p-2"]]
    rows = frame(fig("p-1", 47.0, "47%", unit="percent"),
                 fig("p-2", 47.0, "47%", qualifier="more_than", low=47.0, unit="percent", source="b"))
    assert incompatible_bounds(RuleInput(rows)) == []  # "47%" may stand for 47.4%
    rows = frame(fig("p-1", 20000.0, qualifier="up_to", high=20000.0), fig("p-2", 25000.0, source="b"))
    assert ids(incompatible_bounds(RuleInput(rows))) == [["p-1", "p-2"]]


def test_exact_counts_one_apart_differ():
    rows = frame(fig("h-1", 1305.0), fig("h-2", 1304.0, source="b"))
    found = same_key_different_values(RuleInput(rows))
    assert ids(found) == [["h-1", "h-2"]] and found[0].magnitude == 1


# rule 2
def breakdowns(*rows):
    return pd.DataFrame([dict(breakdown_id=b, total_figure=t, dimension="age", exhaustive=e, items_table=None)
                         for b, t, e in rows])


def test_exhaustive_parts_must_add_up_to_their_total():
    rows = frame(fig("t-0", 499.0), fig("t-1", 122.0, breakdown="b"), fig("t-2", 283.0, breakdown="b"),
                 fig("t-3", 94.0, breakdown="b"))
    assert parts_vs_total(RuleInput(rows, breakdowns(("b", "t-0", True)))) == []
    rows.loc[rows["figure_id"] == "t-3", "value"] = 50.0
    rows["interval"] = [interval(r) for r in rows.itertuples(index=False)]
    found = parts_vs_total(RuleInput(rows, breakdowns(("b", "t-0", True))))
    assert ids(found) == [["t-0", "t-1", "t-2", "t-3"]] and found[0].magnitude == 44
    assert "122 + 283 + 50 = 455" in found[0].description


def test_partial_breakdowns_only_fire_when_parts_exceed_the_total():
    rows = frame(fig("t-0", 499.0), fig("t-1", 117.0, breakdown="b"), fig("t-2", 198.0, breakdown="b"))
    assert parts_vs_total(RuleInput(rows, breakdowns(("b", "t-0", False)))) == []
    rows = frame(fig("t-0", 100.0), fig("t-1", 60.0, breakdown="b"), fig("t-2", 50.0, breakdown="b"))
    assert len(parts_vs_total(RuleInput(rows, breakdowns(("b", "t-0", False))))) == 1


def test_shares_rounded_to_whole_percents_may_add_to_99():
    shares = [fig(f"s-{i}", v, f"{v:g}%", unit="percent", breakdown="c") for i, v in enumerate([36.0, 21.0, 42.0])]
    assert parts_vs_total(RuleInput(frame(*shares), breakdowns(("c", None, True)))) == []
    shares = [fig(f"s-{i}", v, f"{v:g}%", unit="percent", breakdown="c") for i, v in enumerate([36.0, 21.0, 40.0])]
    assert len(parts_vs_total(RuleInput(frame(*shares), breakdowns(("c", None, True))))) == 1


def test_more_than_total_accepts_a_larger_sum():
    rows = frame(fig("o-0", 50.0, qualifier="more_than", low=50.0), fig("o-1", 45.0, breakdown="d"),
                 fig("o-2", 11.0, breakdown="d"))
    assert parts_vs_total(RuleInput(rows, breakdowns(("d", "o-0", True)))) == []


# rule 3
def test_stated_count_against_listed_items():
    rows = frame(fig("rf-1", 9.0, "nine"))
    b = pd.DataFrame([dict(breakdown_id="l", total_figure="rf-1", dimension="task_force", exhaustive=True,
                           items_table="task_forces")])
    listed = {"task_forces": [f"tf-{i:02d}" for i in range(1, 11)]}
    found = count_vs_list(RuleInput(rows, b, listed))
    assert len(found) == 1 and found[0].magnitude == 1 and "tf-10" in found[0].figures
    listed = {"task_forces": [f"tf-{i:02d}" for i in range(1, 10)]}
    assert count_vs_list(RuleInput(rows, b, listed)) == []
    b.loc[0, "exhaustive"] = False
    listed = {"task_forces": ["tf-01", "tf-02"]}
    assert count_vs_list(RuleInput(rows, b, listed)) == []


# rule 5
def test_same_figure_with_another_period_from_another_source():
    rows = frame(fig("v-1", 136.0, year=None), fig("v-2", 136.0, source="b"))
    assert conflicting_periods(RuleInput(rows)) == []  # an unstated period contradicts nothing
    a = fig("v-1", 136.0, year=1993)
    b = fig("v-2", 136.0, source="b", year=1998)
    c = fig("v-3", 500.0, year=1993, measure="n")
    d = fig("v-4", 500.0, source="b", year=1998, measure="n")
    found = conflicting_periods(RuleInput(frame(a, b, c, d)))
    assert ids(found) == [["v-1", "v-2", "v-3", "v-4"]] and found[0].magnitude == 5


def test_one_number_whose_intervals_do_not_meet_is_not_one_figure():
    # "nearly 500" (450-500) and "more than 500": the same value written, not the same figure
    rows = frame(fig("n-1", 500.0, qualifier="nearly", year=2018),
                 fig("n-2", 500.0, qualifier="more_than", low=500.0, source="b", year=2019))
    assert conflicting_periods(RuleInput(rows)) == []


def test_a_series_is_compared_only_across_touching_periods():
    series = [fig("s-1", 11.0, year=2020), fig("s-2", 9.0, year=2022, source="c"), fig("s-3", 11.0, year=2024, source="b")]
    assert conflicting_periods(RuleInput(frame(*series))) == []  # 2020 and 2024: two figures of a series
    misdated = [*series, fig("s-4", 9.0, year=2023, source="d")]  # 2022 and 2023 touch: "last year" misread?
    assert ids(conflicting_periods(RuleInput(frame(*misdated)))) == [["s-2", "s-4"]]
    lone = frame(fig("e-1", 1e6, year=2006), fig("e-2", 1e6, year=2016, source="b"))  # no series: one figure, two dates
    assert ids(conflicting_periods(RuleInput(lone))) == [["e-1", "e-2"]]


def law(fid, value, start, end, source="a"):
    row = fig(fid, value, unit="years", source=source, year=None)
    return dict(row, table="laws", period_start=pd.Timestamp(start), period_end=pd.Timestamp(end))


def test_a_law_is_compared_within_the_time_it_is_in_force():
    rows = frame(law("l-1", 5.0, "2006-01-01", "2012-11-06"), law("l-2", 12.0, "2012-11-07", "2025-02-20", "b"),
                 law("l-3", 8.0, "2013-01-01", "2014-12-31", "c"))
    found = same_key_different_values(RuleInput(rows, in_force={"laws"}))
    assert ids(found) == [["l-2", "l-3"]]  # l-1 held before; l-2 and l-3 overlap and disagree
    assert "in force 2012-11-07 to 2025-02-20" in found[0].description
    kept = frame(law("k-1", 18.0, "2006-01-01", "2012-11-06"), law("k-2", 18.0, "2012-11-07", "2020-02-06", "b"))
    assert conflicting_periods(RuleInput(kept, in_force={"laws"})) == []  # a figure kept by the next law
    assert len(conflicting_periods(RuleInput(kept))) == 1  # read as periods covered, it would be a misdating


def test_one_entry_per_statement_with_every_competing_value():
    rows = frame(fig("q-1", 705.0), fig("q-2", 1304.0, source="b"), fig("q-3", 1305.0, source="c"),
                 fig("q-4", 1305.0, source="d"))
    found = same_statement(RuleInput(rows))
    assert ids(found) == [["q-1", "q-2", "q-3", "q-4"]] and found[0].magnitude == 600
    assert "705 (q-1) from a; 1,304 (q-2) from b; 1,305 (q-3) from c; 1,305 (q-4) from d" in found[0].description


def test_same_figure_from_one_source_for_two_years_is_not_a_conflict():
    rows = frame(fig("w-1", 12.0, year=2015), fig("w-2", 12.0, year=2016))
    assert conflicting_periods(RuleInput(rows)) == []


def test_one_share_for_two_places():
    rows = frame(fig("o-1", 72.0, "72%", unit="percent"), fig("o-2", 72.0, "72%", unit="percent",
                                                             geography="us-ca-orange-county"))
    assert ids(conflicting_denominators(RuleInput(rows))) == [["o-1", "o-2"]]
    counts = frame(fig("o-1", 72.0), fig("o-2", 72.0, geography="us-ca-orange-county"))
    assert conflicting_denominators(RuleInput(counts)) == []
    other_subgroup = frame(fig("o-1", 72.0, "72%", unit="percent"),
                           fig("o-2", 72.0, "72%", unit="percent", geography="x", subgroup="minors"))
    assert conflicting_denominators(RuleInput(other_subgroup)) == []


def test_conflict_ids_are_stable_and_name_the_rule():
    one = same_key_different_values(RuleInput(frame(fig("hc-1", 790.0), fig("hc-2", 1656.0, source="b"))))[0]
    two = same_key_different_values(RuleInput(frame(fig("hc-2", 1656.0, source="b"), fig("hc-1", 790.0))))[0]
    assert one.conflict_id == two.conflict_id and one.conflict_id.startswith("cf-")
