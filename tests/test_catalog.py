"""What a release knows about its tables, answered without pandas."""
import pytest

from catraffick_data import catalog


def test_tables_describe_and_keys_come_from_the_release(built_release):
    assert "hotline_counts" in catalog.tables(built_release)
    doc = catalog.describe("sector_shares", release=built_release)
    assert doc.statement_key[-2:] == ["sector", "share_kind"] and doc.primary_key == ["figure_id"]
    assert "| `figure_id` |" in doc._repr_markdown_() and "agree on" in doc._repr_markdown_()


def test_a_string_primary_key_is_a_key_of_one_column(built_release):
    from catraffick_data.model import as_list

    assert as_list("figure_id") == ["figure_id"] and as_list(["a", "b"]) == ["a", "b"] and as_list(None) == []


def test_an_unknown_name_suggests_the_closest(built_release):
    with pytest.raises(catalog.UnknownTableError, match="did you mean 'victim_origins'"):
        catalog.resource("victims_origins", built_release)


def test_a_folder_without_a_release_says_how_to_make_one(tmp_path):
    with pytest.raises(FileNotFoundError, match="catraffick build --out DIR"):
        catalog.descriptor(tmp_path)
