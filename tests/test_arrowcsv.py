import pandas as pd
import pytest

from catraffick_data import arrowcsv, csvfile
from catraffick_data.arrowcsv import read_well_formed
from catraffick_data.rawpackage import open_package
from conftest import ROOT

FIELDS = ["id", "value", "note"]


def write(tmp_path, data: bytes):
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", list(open_package(ROOT).tables))
def test_fast_and_careful_readers_agree_on_every_raw_table(name, monkeypatch):
    package = open_package(ROOT)
    spec = package.tables[name]
    fast = read_well_formed(package.file(spec), spec.field_names)
    assert fast is not None, "a raw table is well formed and should take the fast path"
    monkeypatch.setattr(csvfile, "read_well_formed", lambda path, expected, prefetched=None: None)
    careful, problems = csvfile.read_csv_table(package.file(spec), name, spec.field_names)
    assert problems == []
    pd.testing.assert_frame_equal(fast[0], careful.frame)
    assert fast[1].tolist() == careful.lines.tolist()


def test_well_formed_crlf_and_bom(tmp_path):
    frame, lines = read_well_formed(write(tmp_path, b"\xef\xbb\xbfid,value,note\r\na,1,\r\nb,,\"x, y\"\r\n"), FIELDS)
    assert frame["note"].isna().tolist() == [True, False] and frame["note"].iat[1] == "x, y"
    assert lines.tolist() == [2, 3]


@pytest.mark.parametrize("data", [
    b"id,value,note\na,1,x\n\nb,2,y\n",          # blank line
    b"id,value,note\na,1,\"two\nlines\"\n",       # a cell over two lines
    b"id,value,note\ra,1,x\rb,2,y\r",             # CR-only line ends
    b"id,value,note\na,1,x\rmore\n",              # a lone CR
    b"id,value,note\na,1\x00,x\n",                # NUL
    b"id,value,note\na,1,x,extra\n",              # ragged
    b"id,value,note\na,1,caf\xe9\n",              # Latin-1
    b"id,note,value\na,x,1\n",                    # reordered header
])
def test_anything_irregular_goes_to_the_careful_reader(tmp_path, data):
    assert read_well_formed(write(tmp_path, data), FIELDS) is None


def test_crlf_split_across_chunks_is_still_crlf(tmp_path, monkeypatch):
    data = b"id,value,note\r\na,1,x\r\nb,2,y\r\n"
    monkeypatch.setattr(arrowcsv, "CHUNK", 21)  # the first row's \r\n straddles the first boundary
    assert data[20:22] == b"\r\n"
    assert read_well_formed(write(tmp_path, data), FIELDS)[1].tolist() == [2, 3]


@pytest.mark.parametrize("data", [b"id,value,note\r\na,1,x\rb\n", b"id,value,note\r\na,1,x\r"])
def test_a_lone_cr_at_a_chunk_boundary_or_at_the_end_is_found(tmp_path, monkeypatch, data):
    monkeypatch.setattr(arrowcsv, "CHUNK", 21)  # the lone CR is the last byte of the first chunk
    assert data[20:21] == b"\r"
    assert arrowcsv._line_count(write(tmp_path, data)) is None


def test_lines_are_counted_across_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(arrowcsv, "CHUNK", 7)
    assert arrowcsv._line_count(write(tmp_path, b"id,value,note\na,1,x\nb,2,y\n")) == 3
    assert arrowcsv._line_count(write(tmp_path, b"id,value,note\na,1,x\nb,2,y")) == 3
