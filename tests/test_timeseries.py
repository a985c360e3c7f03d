"""series(): one figure per year, the preferred one, from every figure table."""
import pytest

import catraffick_data as ctd


def test_the_hotlines_california_cases_form_a_series(built_release):
    s = ctd.series("hotline_cases", "us-ca", release=built_release)
    assert list(s["year"]) == sorted(set(s["year"])) and {2012, 2016, 2018} <= set(s["year"])
    assert not (s["statement_rank"] == "deprecated").any()
    assert s.loc[s["year"] == 2018, "figure_id"].tolist() == ["hc-023"]  # the preferred of 790 and 1,656
    assert set(s["period_end"].dt.year) == set(s["year"])  # one calendar year each


def test_dimensions_are_at_all_unless_asked(built_release):
    every = ctd.series("hotline_cases", "us-ca", release=built_release)
    sex = ctd.series("hotline_cases", "us-ca", trafficking_type="sex", release=built_release)
    assert set(sex["figure_id"]).isdisjoint(every["figure_id"]) and len(sex)


def test_two_year_reports_are_kept_when_asked(built_release):
    yearly = ctd.series("victims_assisted_by_task_force", "us-ca-orange-county", release=built_release)
    every = ctd.series("victims_assisted_by_task_force", "us-ca-orange-county", years_only=False, release=built_release)
    assert len(every) > len(yearly) and (every["period_end"].dt.year - every["period_start"].dt.year).max() == 1


def test_a_misspelt_measure_suggests_the_closest(built_release):
    with pytest.raises(ValueError, match="did you mean 'hotline_cases'"):
        ctd.series("hotline_case", release=built_release)


def test_a_place_with_no_yearly_figure_says_so_and_how_to_see_its_figures(built_release):
    """San Diego's hotline calls are counted over 2007-2016 (one figure): no calendar year, so no
    yearly series, and the error says years_only=False shows it."""
    every = ctd.series("hotline_calls", "us-ca-san-diego", years_only=False, release=built_release)
    assert len(every) == 1 and every["period_start"].dt.year.iloc[0] != every["period_end"].dt.year.iloc[0]
    with pytest.raises(ValueError, match=r"1 figure .*none of one calendar year \(1 of other periods\): "
                                         r"years_only=False keeps them"):
        ctd.series("hotline_calls", "us-ca-san-diego", release=built_release)


def test_a_measure_with_no_period_is_no_series(built_release):
    with pytest.raises(ValueError, match="none with a stated period"):
        ctd.series("underground_sex_economy_revenue", release=built_release)


def test_the_series_cites_the_sources_of_its_own_rows(built_release):
    s = ctd.series("hotline_cases", "us-ca", release=built_release)
    cited = {r["source_id"] for r in s.attrs["sources"]}
    assert cited == set(s["source"]) and s.attrs["version"]
    # each column is described as its figure table describes it (year and table are the series' own)
    table = {f["name"]: f for f in ctd.load("hotline_counts", release=built_release).attrs["schema"]["fields"]}
    described = {f["name"]: f for f in s.attrs["schema"]["fields"]}
    assert {n: described[n] for n in described if n not in ("year", "table")} == {n: table[n] for n in s.columns
                                                                                 if n not in ("year", "table")}
    assert described["year"]["type"] == "integer" and described["value"]["type"] == "number"
