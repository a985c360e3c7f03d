"""The corpus of malformed inputs in tests/bad_inputs, run through the command line's entry point.

Every entry of MANIFEST.csv is validated as a contributed file against a copy of the raw package (cut
down to hotline_counts and the tables it needs, which every entry adds rows to), by
`catraffick validate FILE --table T --root PKG --format json` (cli.main in the test's own process;
tests/test_cli.py and test_cli_hostile.py run real subprocesses). Each test checks its entry's outcome,
and that nothing was written to the package or the file.
"""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import BAD, cli, make_generated, tree_bytes

MANIFEST_COLUMNS = ["file", "table", "expected", "rules", "lines", "reason"]


def _load_manifest() -> list[dict]:
    with open(BAD / "MANIFEST.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == MANIFEST_COLUMNS
        return list(reader)


MANIFEST = _load_manifest()




def expected_problems(entry: dict) -> list[tuple[str, int]]:
    """(rule, line) pairs of a manifest entry; `rules` and `lines` are ;-separated and paired."""
    if not entry["rules"]:
        return []
    rules, lines = entry["rules"].split(";"), entry["lines"].split(";")
    assert len(rules) == len(lines), entry
    return [(rule, int(line)) for rule, line in zip(rules, lines)]


def tree_hash(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in tree_bytes(folder).items()}


def physical_line_count(data: bytes) -> int:
    """Lines as the validator counts them: ended by CRLF, CR or LF; a last line without an end counts."""
    return len(re.findall(rb"\r\n|\r|\n", data)) + (0 if re.search(rb"[\r\n]$", data) or not data else 1)


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
def pkg(small_package) -> Path:
    """Every entry adds rows to hotline_counts or a table it refers to: the package cut down to them."""
    return small_package


@pytest.fixture
def run(request, pkg, generated) -> Run:
    entry = request.node.callspec.params["entry"]
    path = corpus_path(entry["file"], generated)
    input_before, raw_before = hashlib.sha256(path.read_bytes()).hexdigest(), tree_hash(pkg / "raw")
    proc = cli("validate", path, "--table", entry["table"], "--root", pkg, "--format", "json", cwd=pkg)
    return Run(path, input_before, hashlib.sha256(path.read_bytes()).hexdigest(), raw_before,
               tree_hash(pkg / "raw"), proc, pkg)


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
def test_bad_input(entry, run):
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
