import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_PARTS = ["datapackage.json", "schemas", "raw", "sources"]


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A throw-away copy of the raw package, to corrupt."""
    dest = tmp_path / "pkg"
    dest.mkdir()
    for part in PACKAGE_PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / part)
    return dest


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def run_cli(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "catraffick_data", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env)


@pytest.fixture(scope="session")
def built_release(tmp_path_factory) -> Path:
    """A release built from the current raw/ (not the copy bundled at install time, which may be stale)."""
    from catraffick_data.build import build

    out = tmp_path_factory.mktemp("release") / "release"
    result = build(ROOT, out)
    assert result.out is not None, [p for p in result.validation.problems][:5]
    return out


@pytest.fixture
def use_release(built_release, monkeypatch):
    from catraffick_data import catalog

    monkeypatch.setenv(catalog.RELEASE_ENV, str(built_release))
    catalog._read_descriptor.cache_clear()
    yield built_release
    catalog._read_descriptor.cache_clear()


def frictionless_report(descriptor: Path) -> dict:
    import json

    exe = Path(sys.executable).with_name("frictionless")
    proc = subprocess.run([str(exe), "validate", str(descriptor), "--json"], capture_output=True, text=True,
                          cwd=descriptor.parent, env={**os.environ, "NO_COLOR": "1"})
    return json.loads(proc.stdout)
