"""load(): typed frames of any release folder, with metadata."""
import pytest

from catraffick_data.loading import load


def test_load_reads_the_release_it_is_given(built_release):
    frame = load("measures", release=built_release)
    assert len(frame) > 10 and frame.attrs["name"] == "measures" and frame.attrs["sources"] == []


def test_preferred_applies_to_figure_tables_only(built_release):
    with pytest.raises(ValueError, match="figure tables only, not to 'measures'"):
        load("measures", preferred=True, release=built_release)
    with pytest.raises(TypeError):
        load("hotline_counts", preferred=1, release=built_release)


def test_attrs_name_the_sources_the_rows_cite(built_release):
    frame = load("victim_origins", release=built_release)
    assert {s["source_id"] for s in frame.attrs["sources"]} == set(frame["source"])
