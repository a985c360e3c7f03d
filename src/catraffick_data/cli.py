"""The `catraffick` command: validate raw tables or contributed rows, and build a release.

Exit status: 0 valid, 1 invalid data, 2 a usage error or an input or output the command cannot use (a
missing or unreadable file, a full disk, an --out that is not the build's to write), each a one-line
message naming the path; 3 is a bug, reported without a traceback unless --debug is given.
"""
from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
from pathlib import Path

from .catalog import UnknownTableError
from .outfolder import OutRefused
from .printable import escape, path_text
from .problems import github_error
from .rawpackage import PackageError, RawPackage, find_root, open_package
from .releasereader import SnapshotError

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    pass


def _table_for(path: Path, package: RawPackage, explicit: str | None) -> str:
    """Which table a contributed CSV adds rows to: --table, else the file name, else its header."""
    names = list(package.tables)
    if explicit:
        if explicit not in package.tables:
            raise UsageError(f"unknown table {explicit!r}; the tables are: {', '.join(names)}")
        return explicit
    for name in sorted(names, key=len, reverse=True):
        if path.stem == name or path.stem.startswith(name + "-") or path.stem.startswith(name + "_"):
            return name
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            header = fh.readline().strip().split(",")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    for name, spec in package.tables.items():
        if header == spec.field_names:
            return name
    raise UsageError(f"cannot tell which table {path} adds rows to; name the file after the table "
                     f"(e.g. hotline_counts-new.csv) or pass --table, one of: {', '.join(names)}")


def _resolve(args) -> tuple[RawPackage, list[tuple[Path, str]]]:
    root = Path(args.root) if args.root else None
    contributed: list[Path] = []
    for p in getattr(args, "paths", []) or []:
        path = Path(p)
        if path.is_dir() or path.name == "datapackage.json":
            root = path if path.is_dir() else path.parent
        elif path.suffix.lower() in (".csv", ".txt", ".tsv") or path.is_file():
            contributed.append(path)
        else:
            raise UsageError(f"{path_text(p)} does not exist")
    root = find_root() if root is None else root
    package = open_package(root)
    raw_files = {spec.path.resolve() for spec in package.tables.values()}
    pairs = []
    for path in contributed:
        if not path.exists():
            raise UsageError(f"{path_text(path)} does not exist")
        if not path.is_file():
            raise UsageError(f"{path_text(path)} is not a regular file (a FIFO or device is not read); "
                             "save the rows as a CSV file")
        if path.resolve() in raw_files:
            continue  # a raw table is checked anyway, as part of its package
        pairs.append((path, _table_for(path, package, args.table)))
    return package, pairs


def cmd_validate(args) -> int:
    from .arrowcsv import prefetch  # pyarrow only

    package, pairs = _resolve(args)
    # Arrow parses the contributed files (on its own threads) while pandas and pandera are imported
    prefetched = {path: prefetch(path, package.tables[table].field_names) for path, table in pairs}
    from .problems import FORMATTERS
    from .validate import validate

    result = validate(package.root, pairs, prefetched)
    print(FORMATTERS[args.format](result.problems, result.checked))
    return EXIT_OK if result.ok else EXIT_INVALID


def cmd_build(args) -> int:
    from .build import build
    from .problems import FORMATTERS

    package, _ = _resolve(args)
    try:
        result = build(package.root, Path(args.out), Path(args.previous) if args.previous else None)
    except OSError as exc:
        if exc.filename is None:  # a write that failed (a full disk): the release is what could not be written
            exc.filename = args.out
        raise
    for note in result.notes:
        print(f"catraffick: {note}", file=sys.stderr)
    if result.out is None:
        print(FORMATTERS[args.format](result.validation.problems, result.validation.checked))
        print("Nothing was written: fix the problems above and build again.", file=sys.stderr)
        return EXIT_INVALID
    print(f"Release written to {path_text(result.out)}")
    return EXIT_OK


def cmd_diff(args) -> int:
    import json

    from .diff import diff, format_text

    result = diff(Path(args.old), Path(args.new))
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.format == "json" else format_text(result))
    return EXIT_OK


def _records(frame) -> list[dict]:
    import pandas as pd

    return frame.astype(object).where(pd.notna(frame), None).to_dict("records")


def _register_records(args) -> list[dict] | None:
    """The register computed from the raw package of a checkout, else read from a release."""
    root = None
    if not args.release:
        try:
            root = Path(args.root) if args.root else find_root()
        except PackageError:
            if args.root:
                raise
    if root is None:
        from . import catalog, loading

        if args.release:  # this process only: load() reads the release named by the variable
            release = Path(args.release)
            if not (release / "datapackage.json").is_file():
                raise UsageError(f"--release {path_text(release)} is not a release folder (one with a "
                                 "datapackage.json); unzip a release zip first, or give the folder "
                                 "`catraffick build` wrote")
            os.environ[catalog.RELEASE_ENV] = str(args.release)
        return _records(loading.load("conflicts"))
    from .build import release_tables
    from .problems import FORMATTERS
    from .validate import validate

    result = validate(root)
    if not result.ok:
        print(FORMATTERS["text"](result.problems, result.checked), file=sys.stderr)
        return None
    return _records(next(frame for spec, _, frame in release_tables(result) if spec.name == "conflicts"))


