"""The command line under hostile and faulty input: each case is a situation, the reason it matters, the
exit status it must give and the message it must print. Every case runs against its own copy of the
package (and of a built release), in this process, through cli.main; the few behaviours only a real
process shows (a closed pipe, an undecodable file name on a real stdout) run as subprocesses.

The guarantees: build writes only what it owns; every unusable input is a one-line message naming the
path (exit 2, never an internal error); releases and source texts are read confined to themselves; what
a file holds cannot forge a line of output.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable

import pytest

from catraffick_data import cli
from catraffick_data.outfolder import MARKER
from conftest import ROOT, read_rows, write_rows


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Place:
    """The temporary world of one case: a package copy, a release copy (made when first asked for), and a
    scratch folder beside them."""
    tmp: Path
    pkg: Path
    release: Path  # the built release to copy

    @cached_property
    def rel(self) -> Path:
        shutil.copytree(self.release, self.tmp / "rel")
        return self.tmp / "rel"


def _edit(path: Path, row: int, **cells) -> None:
    header, rows = read_rows(path)
    rows[row].update(cells)
    write_rows(path, header, rows)


def _sources(place: Place, **cells) -> None:
    _edit(place.pkg / "raw" / "sources.csv", 1, **cells)


def _zip_release(place: Place) -> Path:
    return next(place.rel.glob("*.zip"))


def _corrupt_member(place: Place) -> None:
    """Flip bytes inside the compressed data of one member, keeping the archive's structure."""
    path = _zip_release(place)
    with zipfile.ZipFile(path) as archive:
        info = next(i for i in archive.infolist() if i.filename.endswith("hotline_counts.csv"))
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 20
    data[start:start + 40] = bytes(b ^ 0xFF for b in data[start:start + 40])
    path.write_bytes(bytes(data))


def _lying_sizes(place: Place) -> None:
    """A zip whose central directory claims 4 GB per member: a bomb's header, refused before reading."""
    path = _zip_release(place)
    data = bytearray(path.read_bytes())
    for m in re.finditer(rb"PK\x01\x02", bytes(data)):
        data[m.start() + 24:m.start() + 28] = (0xFFFFFFF0).to_bytes(4, "little")
    path.write_bytes(bytes(data))


def _many_members(place: Place) -> None:
    with zipfile.ZipFile(place.tmp / "many.zip", "w") as archive:
        archive.writestr("r/datapackage.json", "{}")
        for i in range(10_001):
            archive.writestr(f"r/{i}", "")


def _member_escapes(place: Place) -> None:
    with zipfile.ZipFile(place.tmp / "escape.zip", "w") as archive:
        archive.writestr("r/datapackage.json", json.dumps({"resources": []}))
        archive.writestr("../../evil.txt", "x")


def _descriptor_escapes(place: Place) -> None:
    (place.tmp / "secret.csv").write_text("figure_id\nsecret-passage\n")
    path = place.rel / "datapackage.json"
    descriptor = json.loads(path.read_text())
    descriptor["resources"][0]["path"] = "../secret.csv"
    path.write_text(json.dumps(descriptor))


def _symlink_out_of_release(place: Place) -> None:
    (place.tmp / "secret.csv").write_text("x\n")
    target = place.rel / "data" / "hotline_counts.csv"
    target.unlink()
    target.symlink_to(place.tmp / "secret.csv")


def _key_with_workflow_command(place: Place) -> None:
    _edit(place.rel / "data" / "hotline_counts.csv", 0, figure_id="hc-001\n::error file=README.md::forged")


