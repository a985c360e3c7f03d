"""LibreOffice Calc (headless) opens the workbook and converts it: every value as the release CSV has it,
codes and written numbers as text, no formula, non-ASCII intact. The release README's CSV recipe,
followed as written, keeps codes too (and without it they are lost, which is why it is there)."""
import csv
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import pytest

from catraffick_data.workbook import WORKBOOK_NAME
from conftest import model

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="install LibreOffice: apt-get install libreoffice-calc")
MODEL = model()
# comma, double quote, UTF-8, from line 1; token 9 "as shown" (dates as yyyy-mm-dd); token 12 -1: every sheet
CSV_EXPORT = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}


def column(table: str, name: str) -> int:
    t = MODEL.table(table)
    return [f.name for f in t.release_columns].index(name)


FIPS, WRITTEN = column("geographies", "fips"), column("hotline_counts", "value_text")


@pytest.fixture(scope="session")
def home(tmp_path_factory):
    """One LibreOffice profile per test process: made once (seconds), never shared by two at a time."""
    return tmp_path_factory.mktemp("libreoffice-home")


def soffice(args: list[str], cwd, home) -> None:
    """LibreOffice with a profile of its own (in `home`), so parallel tests do not share one."""
    proc = subprocess.run([SOFFICE, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "HOME": str(home)})
    assert proc.returncode == 0, proc.stderr


def read_csv(path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def ods_sheets(path) -> dict[str, list[list[tuple[str | None, str, bool]]]]:
    """Sheet name -> rows of (value type, text, has a formula), repeated cells expanded."""
    with zipfile.ZipFile(path) as ods:
        root = ET.fromstring(ods.read("content.xml"))
    q = lambda ns, name: f"{{{NS[ns]}}}{name}"
    sheets = {}
    for table in root.iter(q("table", "table")):
        rows = []
        for row in table.iter(q("table", "table-row")):
            cells = []
            for cell in row:
                repeat = min(int(cell.get(q("table", "number-columns-repeated"), "1")), 64)
                text = "\n".join("".join(p.itertext()) for p in cell.findall("text:p", NS))
                cells += [(cell.get(q("office", "value-type")), text, cell.get(q("table", "formula")) is not None)] * repeat
            rows.append(cells)
        sheets[table.get(q("table", "name"))] = rows
    return sheets


def test_workbook_converted_to_csv_gives_every_value_of_the_release_csv(built_release, tmp_path, home):
    soffice(["--headless", "--convert-to", CSV_EXPORT, "--outdir", str(tmp_path), str(built_release / WORKBOOK_NAME)],
            tmp_path, home)
    stem = WORKBOOK_NAME.removesuffix(".xlsx")
    for table in MODEL.tables:
        ours = read_csv(built_release / "data" / f"{table.name}.csv")
        theirs = read_csv(tmp_path / f"{stem}-{table.name}.csv")
        assert len(theirs) == len(ours), table.name
        for r, (mine, shown) in enumerate(zip(ours, theirs)):
            assert shown[:len(mine)] == mine and not any(shown[len(mine):]), (table.name, r)
    text = (tmp_path / f"{stem}-geographies.csv").read_text(encoding="utf-8")
    assert "Mexico\u2013United States border" in text and ",06037," in text


def test_workbook_opened_as_ods_holds_text_codes_dates_and_no_formula(built_release, tmp_path, home):
    soffice(["--headless", "--convert-to", "ods", "--outdir", str(tmp_path), str(built_release / WORKBOOK_NAME)],
            tmp_path, home)
    sheets = ods_sheets(tmp_path / WORKBOOK_NAME.replace(".xlsx", ".ods"))
    assert list(sheets)[:2] == ["About", "Columns"] and set(sheets) >= {t.name for t in MODEL.tables}
    assert not any(formula for rows in sheets.values() for row in rows for _, _, formula in row)
    for table in MODEL.tables:
        fields = list(table.release_columns)
        rows = sheets[table.name]
        for i, f in enumerate(fields):
            kinds = {row[i][0] for row in rows[1:] if i < len(row) and row[i][1] != ""}
            want = {"string": {"string"}, "number": {"float"}, "integer": {"float"}, "date": {"date"},
                    "boolean": {"string"}}[f.type]
            assert kinds <= want, (table.name, f.name, kinds)
    geo = sheets["geographies"]
    fips = [row[FIPS] for row in geo[1:] if len(row) > FIPS and row[FIPS][1]]
    assert ("string", "06037", False) in fips and all(kind == "string" for kind, _, _ in fips)
    written = [row[WRITTEN][1] for row in sheets["hotline_counts"][1:] if len(row) > WRITTEN]
    assert any(re.fullmatch(r"[0-9.]+%", w) for w in written)
    sources = "\n".join(text for row in sheets["sources"] for _, text, _ in row)
    assert "Mayor\u2019s Task Force" in sources


def _readme_command(release) -> str:
    readme = (release / "README.md").read_text(encoding="utf-8")
    spreadsheet = readme.split("### A spreadsheet", 1)[1]
    return re.search(r"```sh\n(soffice .+?)\n```", spreadsheet, flags=re.S).group(1)


def test_the_readme_s_csv_recipe_followed_literally_keeps_codes(built_release, tmp_path, home):
    command = _readme_command(built_release)
    example = re.search(r"data/(\w+)\.csv", command).group(1)
    work = tmp_path / "work"
    shutil.copytree(built_release / "data", work / "data")
    # the recipe says "for any table": the same command with the table's name
    subprocess.run(command.replace(f"data/{example}.csv", "data/geographies.csv"), shell=True, cwd=work, check=True,
                   capture_output=True, env={**os.environ, "HOME": str(home)}, timeout=120)
    geo = ods_sheets(work / "geographies.ods")["geographies"]
    fips = [row[FIPS] for row in geo[1:] if len(row) > FIPS and row[FIPS][1]]
    assert ("string", "06037", False) in fips and {kind for kind, _, _ in fips} == {"string"}
    assert "Mexico\u2013United States border" in "\n".join(text for row in geo for _, text, _ in row)

    # without the recipe's column types, LibreOffice guesses: the code loses its zero
    plain = tmp_path / "plain"
    plain.mkdir()
    shutil.copy(built_release / "data" / "geographies.csv", plain)
    soffice(["--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "ods", "geographies.csv"], plain, home)
    guessed = [row[FIPS] for row in ods_sheets(plain / "geographies.ods")["geographies"][1:]
               if len(row) > FIPS and row[FIPS][1]]
    assert ("float", "6037", False) in guessed
