"""The release as one spreadsheet workbook (.xlsx): a first sheet saying what the data are and are not,
a sheet of every column's meaning, then one sheet per table.

Opening a CSV in a spreadsheet loses data: FIPS `06037` becomes 6037, the written number `76.3%` becomes
0.763. Here every cell is written with the type its column's schema gives: a string column as text
(codes and numbers as written stay as they are, and no text can become a formula), a number as a
number, a date as a date (shown yyyy-mm-dd); a missing value is an empty cell. A boolean is the text
`true` or `false`, as in the CSV files: LibreOffice opens a spreadsheet boolean as the formula =TRUE().

XlsxWriter writes it: it writes each cell with the explicit type asked for, and gives the same bytes for
the same input once the document's creation time is fixed (its zip members carry a fixed 1980 date).
"""
from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import xlsxwriter

from . import aboutdata
from .cells import csv_text, plain
from .model import Model, Table

WORKBOOK_NAME = "catraffick-data.xlsx"
FILES = [(WORKBOOK_NAME, "every table as a sheet of one workbook, codes and written numbers kept as text, "
                         "with a first sheet on what the data are and are not")]
ABOUT, COLUMNS = "About", "Columns"
MAX_WIDTH, MIN_WIDTH = 60, 8
EXCEL_MAX_SHEET_NAME = 31
ABOUT_WIDTH, MEANING_WIDTH, LINE_HEIGHT = 110, 90, 15


def _released(model: Model) -> dt.datetime:
    day = dt.date.fromisoformat(model.package["released"])
    return dt.datetime(day.year, day.month, day.day)


def _width(texts) -> float:
    longest = max((len(t) for t in texts), default=0)
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))


def _write_cell(sheet, row: int, col: int, field, value, formats) -> str:
    """Write one cell by its column's type; return it as text, to size the column."""
    if plain(value) is None:
        return ""
    if field.type == "date":
        day = pd.Timestamp(value)
        sheet.write_datetime(row, col, day.to_pydatetime(), formats["date"])
        return "yyyy-mm-dd"
    if field.type == "boolean":
        text = csv_text(bool(value))  # as the CSV writes it
        sheet.write_string(row, col, text)
        return text
    if field.type in ("number", "integer"):
        number = int(value) if field.type == "integer" else float(value)
        sheet.write_number(row, col, number)
        return csv_text(number)
    text = str(value)
    sheet.write_string(row, col, text)
    return text


def _table_sheet(book, table: Table, frame: pd.DataFrame, formats) -> None:
    fields = table.release_columns
    sheet = book.add_worksheet(table.name)
    widths = [[f.name] for f in fields]
    for col, f in enumerate(fields):
        sheet.write_string(0, col, f.name, formats["header"])
    columns = [frame[f.name].tolist() for f in fields]  # Python values; missing as None, nan, NaT or NA
    for row, values in enumerate(zip(*columns), start=1):
        for col, (f, value) in enumerate(zip(fields, values)):
            widths[col].append(_write_cell(sheet, row, col, f, value, formats))
    for col, texts in enumerate(widths):
        sheet.set_column(col, col, _width(texts))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(frame), len(fields) - 1)


def _height(text: str, width: int) -> float:
    """The height of a row whose cell wraps `text` in a column `width` characters wide: spreadsheets do
    not grow a row for wrapped text they are given, so lines would overlap."""
    return LINE_HEIGHT * max(1, math.ceil(len(text) / (width * 0.9)))


def _lines(sheet, rows: list[tuple[str, str]], formats) -> None:
    for row, (label, text) in enumerate(rows):
        if label:
            sheet.write_string(row, 0, label, formats["header"])
        if text:
            sheet.write_string(row, 1, text, formats["wrap"])
            sheet.set_row(row, _height(text, ABOUT_WIDTH))


def _about_sheet(book, model: Model, tables, formats) -> None:
    sheet = book.add_worksheet(ABOUT)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 1, ABOUT_WIDTH)
    rows = [("Title", aboutdata.title(model)), ("Version", model.version), ("Released", model.package["released"]),
            ("", model.package.get("description", "")), ("", "")]
    rows += [("What the data are" if i == 0 else "", s) for i, s in enumerate(aboutdata.ARE)]
    rows += [("What they are not" if i == 0 else "", s) for i, s in enumerate(aboutdata.ARE_NOT)]
    rows += [("Reading the sheets" if i == 0 else "", s) for i, s in enumerate(
        ["Codes (FIPS, ISO 3166), identifiers and numbers as written (value_text) are text cells; values are "
         "numbers; dates are dates; true/false columns hold the text true or false, as in the CSV files.", *aboutdata.CONVENTIONS,
         f"The sheet {COLUMNS} says what every column means; measures.caveat says what a measure is not."])]
    licences = [lic.get("title", lic["name"]) + (f" ({lic['path']})" if lic.get("path") else "")
                for lic in model.package.get("licenses", ())]
    rows += [("", ""), ("Licence", "; ".join(licences)), ("How to cite", aboutdata.citation(model)), ("", "")]
    rows += [("Sheets" if i == 0 else "", f"{t.name} ({len(frame)} rows): one row is {t.row or t.title}.")
             for i, (t, frame) in enumerate(tables)]
    _lines(sheet, rows, formats)
    sheet.activate()


def _columns_sheet(book, tables, formats) -> None:
    sheet = book.add_worksheet(COLUMNS)
    head = ["table", "column", "type", "required", "meaning", "allowed values"]
    for col, name in enumerate(head):
        sheet.write_string(0, col, name, formats["header"])
    row = 1
    for table, _ in tables:
        for f in table.release_columns:
            cells = [table.name, f.name, f.type, "yes" if f.required or f.name in table.primary_key else "",
                     f.description, ", ".join(f.enum or ())]
            for col, text in enumerate(cells):
                if text:
                    sheet.write_string(row, col, text, formats["wrap"] if col >= 4 else None)
            sheet.set_row(row, max(_height(f.description, MEANING_WIDTH), _height(cells[5], 40)))
            row += 1
    for col, width in enumerate((18, 22, 9, 9, MEANING_WIDTH, 40)):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)


def write_workbook(path: Path, tables: list[tuple[Table, pd.DataFrame]], model: Model) -> None:
    names = [ABOUT, COLUMNS, *(t.name for t, _ in tables)]
    if len({n.lower() for n in names}) != len(names) or max(map(len, names)) > EXCEL_MAX_SHEET_NAME:
        raise ValueError(f"sheet names must be distinct (ignoring case) and at most 31 characters: {names}")
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                           "strings_to_urls": False})
    book.set_properties({"title": aboutdata.title(model), "author": aboutdata.AUTHORS,
                         "comments": aboutdata.citation(model), "created": _released(model)})
    formats = {"header": book.add_format({"bold": True}), "date": book.add_format({"num_format": "yyyy-mm-dd"}),
               "wrap": book.add_format({"text_wrap": True, "valign": "top"})}
    _about_sheet(book, model, tables, formats)
    _columns_sheet(book, tables, formats)
    for table, frame in tables:
        _table_sheet(book, table, frame, formats)
    book.close()