CASES: list[tuple[str, str, Callable[[Place], None] | None, list[str], int, str]] = [
    # (case, why it matters, setup, arguments, exit status, message)
    ("out-is-the-package", "replacing the checkout with a release deletes every package file",
     None, ["build", "--root", "{pkg}", "--out", "{pkg}"], 2, "is the package folder itself"),
    ("out-is-raw", "the raw tables would be deleted", None,
     ["build", "--root", "{pkg}", "--out", "{pkg}/raw"], 2, "the package's input raw"),
    ("out-inside-sources", "a release inside the inputs would be read as an input next time", None,
     ["build", "--root", "{pkg}", "--out", "{pkg}/sources/new"], 2, "inside the package's input sources"),
    ("out-holds-the-package", "`--out ..` would delete the folder holding the package", None,
     ["build", "--root", "{pkg}", "--out", "{tmp}"], 2, "holds the package"),
    ("out-is-a-raw-table", "a raw table would be replaced by a folder", None,
     ["build", "--root", "{pkg}", "--out", "{pkg}/raw/hotline_counts.csv"], 2, "input raw"),
    ("out-is-a-file", "a user's file would be replaced by a folder",
     lambda p: (p.tmp / "notes.txt").write_text("mine"), ["build", "--root", "{pkg}", "--out", "{tmp}/notes.txt"],
     2, "is a file, not a folder"),
    ("out-is-a-users-folder", "an existing folder of the user's would be emptied without a word",
     lambda p: ((p.tmp / "mydocs").mkdir(), (p.tmp / "mydocs" / "a.txt").write_text("mine")),
     ["build", "--root", "{pkg}", "--out", "{tmp}/mydocs"], 2, r"folder of other files \(a.txt\)"),
    ("out-release-gained-a-file", "a file the user put in a release would be deleted with it",
     lambda p: (p.rel / "data" / "mine.csv").write_text("mine"), ["build", "--root", "{pkg}", "--out", "{rel}"],
     2, r"files the build did not write \(data/mine.csv\)"),
    ("out-release-without-marker", "a folder is recognised by the marker the build writes, not by a guess",
     lambda p: (p.rel / MARKER).unlink(), ["build", "--root", "{pkg}", "--out", "{rel}"], 2,
     "not a release this command wrote"),
    ("out-is-a-symlink", "swapping a link would leave the folder it points to behind",
     lambda p: (p.tmp / "link").symlink_to(p.rel), ["build", "--root", "{pkg}", "--out", "{tmp}/link"], 2,
     "is a symbolic link"),
    ("previous-is-not-a-zip", "an unreadable --previous was an internal error",
     lambda p: (p.tmp / "notes.txt").write_text("mine"),
     ["build", "--root", "{pkg}", "--out", "{tmp}/new", "--previous", "{tmp}/notes.txt"], 2,
     "not a complete zip archive"),
    ("previous-is-truncated", "a download cut short", lambda p: (p.tmp / "cut.zip").write_bytes(
        _zip_release(p).read_bytes()[:5000]),
     ["build", "--root", "{pkg}", "--out", "{tmp}/new", "--previous", "{tmp}/cut.zip"], 2, "not a complete zip"),
    ("previous-is-missing", "a typing error in a path", None,
     ["build", "--root", "{pkg}", "--out", "{tmp}/new", "--previous", "{tmp}/nope.zip"], 2, "nope.zip does not exist"),
    ("diff-corrupt-member", "a damaged member is named with its archive", _corrupt_member,
     ["diff", "{zip}", "{rel}"], 2, r"catraffick-data-[0-9.]+\.zip: member .*is corrupt"),
    ("diff-zip-bomb-header", "a crafted archive must not exhaust memory", _lying_sizes,
     ["diff", "{zip}", "{rel}"], 2, "would decompress to more than"),
    ("diff-too-many-members", "a crafted archive must not exhaust memory", _many_members,
     ["diff", "{tmp}/many.zip", "{rel}"], 2, "more than a release"),
    ("diff-member-leaves-archive", "member names are checked", _member_escapes,
     ["diff", "{tmp}/escape.zip", "{rel}"], 2, "names a file outside it"),
    ("diff-descriptor-leaves-release", "a release's descriptor may not make diff print other files",
     _descriptor_escapes, ["diff", "{rel}", "{rel}"], 2, r"names a file outside it: '\.\./secret.csv'"),
    ("previous-symlink-leaves-release", "nor copy them into the new CHANGELOG", _symlink_out_of_release,
     ["build", "--root", "{pkg}", "--out", "{tmp}/new", "--previous", "{rel}"], 2, "leads outside the release"),
    ("conflicts-of-a-zip", "a release zip given to conflicts was an internal error", None,
     ["conflicts", "--release", "{zip}"], 2, "is not a release folder"),
    ("validate-a-fifo", "reading a FIFO waits for a writer forever",
     lambda p: os.mkfifo(p.tmp / "rows.csv"), ["validate", "{tmp}/rows.csv", "--root", "{pkg}"], 2,
     "not a regular file"),
    ("text-file-outside", "an excerpt must not be checked against /etc/passwd",
     lambda p: _sources(p, text_file="../../../../etc/passwd"), ["validate", "--root", "{pkg}"], 1,
     r"raw/sources.csv:3:9: text_file .*\[text-file-outside\]"),
    ("text-file-absolute", "an absolute path leaves the package", lambda p: _sources(p, text_file="/etc/hostname"),
     ["validate", "--root", "{pkg}"], 1, r"sources.csv:3:9: .*\[text-file-outside\]"),
    ("text-file-symlink-out", "a symlink inside sources/ may not lead out of it",
     lambda p: ((p.pkg / "sources" / "x.md").symlink_to("/etc/hostname"), _sources(p, text_file="sources/x.md")),
     ["validate", "--root", "{pkg}"], 1, r"\[text-file-outside\]"),
    ("text-file-device", "/dev/zero would exhaust memory",
     lambda p: ((p.pkg / "sources" / "z").symlink_to("/dev/zero"), _sources(p, text_file="sources/z")),
     ["validate", "--root", "{pkg}"], 1, r"\[text-file-outside\]"),
    ("text-file-fifo", "a FIFO would hang validation",
     lambda p: (os.mkfifo(p.pkg / "sources" / "f"), _sources(p, text_file="sources/f")),
     ["validate", "--root", "{pkg}"], 1, r"sources.csv:3:9: .*\[text-file-not-regular\]"),
    ("text-file-too-large", "a runaway text is not read",
     lambda p: ((p.pkg / "sources" / "big.txt").write_bytes(b"a" * (20 * 1024 * 1024 + 1)),
                _sources(p, text_file="sources/big.txt")), ["validate", "--root", "{pkg}"], 1, r"\[text-file-too-large\]"),
    ("bidi-control-in-notes", "U+202E shows a reader other text than the file holds",
     lambda p: _edit(p.pkg / "raw" / "hotline_counts.csv", 0, notes="figure \u202egnorw"),
     ["validate", "--root", "{pkg}"], 1, r"hotline_counts.csv:2:23: notes .*\[invisible-character\].*U\+202E"),
    ("zero-width-in-a-locator", "a zero-width space makes two equal-looking texts differ",
     lambda p: _edit(p.pkg / "raw" / "hotline_counts.csv", 0, locator="Demo\u200bgraphics"),
     ["validate", "--root", "{pkg}"], 1, r"\[invisible-character\].*U\+200B"),
    ("minus-infinity-as-text", "a spreadsheet evaluates -inf as a formula",
     lambda p: _edit(p.pkg / "raw" / "hotline_counts.csv", 0, notes="-inf"),
     ["validate", "--root", "{pkg}"], 1, r"notes value '-inf' \[spreadsheet-formula\]"),
    ("infinity-as-a-number", "a number cell must be finite",
     lambda p: _edit(p.pkg / "raw" / "hotline_counts.csv", 0, value="+Infinity"),
     ["validate", "--root", "{pkg}"], 1, r"hotline_counts.csv:2:9: value value '\+Infinity' \[type-number\]"),
    ("diff-key-with-line-break", "a key cannot print a workflow command on a line of its own",
     _key_with_workflow_command, ["diff", "{zip}", "{rel}"], 1, r"\+ hc-001\\x0a::error"),
    ("usage-error-in-github-format", "a usage error is an annotation too, escaped", None,
     ["validate", "{tmp}/missing\n::error file=README.md::x.csv", "--format", "github", "--root", "{pkg}"], 2,
     r"::error title=catraffick::.*missing\\x0a::error file=README.md::x.csv does not exist"),
    ("unknown-argument-with-line-break", "argparse echoes arguments as given", None,
     ["conflicts", "--bogus", "\n::error file=x::y"], 2, r"unrecognized arguments: --bogus \\x0a::error"),
]


