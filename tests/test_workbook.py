"""The workbook, read back with openpyxl: every cell has its column's type and the CSV's value, codes and
written numbers are text, nothing is a formula, and the first sheet says what the data are and are not."""
import datetime as dt
import json
import zipfile

import pandas as pd
import pytest

from catraffick_data import aboutdata
from catraffick_data.workbook import WORKBOOK_NAME, write_workbook
from conftest import model

openpyxl = pytest.importorskip("openpyxl", reason="install openpyxl: pip install -e '.[test]'")
MODEL = model()
CELL_TYPE = {"string": "s", "number": "n", "integer": "n", "date": "d", "boolean": "s"}


@pytest.fixture(scope="module")
def book(built_release):
    return openpyxl.load_workbook(built_release / WORKBOOK_NAME)


def as_csv_text(value, kind: str) -> str:
    """A cell as the release CSV writes it."""
    if value is None:
        return ""
    if kind == "date":
        return value.date().isoformat()
    if kind in ("number", "integer"):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return value


def test_sheets_are_about_columns_then_every_table(book):
    assert book.sheetnames == ["About", "Columns", *(t.name for t in MODEL.tables)]
    assert book.active.title == "About"


def test_every_cell_has_its_column_s_type_and_the_csv_s_value(book, built_release):
    descriptor = json.loads((built_release / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        sheet = book[resource["name"]]
        fields = resource["schema"]["fields"]
        csv = pd.read_csv(built_release / resource["path"], dtype=str, keep_default_na=False)
        rows = list(sheet.iter_rows())
        assert [c.value for c in rows[0]] == [f["name"] for f in fields]
        assert len(rows) - 1 == len(csv), resource["name"]
        for r, row in enumerate(rows[1:]):
            for f, cell in zip(fields, row):
                expected = csv.at[r, f["name"]]
                if expected == "":
                    assert cell.value is None, (resource["name"], r, f["name"])
                    continue
                assert cell.data_type == CELL_TYPE[f["type"]], (resource["name"], f["name"], cell.data_type)
                assert as_csv_text(cell.value, f["type"]) == expected, (resource["name"], r, f["name"])
                if f["type"] == "date":
                    assert cell.number_format == "yyyy-mm-dd"


def test_codes_and_written_numbers_are_text(book):
    fips = [c.value for (c,) in book["geographies"].iter_rows(min_row=2, min_col=5, max_col=5) if c.value]
    assert "06037" in fips and all(isinstance(v, str) for v in fips)
    header = [c.value for c in book["hotline_counts"][1]]
    written = [row[header.index("value_text")] for row in book["hotline_counts"].iter_rows(min_row=2, values_only=True)]
    assert any(w and w.endswith("%") for w in written) and all(w is None or isinstance(w, str) for w in written)


def test_headers_are_frozen_and_columns_sized(book):
    for table in MODEL.tables:
        sheet = book[table.name]
        assert sheet.freeze_panes == "A2", table.name
        widths = [sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
                  for i in range(sheet.max_column)]
        assert all(8 <= w <= 62 for w in widths), (table.name, widths)
        assert sheet.auto_filter.ref


def test_no_cell_anywhere_is_a_formula(built_release):
    with zipfile.ZipFile(built_release / WORKBOOK_NAME) as xlsx:
        sheets = [n for n in xlsx.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == len(MODEL.tables) + 2
        assert not any(b"<f>" in xlsx.read(n) or b"<f " in xlsx.read(n) for n in sheets)


def test_text_that_looks_like_a_formula_or_a_number_stays_text(built_release, tmp_path):
    """What validation keeps out of the data, the writer still never turns into a formula or a number."""
    table = MODEL.table("geographies")
    frame = pd.read_csv(built_release / "data" / "geographies.csv", dtype=str, keep_default_na=False).replace("", None)
    frame.loc[0, "notes"], frame.loc[1, "notes"], frame.loc[2, "notes"] = "=1+1", "0.50", "https://example.org"
    path = tmp_path / "book.xlsx"
    write_workbook(path, [(table, frame)], MODEL)
    sheet = openpyxl.load_workbook(path)["geographies"]
    notes = [c for (c,) in sheet.iter_rows(min_row=2, max_row=4, min_col=7, max_col=7)]
    assert [(c.data_type, c.value) for c in notes] == [("s", "=1+1"), ("s", "0.50"), ("s", "https://example.org")]


def test_the_first_sheet_says_what_the_data_are_and_are_not(book):
    text = "\n".join(str(v) for row in book["About"].iter_rows(values_only=True) for v in row if v)
    for statement in (*aboutdata.ARE, *aboutdata.ARE_NOT):
        assert statement in text
    assert f"Version\n{MODEL.version}" in text
    assert "Creative Commons Attribution-ShareAlike 4.0" in text
    assert f"How to cite\n{aboutdata.citation(MODEL)}" in text
    for table in MODEL.tables:
        assert f"{table.name} (" in text


def test_the_columns_sheet_documents_every_column(book):
    rows = list(book["Columns"].iter_rows(min_row=2, values_only=True))
    documented = [(r[0], r[1]) for r in rows]
    assert documented == [(t.name, f.name) for t in MODEL.tables for f in t.release_columns]
    assert all(r[4] for r in rows)  # every column has its meaning


def test_document_properties_carry_no_build_time(book):
    assert book.properties.created == dt.datetime.fromisoformat(MODEL.package["released"])