def cmd_conflicts(args) -> int:
    import json

    records = _register_records(args)
    if records is None:
        print("The raw package has problems (above): fix them to see its conflicts.", file=sys.stderr)
        return EXIT_INVALID
    if args.format == "json":
        print(json.dumps(records, indent=2, ensure_ascii=False))
        return EXIT_OK
    for r in records:
        by = "curated" if r["found_by"] == "curated" else f"rule {r['found_by']}"
        print(f"{r['conflict_id']}  {r['kind']}  ({by}, {r['status']})")
        print(f"    {r['description']}")
        print(f"    rows: {r['figures'].replace(';', ', ')}")
        if r["notes"]:
            print(f"    notes: {r['notes']}")
    open_count = sum(r["status"] == "open" for r in records)
    print(f"{len(records)} conflict(s), {open_count} open.")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = Parser(prog="catraffick", description=__doc__.splitlines()[0])
    p.add_argument("--debug", action="store_true", help="show a traceback on an internal error")
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="check the raw tables, or a CSV of new rows with them")
    v.add_argument("paths", nargs="*", metavar="PATH",
                   help="a package folder or datapackage.json, or a CSV of new rows for one table (default: the raw package)")
    v.add_argument("--table", help="the table a contributed CSV adds rows to (default: from its file name or header)")
    v.add_argument("--root", help="the package folder (default: found from the current folder upwards)")
    v.add_argument("--format", choices=["text", "json", "github"], default="text")
    v.set_defaults(func=cmd_validate)

    b = sub.add_parser("build", help="validate, then write a release (CSV, Parquet, datapackage.json)")
    b.add_argument("--out", default="release", help="the release folder (default: ./release)")
    b.add_argument("--root", help="the package folder (default: found from the current folder upwards)")
    b.add_argument("--format", choices=["text", "json", "github"], default="text", help="how to print problems")
    b.add_argument("--previous", help="the previous release (folder or zip): its diff becomes the CHANGELOG")
    b.set_defaults(func=cmd_build)

    d = sub.add_parser("diff", help="rows added, removed and changed between two releases (or a release and raw/)")
    d.add_argument("old", help="a release folder or zip, or a package folder such as this checkout")
    d.add_argument("new", help="a release folder or zip, or a package folder such as this checkout")
    d.add_argument("--format", choices=["text", "json"], default="text")
    d.set_defaults(func=cmd_diff)

    c = sub.add_parser("conflicts", help="print the conflict register (from the raw package, or a release)")
    c.add_argument("--root", help="the package folder (default: found from the current folder upwards)")
    c.add_argument("--release", help="a release folder written by `catraffick build` (default: the raw package "
                                     "if run in a checkout, otherwise the release installed with the package)")
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.set_defaults(func=cmd_conflicts)
    return p


def _arrow_memory_defaults() -> None:
    """Ask Arrow's allocator (mimalloc) to commit memory only as it is used and to hand freed memory
    back within 5 ms. Its defaults keep hundreds of MB after a million-row file is parsed, raising the
    peak by about a tenth for nothing (0 ms returns as much but faults pages back in more often). Only
    before pyarrow is loaded, and a value already set wins."""
    if "pyarrow" not in sys.modules:
        os.environ.setdefault("MIMALLOC_PURGE_DELAY", "5")
        os.environ.setdefault("MIMALLOC_ARENA_EAGER_COMMIT", "0")


ADVICE = {
    errno.EACCES: "check its permissions", errno.EPERM: "check its permissions",
    errno.ENOSPC: "free some disk space and run the command again",
    errno.EDQUOT: "free some disk space and run the command again",
    errno.EROFS: "that file system is read-only: choose a place you can write to",
    errno.ENOENT: "check that it exists", errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder, where a file is needed", errno.ENAMETOOLONG: "choose a shorter path",
}


def os_error_message(exc: OSError) -> str:
    """One line naming the path, what the system said, and what to do."""
    if exc.filename is None:
        return f"{exc}"
    where = path_text(exc.filename) + (f" -> {path_text(exc.filename2)}" if exc.filename2 else "")
    advice = ADVICE.get(exc.errno)
    return f"{where}: {exc.strerror or exc}" + (f"; {advice}" if advice else "")


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse echoes arguments as given: one line, controls escaped
        super().error(escape(message))


def _usage_error(args, message: str) -> int:
    print(f"catraffick: {escape(message)}", file=sys.stderr)
    if getattr(args, "format", None) == "github":
        print(github_error(message))
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    _arrow_memory_defaults()
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (UsageError, PackageError, UnknownTableError, OutRefused, SnapshotError) as exc:
        return _usage_error(args, str(exc))
    except OSError as exc:
        return _usage_error(args, os_error_message(exc))
    except Exception as exc:  # a bug, not bad data: say so without a wall of traceback
        if args.debug:
            raise
        print(f"catraffick: internal error: {type(exc).__name__}: {escape(str(exc))} (run with --debug for "
              "details, and please report it)", file=sys.stderr)
        return EXIT_INTERNAL


def run() -> None:
    """The `catraffick` command: main(), then exit without tearing down the heap object by object,
    which after a million-row file takes a quarter of a second and changes nothing."""
    if hasattr(signal, "SIGPIPE"):  # a reader that stops early (| head) ends the command quietly, as it does cat
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader that stopped early (| head), or a closed stream
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