@pytest.fixture
def place(tmp_path, built_release, small_package) -> Place:
    pkg = tmp_path / "pkg"
    shutil.copytree(small_package, pkg)  # the cases need hotline_counts and sources only
    return Place(tmp_path, pkg, built_release)


def run_main(args: list[str], capsys, cwd: Path) -> tuple[int, str, str]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        code = cli.main(args)
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    finally:
        os.chdir(old)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case,why,setup,args,status,message", CASES, ids=[c[0] for c in CASES])
def test_hostile_case(case, why, setup, args, status, message, place, capsys, monkeypatch):
    monkeypatch.delenv("CATRAFFICK_RELEASE", raising=False)
    if setup:
        setup(place)
    uses_release = any("{rel}" in a for a in args)
    before = {"pkg": tree(place.pkg), "rel": tree(place.rel) if uses_release else None} \
        if status == 2 and args[0] == "build" else None
    uses_release = uses_release or any("{zip}" in a for a in args)
    argv = [a.format(pkg=place.pkg, tmp=place.tmp, rel=place.rel if uses_release else None,
                     zip=_zip_release(place) if uses_release else None) for a in args]
    code, out, err = run_main(argv, capsys, place.pkg)
    assert code == status, (why, code, out[-1500:], err[-1500:])
    assert "internal error" not in err and "Traceback" not in err, (why, err)
    assert re.search(message, out + err), (why, message, out[-1500:], err[-1500:])
    if status == 2 and args[0] != "diff":
        assert len(err.strip().splitlines()) == 1 or "usage:" in err, (why, err)  # one line, naming the path
    for line in (out + err).splitlines():  # nothing from a file can start a workflow command of its own
        assert not line.lstrip().startswith("::") or line.startswith("::error title=catraffick::"), (why, line)
    if before is not None:  # a refused build touches nothing: neither the package nor the release
        assert {"pkg": tree(place.pkg), "rel": tree(place.rel) if uses_release else None} == before, why
        assert not list(place.tmp.glob(".*")), "a refused build left a hidden folder"


