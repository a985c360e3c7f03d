import pandas as pd

from catraffick_data.csvfile import read_csv_table

FIELDS = ["id", "value", "note"]


def read(tmp_path, data: bytes, fields=FIELDS):
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    return read_csv_table(path, "t.csv", fields)


def rules(problems):
    return [(p.rule, p.line) for p in problems]


def test_lines_stay_physical_after_quoted_newlines_and_blank_lines(tmp_path):
    data = b'id,value,note\na,1,"two\nlines"\n\nb,2,x\n"c",3,"three\n\nlines"\nd,4,y\n'
    table, problems = read(tmp_path, data)
    assert list(table.frame["id"]) == ["a", "b", "c", "d"]
    assert list(table.lines) == [2, 5, 6, 9]
    assert rules(problems) == [("blank-line", 4)]


def test_crlf_and_byte_order_mark_are_accepted(tmp_path):
    table, problems = read(tmp_path, b"\xef\xbb\xbfid,value,note\r\na,1,x\r\nb,2,y\r\n")
    assert problems == []
    assert list(table.frame.columns) == FIELDS
    assert list(table.lines) == [2, 3]


def test_latin1_bytes_are_located(tmp_path):
    table, problems = read(tmp_path, "id,value,note\na,1,ok\nb,2,caf\u00e9\n".encode("latin-1"))
    assert rules(problems) == [("encoding", 3)]
    assert table is not None and len(table.frame) == 2


def test_nul_bytes_are_located(tmp_path):
    _, problems = read(tmp_path, b"id,value,note\na,1,x\nb,2\x00,y\n")
    assert rules(problems) == [("nul-byte", 3)]


def test_empty_file(tmp_path):
    table, problems = read(tmp_path, b"\n  \n")
    assert table is None and rules(problems) == [("empty-file", 1)]


def test_header_only_is_a_table_without_rows(tmp_path):
    table, problems = read(tmp_path, b"id,value,note\n")
    assert problems == [] and len(table.frame) == 0


def test_ragged_rows_are_reported_and_padded(tmp_path):
    table, problems = read(tmp_path, b"id,value,note\na,1,x,EXTRA\nb,2\n")
    assert rules(problems) == [("extra-cell", 2), ("missing-cell", 3)]
    assert problems[0].value == "EXTRA" and problems[0].column == 4
    assert table.frame["note"].iat[0] == "x" and pd.isna(table.frame["note"].iat[1])
    assert (1, "note") in table.reported


def test_header_differences_are_named(tmp_path):
    _, problems = read(tmp_path, b"id,valeu,note,extra\na,1,x,y\n")
    found = {(p.rule, p.field, p.column) for p in problems}
    assert found == {("header-renamed-column", "valeu", 2), ("header-extra-column", "extra", 4)}
    _, problems = read(tmp_path, b"id,note\na,x\n")
    assert {(p.rule, p.field) for p in problems} == {("header-missing-column", "value")}


def test_reordered_columns_are_read_by_name_and_reported(tmp_path):
    table, problems = read(tmp_path, b"value,id,note\n1,a,x\n")
    assert rules(problems) == [("header-order", 1)]
    assert table.frame["id"].tolist() == ["a"] and table.positions["id"] == 2


def test_wrong_delimiter_gets_a_hint(tmp_path):
    _, problems = read(tmp_path, b"id;value;note\na;1;x\n")
    assert problems[0].rule == "delimiter" and "semicolons" in problems[0].message


def test_na_text_stays_text(tmp_path):
    table, _ = read(tmp_path, b"id,value,note\nNA,1,null\n")
    assert table.frame["id"].tolist() == ["NA"] and table.frame["note"].tolist() == ["null"]
