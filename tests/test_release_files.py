"""What someone who downloads a release gets: a reproducible zip with checksums, a README, real clients."""
import hashlib
import json
import zipfile

import pandas as pd
import pytest

from catraffick_data.build import build
from catraffick_data.outfolder import MARKER
from catraffick_data.spreadsheet import formula_mask
from conftest import ROOT


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path):
    for name in ("one", "two"):
        assert build(ROOT, tmp_path / name).out is not None
    files = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    one, two = files(tmp_path / "one"), files(tmp_path / "two")
    assert one.keys() == two.keys()
    different = [name for name in one if one[name] != two[name]]
    assert different == []


def test_zip_holds_every_file_and_the_checksums_hold(built_release):
    version = json.loads((built_release / "datapackage.json").read_text())["version"]
    zipped = built_release / f"catraffick-data-{version}.zip"
    with zipfile.ZipFile(zipped) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        top = f"catraffick-data-{version}/"
        # the marker is the folder's record of what the build wrote there, not part of the release
        expected = {top + p.relative_to(built_release).as_posix()
                    for p in built_release.rglob("*") if p.is_file() and p not in (zipped, built_release / MARKER)}
        assert set(names) == expected
        assert {top + "catraffick-data.sqlite", top + "README.md", top + "CHANGELOG.md", top + "SHA256SUMS",
                top + "datapackage.json", top + "data/hotline_counts.parquet"} <= set(names)
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in archive.infolist())
        sums = archive.read(top + "SHA256SUMS").decode().splitlines()
    for line in sums:
        digest, rel = line.split("  ")
        assert hashlib.sha256((built_release / rel).read_bytes()).hexdigest() == digest


def test_version_is_in_descriptor_zip_name_and_package(built_release, use_release):
    import catraffick_data as ctd

    version = json.loads((ROOT / "datapackage.json").read_text())["version"]
    assert json.loads((built_release / "datapackage.json").read_text())["version"] == version
    assert (built_release / f"catraffick-data-{version}.zip").exists()
    assert ctd.data_version == version


def test_no_text_cell_would_run_as_a_spreadsheet_formula(built_release):
    for path in (built_release / "data").glob("*.csv"):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in frame.columns:
            assert not formula_mask(frame[column]).any(), (path.name, column)


def _plain(values, kind: str) -> list:
    out = []
    for v in values:
        if pd.isna(v):
            out.append(None)
        elif kind.startswith("datetime"):
            out.append(pd.Timestamp(v).strftime("%Y-%m-%d"))
        elif kind == "boolean":
            out.append(v if isinstance(v, bool) or not isinstance(v, str) else v == "true")
        elif kind == "float64":
            out.append(float(v))
        else:
            out.append(str(v))
    return out


def test_pandas_read_csv_with_the_documented_options_gives_the_values_of_load(use_release):
    import catraffick_data as ctd

    for name in ctd.tables():
        loaded = ctd.load(name)
        read = pd.read_csv(use_release / "data" / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""])
        assert list(read.columns) == list(loaded.columns)
        for column in loaded.columns:
            kind = str(loaded[column].dtype)
            assert _plain(loaded[column], kind) == _plain(read[column], kind), (name, column)


def test_duckdb_reads_the_parquet_files(built_release):
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    counts = {}
    for path in sorted((built_release / "data").glob("*.parquet")):
        counts[path.stem] = con.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0]
        assert counts[path.stem] == len(pd.read_csv(path.with_suffix(".csv"), dtype=str, keep_default_na=False))
    value = con.execute(f"SELECT value FROM read_parquet('{built_release / 'data' / 'hotline_counts.parquet'}') "
                        "WHERE figure_id = 'hc-023'").fetchone()[0]
    assert value == 1656


def test_release_readme_lists_every_table_with_its_rows(built_release):
    text = (built_release / "README.md").read_text()
    descriptor = json.loads((built_release / "datapackage.json").read_text())
    for res in descriptor["resources"]:
        rows = len(pd.read_csv(built_release / res["path"], dtype=str, keep_default_na=False))
        assert f"| `{res['name']}` | {rows} |" in text
    assert "An empty cell means no value" in text and "CC BY-SA 4.0" in text