def test_an_unreadable_raw_table_is_a_one_line_message(place, capsys, monkeypatch):
    """Root reads any file, so the system's refusal is played by the reader's open."""
    import catraffick_data.arrowcsv as arrowcsv

    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(arrowcsv, "_header", refuse)
    code, out, err = run_main(["validate", "--root", str(place.pkg)], capsys, place.pkg)
    assert code == 2 and "internal error" not in err
    assert re.fullmatch(r"catraffick: \S*raw/\w+\.csv: Permission denied; check its permissions\n", err), err


@pytest.fixture
def small_disk(tmp_path):
    """A real file system of 256 KiB, where a release cannot fit (needs root and mount)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"needs a tmpfs mount (run as root where mount is allowed): {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_a_message_and_leaves_nothing(small_disk, place, capsys):
    code, out, err = run_main(["build", "--root", str(place.pkg), "--out", str(small_disk / "release")],
                              capsys, place.pkg)
    assert code == 2 and "internal error" not in err, err
    assert "No space left on device; free some disk space" in err
    assert list(small_disk.iterdir()) == [], "a failed build left files behind"


def test_a_read_only_file_system_is_a_message(small_disk, place, capsys):
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    code, out, err = run_main(["build", "--root", str(place.pkg), "--out", str(small_disk / "release")],
                              capsys, place.pkg)
    assert code == 2 and "Read-only file system; that file system is read-only" in err, err


def test_json_output_stays_json_for_an_undecodable_file_name(tmp_path):
    header, rows = read_rows(ROOT / "raw" / "hotline_counts.csv")
    name = os.fsdecode(b"rows-\xff.csv")
    write_rows(tmp_path / name, header, [dict(rows[0], figure_id="hc-9001", value="oops")])
    proc = subprocess.run([sys.executable, "-m", "catraffick_data", "validate", name, "--table", "hotline_counts",
                           "--root", str(ROOT), "--format", "json"], cwd=tmp_path, capture_output=True)
    report = json.loads(proc.stdout.decode("utf-8"))  # strict UTF-8
    assert proc.returncode == 1 and report["problems"][0]["file"] == "rows-\\xff.csv"


def test_a_closed_stdout_ends_the_command_quietly():
    proc = subprocess.run(f"{sys.executable} -m catraffick_data conflicts | head -1", shell=True, cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.stdout.count("\n") == 1 and proc.stderr == "", proc.stderr


def test_a_50_mb_header_line_is_not_echoed(tmp_path, capsys):
    path = tmp_path / "hotline_counts-big.csv"
    path.write_bytes(b"x" * 50_000_000 + b";y\n1;2\n")
    code, out, err = run_main(["validate", str(path), "--root", str(ROOT)], capsys, tmp_path)
    assert code == 1 and len(out) < 20_000 and "(50000002 characters)" in out, out[:500]
