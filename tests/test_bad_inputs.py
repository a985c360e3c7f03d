"""The corpus of malformed inputs in tests/bad_inputs, run through the real command line.

Every entry of MANIFEST.csv is validated as a contributed file against its own copy of the raw
package, by `python -m catraffick_data validate FILE --table T --root PKG --format json` in a
subprocess. The subprocesses run side by side (they take seconds each), started once for all the
entries selected in this session; each test then checks its own entry's outcome.
"""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PACKAGE_PARTS, ROOT

BAD = Path(__file__).resolve().parent / "bad_inputs"
MANIFEST_COLUMNS = ["file", "table", "expected", "rules", "lines", "reason"]


def _load_manifest() -> list[dict]:
    with open(BAD / "MANIFEST.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == MANIFEST_COLUMNS
        return list(reader)


MANIFEST = _load_manifest()


def _import_make_generated():
    spec = importlib.util.spec_from_file_location("make_generated", BAD / "make_generated.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_generated = _import_make_generated()


def expected_problems(entry: dict) -> list[tuple[str, int]]:
    """(rule, line) pairs of a manifest entry; `rules` and `lines` are ;-separated and paired."""
    if not entry["rules"]:
        return []
    rules, lines = entry["rules"].split(";"), entry["lines"].split(";")
    assert len(rules) == len(lines), entry
    return [(rule, int(line)) for rule, line in zip(rules, lines)]


def copy_package(dest: Path) -> Path:
    """The same copy as conftest's package_copy fixture, for use outside a function-scoped test."""
    dest.mkdir(parents=True)
    for part in PACKAGE_PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / part)
    return dest


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def tree_hash(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in tree_bytes(folder).items()}


def physical_line_count(data: bytes) -> int:
    """Lines as the validator counts them: ended by CRLF, CR or LF; a last line without an end counts."""
    return len(re.findall(rb"\r\n|\r|\n", data)) + (0 if re.search(rb"[\r\n]$", data) or not data else 1)


def cli(*args, cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "catraffick_data", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


@dataclass
class Run:
    path: Path  # the contributed file
    input_hash_before: str
    input_hash_after: str
    raw_before: dict[str, str]
    raw_after: dict[str, str]
    proc: subprocess.CompletedProcess
    cwd: Path


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    """The big and binary corpus files, written by make_generated.py into a temporary folder."""
    return make_generated.generate(tmp_path_factory.mktemp("generated"))


def corpus_path(name: str, generated: dict[str, Path]) -> Path:
    return generated[name] if name in generated else BAD / name


@pytest.fixture(scope="module")
def runs(request, tmp_path_factory, generated) -> dict[str, Run]:
    selected = {item.callspec.params["entry"]["file"] for item in request.session.items
                if getattr(item, "originalname", None) == "test_bad_input" and hasattr(item, "callspec")}

    def run(entry: dict) -> Run:
        path = corpus_path(entry["file"], generated)
        pkg = copy_package(tmp_path_factory.mktemp("run") / "pkg")
        input_before, raw_before = hashlib.sha256(path.read_bytes()).hexdigest(), tree_hash(pkg / "raw")
        proc = cli("validate", path, "--table", entry["table"], "--root", pkg, "--format", "json", cwd=pkg)
        return Run(path, input_before, hashlib.sha256(path.read_bytes()).hexdigest(), raw_before,
                   tree_hash(pkg / "raw"), proc, pkg)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {e["file"]: pool.submit(run, e) for e in MANIFEST if e["file"] in selected}
        return {name: future.result() for name, future in futures.items()}


def test_the_corpus_is_complete():
    names = [e["file"] for e in MANIFEST]
    assert len(names) == len(set(names))
    committed = {p.name for p in BAD.glob("*") if p.name not in ("MANIFEST.csv", "make_generated.py")
                 and not p.name.startswith((".", "__"))}
    assert committed <= set(names), f"files missing from MANIFEST.csv: {committed - set(names)}"
    for entry in MANIFEST:
        assert entry["file"] in committed or entry["reason"].startswith("generated:"), entry["file"]
        assert entry["expected"] in ("accepted", "rejected"), entry
        assert entry["reason"], entry
        assert (entry["expected"] == "rejected") == bool(expected_problems(entry)), entry
    assert len(MANIFEST) >= 35
    assert sum(e["expected"] == "accepted" for e in MANIFEST) >= 3


def test_generated_files_are_the_manifest_entries_not_committed(generated):
    generated_entries = {e["file"] for e in MANIFEST if e["reason"].startswith("generated:")}
    assert generated_entries == set(generated)
    assert not any((BAD / name).exists() for name in generated)
    assert len(generated["hc_field_10mb.csv"].read_bytes()) > 10_000_000


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_bad_input(entry, runs):
    run = runs[entry["file"]]
    proc = run.proc
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == (0 if entry["expected"] == "accepted" else 1), (proc.returncode, proc.stderr[-2000:])
    report = json.loads(proc.stdout)
    mine = [p for p in report["problems"] if (run.cwd / p["file"]).resolve() == run.path.resolve()]
    if entry["expected"] == "accepted":
        assert report["valid"] and report["problems"] == [], report["problems"][:5]
    else:
        found = {(p["rule"], p["line"]) for p in mine}
        for rule, line in expected_problems(entry):
            assert (rule, line) in found, f"expected {rule} at line {line}; got {sorted(found, key=str)}"
        lines = physical_line_count(run.path.read_bytes())
        for p in mine:
            assert p["rule"] and p["file"]
            assert p["line"] is None or 1 <= p["line"] <= max(lines, 1), (p, lines)
    assert run.raw_after == run.raw_before, "validate changed a raw file"
    assert run.input_hash_after == run.input_hash_before, "validate changed the contributed file"


# --- build ---------------------------------------------------------------------------------------


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
    make_generated.large_valid_table(pkg / "raw" / "hotline_counts.csv", 8000)
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
