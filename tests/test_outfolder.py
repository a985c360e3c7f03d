"""Replacing a release survives SIGKILL at every step, and builds into one folder take turns.

The swap is run in a child process that kills itself (SIGKILL, no clean-up) just before its k-th change
to the file system, for every k until it finishes; after each kill a complete release stands at --out,
or the next build puts one back before anything else and says so. Both ways of swapping are tried: the
one-step exchange (Linux) and the two renames with a journal used where the system has no exchange.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from catraffick_data import outfolder
from conftest import ROOT

CHILD = textwrap.dedent("""
    import os, shutil, signal, sys
    from pathlib import Path
    from catraffick_data import outfolder

    kill_at, exchange, new, out = int(sys.argv[1]), sys.argv[2] == "exchange", Path(sys.argv[3]), Path(sys.argv[4])
    steps = 0

    def step(fn):
        def run(*args, **kwargs):
            global steps
            steps += 1
            if steps == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return fn(*args, **kwargs)
        return run

    with outfolder.exclusive(out):
        staging = outfolder.staging_folder(out)  # as a build does: written after taking the folder
        shutil.copytree(new, staging, dirs_exist_ok=True)
        os.rename = step(os.rename)
        shutil.rmtree = step(shutil.rmtree)
        Path.write_text = step(Path.write_text)
        Path.unlink = step(Path.unlink)
        outfolder._exchange = step(outfolder._exchange if exchange else (lambda a, b: False))
        outfolder.swap_into_place(staging, out)
    print(steps)
""")


def complete(release: Path) -> bool:
    sums = release / "SHA256SUMS"
    if not sums.is_file():
        return False
    for line in sums.read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        if not (release / name).is_file() or hashlib.sha256((release / name).read_bytes()).hexdigest() != digest:
            return False
    return (release / outfolder.MARKER).is_file()


@pytest.mark.parametrize("how", ["exchange", "two-renames"])
def test_a_kill_at_any_step_of_the_swap_leaves_or_restores_a_release(how, built_release, tmp_path):
    if how == "exchange" and not sys.platform.startswith("linux"):
        pytest.skip("the one-step exchange is Linux's renameat2")
    kills = 0
    for kill_at in range(1, 20):
        place = tmp_path / str(kill_at)
        place.mkdir()
        out, new = place / "release", tmp_path / f"new-{kill_at}"
        shutil.copytree(built_release, out)
        shutil.copytree(built_release, new)
        (new / "NEW").write_text("the new release")  # tell the two apart
        proc = subprocess.run([sys.executable, "-c", CHILD, str(kill_at), how, str(new), str(out)],
                              capture_output=True, text=True)
        if proc.returncode == 0:
            assert complete(out) and (out / "NEW").exists() and sorted(p.name for p in place.iterdir()) == ["release"]
            break
        assert proc.returncode == -9, proc.stderr
        kills += 1
        standing = complete(out)
        if how == "exchange":
            assert standing, f"killed before step {kill_at}: no complete release at --out"
        with outfolder.exclusive(out) as notes:  # what the next build does first
            pass
        assert complete(out), f"killed before step {kill_at}: the next build did not restore the release"
        assert sorted(p.name for p in place.iterdir()) == ["release"], f"leftovers after step {kill_at}"
        if not standing:
            assert any("back in place" in n for n in notes), notes
    assert kills >= (2 if how == "exchange" else 5), "the child was never killed inside the swap"


def test_two_builds_to_one_folder_at_once_both_succeed_and_leave_one_release(tmp_path):
    out = tmp_path / "release"
    command = [sys.executable, "-m", "catraffick_data", "build", "--root", str(ROOT), "--out", str(out)]
    first, second = (subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for _ in range(2))
    results = [p.communicate(timeout=600) + (p.returncode,) for p in (first, second)]
    assert [code for _, _, code in results] == [0, 0], results
    assert complete(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release"], "a hidden copy was left behind"


def test_a_release_folder_may_be_rebuilt_and_keeps_only_the_builds_files(built_release, tmp_path):
    out = tmp_path / "release"
    shutil.copytree(built_release, out)
    outfolder.check_out(out, ROOT, [ROOT / "raw"])  # its own files only: accepted
    (out / "data" / "extra.txt").write_text("mine")
    with pytest.raises(outfolder.OutRefused, match="data/extra.txt"):
        outfolder.check_out(out, ROOT, [ROOT / "raw"])
