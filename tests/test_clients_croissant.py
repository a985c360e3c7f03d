"""mlcroissant, the Croissant reference implementation: `mlcroissant validate` accepts croissant.json with no
warning, and loading reads every record set's records, equal to the Parquet rows, checking each file's
SHA-256 (a changed file is refused)."""
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from catraffick_data.croissant import CROISSANT_NAME
from conftest import model

# mlcroissant's own use of rdflib and pandas warns of deprecations that are not this package's
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning")
MODEL = model()
CLI = Path(sys.executable).with_name("mlcroissant")
INSTALL = "install mlcroissant: pip install mlcroissant"


def test_mlcroissant_validate_accepts_it_without_warnings(built_release):
    if not CLI.exists():
        pytest.skip(INSTALL)
    proc = subprocess.run([str(CLI), "validate", "--jsonld", CROISSANT_NAME], cwd=built_release,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    output = proc.stdout + proc.stderr
    assert "Done." in output
    assert not [line for line in output.splitlines() if line.startswith(("W", "E")) or "WARNING" in line], output


def _plain(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp, for a date
        return value.to_pydatetime().date()
    return value


def test_every_record_set_loads_with_the_parquet_s_rows(built_release, monkeypatch):
    mlc = pytest.importorskip("mlcroissant", reason=INSTALL)
    monkeypatch.chdir(built_release)
    dataset = mlc.Dataset(jsonld=CROISSANT_NAME)
    loaded = {}
    for table in MODEL.tables:
        raw = list(dataset.records(record_set=table.name))  # a record set is read once per Dataset
        loaded[table.name] = [{k.split("/", 1)[1]: _plain(v) for k, v in r.items()} for r in raw]
        rows = pq.read_table(built_release / "data" / f"{table.name}.parquet").to_pylist()
        assert len(loaded[table.name]) == len(rows) > 0, table.name
        for record, row in zip(loaded[table.name], rows):
            assert record == row, (table.name, row[table.primary_key[0]])
    assert "06037" in {r["fips"] for r in loaded["geographies"]}
    days = [r["period_start"] for r in loaded["hotline_counts"] if r["period_start"] is not None]
    assert days and all(type(d) is dt.date for d in days)


def test_a_changed_file_is_refused_by_its_hash(built_release, tmp_path, monkeypatch):
    mlc = pytest.importorskip("mlcroissant", reason=INSTALL)
    copy = tmp_path / "release"
    shutil.copytree(built_release, copy)
    parquet = copy / "data" / "geographies.parquet"
    pq.write_table(pq.read_table(parquet).slice(1), parquet)  # one row fewer
    monkeypatch.chdir(copy)
    with pytest.raises(Exception) as caught:
        list(mlc.Dataset(jsonld=CROISSANT_NAME).records(record_set="geographies"))
    chain, error = [], caught.value
    while error is not None:
        chain.append(str(error))
        error = error.__cause__ or error.__context__
    assert any("Hash of downloaded file" in message for message in chain), chain
