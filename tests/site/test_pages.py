"""The site a release carries, read as files: a page for every table, measure and figure, every row
and column where it belongs, the weight of the pages, and load snippets that run."""
import csv
import html
import json
import re
import shutil
import subprocess
import zipfile

import pytest

from catraffick_data import aboutdata
from conftest import model

MODEL = model()


def rows(release, table):
    with open(release / "data" / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_the_site_is_in_the_release_and_its_zip_and_light(built_release):
    site = built_release / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    version = json.loads((built_release / "datapackage.json").read_text())["version"]
    with zipfile.ZipFile(built_release / f"catraffick-data-{version}.zip") as z:
        zipped = {n.split("/", 1)[1] for n in z.namelist() if n.split("/", 1)[1].startswith("site/")}
    assert zipped == {p.relative_to(built_release).as_posix() for p in files}
    assert (site / "index.html").stat().st_size < 200 * 1024
    assert sum(p.stat().st_size for p in files) < 15 * 1024 * 1024
    text = (built_release / "README.md").read_text()
    assert "site/index.html" in text and "datasette catraffick-data.sqlite --metadata datasette-metadata.json" in text
    for path in site.rglob("*.html"):  # nothing from a network: no absolute URL but links to sources
        page = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)="(https?:)?//[^"]*\.(js|css)""", page), path


def test_every_table_measure_and_figure_has_its_page(built_release):
    site = built_release / "site"
    assert {p.stem for p in (site / "tables").glob("*.html")} == {t.name for t in MODEL.tables}
    measures = rows(built_release, "measures")
    assert {p.stem for p in (site / "measures").glob("*.html")} == {m["measure_id"] for m in measures} | {"index"}
    figures = [r for t in MODEL.figure_tables for r in rows(built_release, t.name)]
    assert {p.stem for p in (site / "figures").glob("*.html")} == {r["figure_id"] for r in figures}
    numbered = {}
    for r in figures:
        if r["value"] or (r["low"] and r["high"]):
            numbered[r["measure"]] = numbered.get(r["measure"], 0) + 1
    assert {p.stem for p in (site / "charts").glob("*.svg")} == {m for m, n in numbered.items() if n >= 2}


@pytest.mark.parametrize("table", [t.name for t in MODEL.tables])
def test_a_table_page_holds_every_row_and_column(built_release, table):
    page = (built_release / "site" / "tables" / f"{table}.html").read_text(encoding="utf-8")
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    t = MODEL.table(table)
    data = rows(built_release, table)
    assert body.count("<tr") == len(data)
    header = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', page.split("<thead>", 1)[1].split("</thead>", 1)[0])
    assert header == [f.name for f in (*t.fields, *t.release_fields)] == list(data[0])
    ids = re.findall(r'<tr id="([^"]+)"', body)
    if len(t.primary_key) == 1:  # a row a link can point at
        assert ids == [r[t.primary_key[0]] for r in data]
    else:  # a key of several columns names no anchor
        assert ids == []


def test_the_codebook_page_names_every_column_of_the_model(built_release):
    page = (built_release / "site" / "codebook.html").read_text(encoding="utf-8")
    for t in MODEL.tables:
        section = page.split(f'<section id="{t.name}">', 1)[1].split("</section>", 1)[0]
        names = re.findall(r'<th scope="row"><code>([^<]+)</code>', section)
        assert names == [f.name for f in (*t.fields, *t.release_fields)], t.name


def test_the_home_page_puts_the_caveats_first_and_counts_the_rows(built_release):
    page = (built_release / "site" / "index.html").read_text(encoding="utf-8")
    main = page.split('<main id="main">', 1)[1]
    assert main.index('class="caveats"') < main.index('id="tables"') < main.index('id="downloads"')
    text = html.unescape(re.sub(r"<[^>]+>", "", main))
    for caveat in (*aboutdata.ARE, *aboutdata.ARE_NOT):
        assert caveat.replace("`", "") in text, caveat
    for t in MODEL.tables:
        assert re.search(rf'<code>{t.name}</code></td><td class="num">{len(rows(built_release, t.name)):,}</td>', main)
    assert 'id="cite"' in main and 'id="version"' in main and "First release" in main


def shown_snippets(release, table) -> dict[str, str]:
    """The load snippets as a reader copies them from the table's page."""
    page = (release / "site" / "tables" / f"{table}.html").read_text(encoding="utf-8")
    found = re.findall(r'<code class="snippet-([a-z]+)">(.*?)</code>', page, flags=re.S)
    return {lang: html.unescape(code) for lang, code in found}


def test_the_pandas_and_duckdb_snippets_load_the_table(built_release, use_release, monkeypatch):
    duckdb = pytest.importorskip("duckdb")
    monkeypatch.chdir(built_release)
    for table in ("hotline_counts", "geographies"):
        code = shown_snippets(built_release, table)
        assert list(code) == ["pandas", "r", "duckdb"]
        n = len(rows(built_release, table))
        space: dict = {}
        exec(code["pandas"], space)
        assert len(space["df"]) == len(space["typed"]) == len(space["text"]) == n
        queries = [q for q in code["duckdb"].split(";") if q.strip()]
        assert len(queries) == 2 and all(len(duckdb.sql(q).fetchall()) == n for q in queries)


def test_the_r_snippet_loads_the_table(built_release):
    if not shutil.which("Rscript"):
        pytest.skip("install R and readr to run the R snippet: apt-get install r-base-core r-cran-readr")
    code = shown_snippets(built_release, "geographies")["r"] + "\ncat(nrow(geographies))\n"
    proc = subprocess.run(["Rscript", "-e", code], cwd=built_release, capture_output=True, text=True)
    if "there is no package called" in proc.stderr:
        pytest.skip("install readr: apt-get install r-cran-readr")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[0] == str(len(rows(built_release, "geographies")))
