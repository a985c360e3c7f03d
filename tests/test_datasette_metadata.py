"""Datasette, started on 127.0.0.1 with the release's SQLite file and metadata, shows every table's
title, description, licence and column descriptions, as the model defines them."""
import json
import shutil
import sqlite3
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from catraffick_data.datasette_metadata import METADATA_NAME
from conftest import model

TABLE = "hotline_counts"


def _datasette() -> str:
    exe = Path(sys.executable).with_name("datasette")
    found = str(exe) if exe.is_file() else shutil.which("datasette")
    if not found:
        pytest.skip("install Datasette: pip install datasette")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_the_metadata_describes_every_table_and_column_of_the_database(built_release):
    """Checked against the SQLite file itself, not against the code that writes the metadata."""
    data = json.loads((built_release / METADATA_NAME).read_text(encoding="utf-8"))
    tables = data["databases"]["catraffick-data"]["tables"]
    with sqlite3.connect(built_release / "catraffick-data.sqlite") as con:
        names = [r[0] for r in con.execute("select name from sqlite_master where type = 'table' order by name")]
        assert sorted(tables) == names
        for name, table in tables.items():
            columns = [r[1] for r in con.execute(f'pragma table_info("{name}")')]
            assert list(table["columns"]) == columns, name
            assert table["title"] and table["description"] and all(table["columns"].values()), name
    assert data["license_url"] == "https://creativecommons.org/licenses/by-sa/4.0/"


def test_datasette_shows_title_description_licence_and_columns_of_a_table(built_release):
    exe = _datasette()
    written = json.loads((built_release / METADATA_NAME).read_text(encoding="utf-8"))
    table = model().table(TABLE)
    port = _free_port()
    server = subprocess.Popen([exe, "serve", str(built_release / "catraffick-data.sqlite"), "--metadata",
                               str(built_release / METADATA_NAME), "-h", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60  # a loaded machine takes seconds to import Datasette
        while True:
            try:
                _get(f"{base}/-/versions.json")
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"datasette exited: {server.stderr.read().decode()}")
                if time.monotonic() > deadline:
                    pytest.fail("datasette did not answer within 60 s")
                time.sleep(0.1)
        page = _get(f"{base}/catraffick-data/{TABLE}")
        assert f"<h1>{table.title}</h1>" in page
        assert table.description.split(":")[0] in page
        licence = model().package["licenses"][0]
        assert licence["title"] in page and licence["path"] in page
        assert table.field("trafficking_type").description.split("`")[0] in page
        rows = json.loads(_get(f"{base}/catraffick-data/{TABLE}.json?_size=max"))
        assert rows["filtered_table_rows_count"] == len(rows["rows"]) > 0
        served = json.loads(_get(f"{base}/-/metadata.json"))
        mine, shown = (m["databases"]["catraffick-data"]["tables"][TABLE] for m in (written, served))
        assert {k: shown.get(k) for k in mine} == mine  # Datasette adds empty keys of its own
        assert served["license_url"] == licence["path"]
    finally:
        server.terminate()
        server.wait(timeout=10)
    with pytest.raises(OSError):
        _get(f"{base}/-/versions.json")
