"""R and readr read every release CSV with the release README's typed recipe, as written: the rows, columns
and values of the Parquet file, each column of its type, codes with their leading zeros, "NA" as text."""
import csv
import re
import shutil
import subprocess

import pyarrow.parquet as pq
import pytest

from conftest import model

RSCRIPT = shutil.which("Rscript")
MODEL = model()
R_CLASS = {"string": "character", "number": "numeric", "integer": "integer", "date": "Date", "boolean": "logical"}

# After the recipe: every table written back with readr (doubles shortest round-trip, dates ISO, TRUE/FALSE),
# with its dimensions and column classes; then Namibia's "NA", read by the recipe and by readr's default.
DUMP = r"""
for (name in strsplit(Sys.getenv("TABLES"), ",")[[1]]) {
  df <- get(name)
  write_csv(df, file.path(Sys.getenv("OUT"), paste0(name, ".csv")), na = "")
  classes <- vapply(df, function(col) class(col)[1], "")
  writeLines(c(paste(nrow(df), ncol(df)), paste(names(df), classes, sep = "\t")),
             file.path(Sys.getenv("OUT"), paste0(name, ".types")))
}
cat("namibia-by-recipe", is.na(geographies$iso3166[geographies$geo_id == "namibia"]), "\n")
default <- read_csv("data/geographies.csv", col_types = cols(.default = col_character()))
cat("namibia-by-default", is.na(default$iso3166[default$geo_id == "namibia"]), "\n")
"""


def r_recipe(release) -> str:
    readme = (release / "README.md").read_text(encoding="utf-8")
    return re.search(r"### R \(readr\).*?```r\n(.+?)\n```", readme, flags=re.S).group(1)


@pytest.fixture(scope="module")
def r_read(built_release, tmp_path_factory):
    if RSCRIPT is None:
        pytest.skip("install R and readr: apt-get install r-base-core r-cran-readr")
    work = tmp_path_factory.mktemp("r")
    shutil.copytree(built_release / "data", work / "data")
    geographies = work / "data" / "geographies.csv"
    with open(geographies, "a", encoding="utf-8", newline="") as fh:  # Namibia's ISO code is "NA"
        csv.writer(fh, lineterminator="\n").writerow(["namibia", "Namibia", "country", "world", "", "NA", ""])
    out = work / "out"
    out.mkdir()
    script = work / "read.R"
    script.write_text(r_recipe(built_release) + "\n" + DUMP, encoding="utf-8")
    proc = subprocess.run([RSCRIPT, str(script)], cwd=work, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "OUT": str(out), "TABLES": ",".join(t.name for t in MODEL.tables),
                               "LANG": "C.UTF-8", "HOME": str(work)})
    assert proc.returncode == 0, proc.stderr
    assert "warning" not in proc.stderr.lower(), proc.stderr  # readr warns on every cell it cannot parse
    return out, proc.stdout


def same(r_text: str, value, kind: str) -> bool:
    if value is None:
        return r_text == ""
    if kind == "number":
        return float(r_text) == value
    if kind == "integer":
        return int(r_text) == value
    if kind == "date":
        return r_text == value.isoformat()
    if kind == "boolean":
        return r_text == ("TRUE" if value else "FALSE")
    return r_text == value


def test_every_table_has_the_parquet_s_shape_types_and_values(r_read, built_release):
    out, _ = r_read
    for table in MODEL.tables:
        fields = list(table.release_columns)
        parquet = pq.read_table(built_release / "data" / f"{table.name}.parquet")
        lines = (out / f"{table.name}.types").read_text(encoding="utf-8").splitlines()
        rows, cols = map(int, lines[0].split())
        extra = 1 if table.name == "geographies" else 0  # the test's own Namibia row, the last
        assert (rows, cols) == (parquet.num_rows + extra, parquet.num_columns), table.name
        assert [line.split("\t") for line in lines[1:]] == [[f.name, R_CLASS[f.type]] for f in fields], table.name
        with open(out / f"{table.name}.csv", encoding="utf-8", newline="") as fh:
            read = list(csv.reader(fh))
        assert read[0] == [f.name for f in fields]
        values = parquet.to_pylist()
        for i, row in enumerate(values):
            for f, cell in zip(fields, read[i + 1]):
                assert same(cell, row[f.name], f.type), (table.name, row[fields[0].name], f.name, cell, row[f.name])


def test_codes_keep_their_zeros(r_read):
    out, _ = r_read
    with open(out / "geographies.csv", encoding="utf-8", newline="") as fh:
        fips = [row["fips"] for row in csv.DictReader(fh)]
    assert "06037" in fips and "0644000" in fips and all(not f or len(f) in (2, 5, 7) for f in fips)


def test_na_is_text_by_the_recipe_and_missing_by_readr_s_default(r_read):
    _, stdout = r_read
    assert "namibia-by-recipe FALSE" in stdout
    assert "namibia-by-default TRUE" in stdout
