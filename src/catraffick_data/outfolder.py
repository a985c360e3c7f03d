"""Where `catraffick build` may write a release, and how it replaces one there without ever leaving none.

`--out` may be a missing path, an empty folder, or a folder this command wrote before, which it knows
by the marker file it leaves there (the list of the files it wrote). Anything else is the user's and is
refused before any work: the package, a folder holding it, its inputs, a file, a folder of other files,
or a release that has gained files since it was written (they would be deleted with it).

A new release is written into a hidden sibling folder, then swapped into place. Where the system can
exchange two folders in one step (Linux's renameat2), a complete release stands at `--out` at every
instant. Elsewhere the swap is two renames recorded in a journal first, and a build killed between them
is finished by the next build, which says so before doing anything else. Builds into one parent folder
take turns (a lock on that folder); leftovers of killed builds are removed by the next one.
"""
from __future__ import annotations

import glob
import json
import os
import secrets
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

MARKER = ".catraffick-release.json"


class OutRefused(Exception):
    """`--out` names something the build must not replace."""


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _listing(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir() or p.is_symlink()}


def check_out(out: Path, root: Path, inputs: list[Path]) -> None:
    """Raise OutRefused, naming the reason and what to do, unless the build may write `out`."""
    out, target, package = Path(out), _real(out), _real(root)
    shown = f"--out {out}"
    if target == package:
        raise OutRefused(f"{shown} is the package folder itself; a release goes in a folder of its own, "
                         f"e.g. --out {root / 'release'}")
    if target in package.parents:
        raise OutRefused(f"{shown} holds the package ({root}); building there would replace it: "
                         "choose a new or empty folder")
    for item in inputs:
        real = _real(item)
        name = real.relative_to(package).as_posix() if package in real.parents else str(item)
        if target == real or real in target.parents:
            raise OutRefused(f"{shown} is {'' if target == real else 'inside '}the package's input {name}; "
                             "choose a folder outside the package's inputs, e.g. --out release")
        if target in real.parents:
            raise OutRefused(f"{shown} holds the package's input {name}; choose a new or empty folder")
    if out.is_symlink():
        raise OutRefused(f"{shown} is a symbolic link; give the folder it points to ({target})")
    if os.path.lexists(out) and not out.is_dir():
        raise OutRefused(f"{shown} is a file, not a folder; a release is a folder: choose another --out")
    if not out.is_dir() or not any(out.iterdir()):
        return
    marker = out / MARKER
    if not marker.is_file():
        sample = ", ".join(sorted(p.name for p in out.iterdir())[:5])
        raise OutRefused(f"{shown} is a folder of other files ({sample}), not a release this command wrote; "
                         "choose a new or empty folder (nothing was changed)")
    try:
        written = set(json.loads(marker.read_text(encoding="utf-8"))["files"])
    except (ValueError, KeyError, TypeError):
        raise OutRefused(f"{marker} is damaged, so the files of {out} cannot be told from yours; "
                         "move what you want to keep and delete the folder, or choose another --out") from None
    extra = sorted(_listing(out) - written - {MARKER})
    if extra:
        raise OutRefused(f"{shown} holds files the build did not write ({', '.join(extra[:5])}"
                         f"{', ...' if len(extra) > 5 else ''}); they would be deleted with the old release: "
                         "move them out first, or choose another --out")


def write_marker(folder: Path, version: str) -> None:
    """The last file of a release: which files the build wrote, so that a later build replaces only them."""
    files = sorted(_listing(folder) - {MARKER})
    body = {"written_by": "catraffick build", "version": version, "files": files}
    (folder / MARKER).write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")


def _hidden(out: Path, kind: str) -> Path:
    return out.parent / f".{out.name}.{kind}-{secrets.token_hex(4)}"


def _journal(out: Path) -> Path:
    return out.parent / f".{out.name}.swap.json"


def _recover(out: Path) -> list[str]:
    """Finish what a killed build left: the release restored at `out` if a swap was cut between its two
    renames, and every hidden folder a build left removed. Returns what was done, for the user."""
    notes = []
    journal = _journal(out)
    if journal.exists():
        try:
            names = json.loads(journal.read_text(encoding="utf-8"))
        except ValueError:
            names = {}
        if not os.path.lexists(out):
            for key in ("retired", "staging"):  # the release that stood there, else the new one
                kept = out.parent / str(names.get(key, ""))
                if names.get(key) and kept.is_dir():
                    os.rename(kept, out)
                    notes.append(f"a build was interrupted while replacing {out}; the release is back in place")
                    break
        journal.unlink()
    pattern = glob.escape(str(out.parent / f".{out.name}.")) + "*-*"
    for leftover in sorted(glob.glob(pattern)):
        if Path(leftover).is_dir() and Path(leftover).name.split(".")[-1].startswith(("building-", "previous-")):
            shutil.rmtree(leftover)
            notes.append(f"removed {leftover}, left by an interrupted build")
    return notes


@contextmanager
def exclusive(out: Path):
    """Hold the parent folder of `out` for this build alone, after recovering what a killed build left;
    yields the notes of that recovery."""
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # not a POSIX system: builds into one folder must not overlap
        yield _recover(out)
        return
    fd = os.open(out.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"catraffick: another build is writing in {out.parent}; waiting for it to finish", file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield _recover(out)
    finally:
        os.close(fd)  # releases the lock


def staging_folder(out: Path) -> Path:
    folder = _hidden(out, "building")
    folder.mkdir(mode=0o755)
    return folder


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: this kernel or file system cannot
        return False
    raise OSError(errno, os.strerror(errno), str(b))


def swap_into_place(staging: Path, out: Path) -> None:
    """Put the complete release in `staging` at `out`, removing the one it replaces."""
    if not os.path.lexists(out):
        os.rename(staging, out)
    elif _exchange(staging, out):
        shutil.rmtree(staging)  # it now holds the release that was replaced
    else:
        retired = _hidden(out, "previous")
        journal = _journal(out)
        journal.write_text(json.dumps({"staging": staging.name, "retired": retired.name}), encoding="utf-8")
        os.rename(out, retired)
        os.rename(staging, out)
        journal.unlink()
        shutil.rmtree(retired)
