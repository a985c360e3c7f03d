"""A build never leaves a broken release: bad raw data writes nothing, and a build killed while it
writes leaves the previous release as it was."""
from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BAD, cli, copy_package, make_generated, tree_bytes

def release_is_complete(release: Path) -> None:
    """Every file the release's SHA256SUMS and datapackage.json list is there, with its hash."""
    sums = (release / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert sums
    for line in sums:
        digest, name = line.split(maxsplit=1)
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest, name
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        data = (release / res["path"]).read_bytes()
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), res["path"]


@pytest.fixture(scope="module")
def first_release(tmp_path_factory) -> Path:
    """A release built by the command line from an unchanged copy of the raw package."""
    pkg = copy_package(tmp_path_factory.mktemp("first") / "pkg")
    out = pkg.parent / "release"
    proc = cli("build", "--root", pkg, "--out", out, cwd=pkg)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    release_is_complete(out)
    return out


def append_rows(raw_table: Path, corpus_file: Path) -> None:
    """Append the data lines of a corpus file (everything after its header) to a raw table."""
    data = raw_table.read_bytes()
    body = corpus_file.read_bytes().split(b"\n", 1)[1]
    raw_table.write_bytes(data + (b"" if data.endswith(b"\n") else b"\n") + body)


@pytest.mark.parametrize("bad", ["hc_number_word.csv", "hc_key_clashes_raw.csv", "hc_dangling_geography.csv",
                                 "hc_unclosed_quote.csv"])
def test_build_with_a_bad_raw_row_writes_nothing(bad, first_release, tmp_path):
    pkg = copy_package(tmp_path / "pkg")
    append_rows(pkg / "raw" / "hotline_counts.csv", BAD / bad)
    out = tmp_path / "release"
    shutil.copytree(first_release, out)
    before = tree_bytes(out)
    proc = cli("build", "--root", pkg, "--out", out, "--format", "json", cwd=pkg)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert "Nothing was written" in proc.stderr
    assert json.loads(proc.stdout)["problems"]
    assert tree_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg", "release"]  # no staging folder either


def test_a_killed_build_leaves_the_previous_release_intact(first_release, tmp_path):
    pkg = copy_package(tmp_path / "pkg")
    make_generated.large_valid_table(pkg / "raw" / "hotline_counts.csv", 3000)
    out = tmp_path / "out" / "release"
    shutil.copytree(first_release, out)
    before = tree_bytes(out)
    proc = subprocess.Popen([sys.executable, "-m", "catraffick_data", "build", "--root", str(pkg), "--out", str(out)],
                            cwd=pkg, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    staging = None
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and proc.poll() is None:
            building = list(out.parent.glob(".release.building-*"))
            if building and any(p.is_file() for p in building[0].rglob("*")):
                staging = building[0]
                break
            time.sleep(0.005)
    finally:
        proc.send_signal(signal.SIGKILL)
        stdout, stderr = proc.communicate()
    assert staging is not None, f"the build ended before it started writing: {stdout[-500:]!r} {stderr[-2000:]!r}"
    assert proc.returncode == -signal.SIGKILL
    assert staging.exists(), "the build finished before it was killed"
    assert tree_bytes(out) == before
    release_is_complete(out)
