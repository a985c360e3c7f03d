"""Datasette, started on 127.0.0.1 with the release's SQLite file and metadata, shows every table's
title, description, licence and column descriptions, as the model defines them."""
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from catraffick_data.datasette_metadata import METADATA_NAME, metadata
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


def test_the_metadata_is_rendered_from_the_model():
    m = model()
    data = metadata(m)
    tables = data["databases"]["catraffick-data"]["tables"]
    assert list(tables) == [t.name for t in m.tables]
    for t in m.tables:
        assert tables[t.name]["title"] == t.title and tables[t.name]["description"] == t.description
        assert tables[t.name]["columns"] == {f.name: f.description for f in (*t.fields, *t.release_fields)}
    assert data["license_url"] == m.package["licenses"][0]["path"]


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
