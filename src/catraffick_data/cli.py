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
from .commands import (UsageError, cmd_build, cmd_conflicts, cmd_diff, cmd_render, cmd_rules, cmd_validate)
from .outfolder import OutRefused
from .printable import escape, path_text
from .problems import github_error
from .rawpackage import PackageError
from .releasereader import SnapshotError
from .versioning import VersionError

EXIT_USAGE, EXIT_INTERNAL = 2, 3


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
    b.add_argument("--previous", help="the previous release (folder or zip): its diff becomes the CHANGELOG; "
                                      "the version must be its version bumped as the change needs")
    b.add_argument("--unreleased", action="store_true",
                   help="a preview of changes not yet released (CI on a pull request): build even if the version "
                        "is not bumped, with a warning and a CHANGELOG headed 'Unreleased'")
    b.set_defaults(func=cmd_build)

    d = sub.add_parser("diff", help="rows added, removed and changed between two releases (or a release and raw/); "
                                    "exit 0 when they do not differ, 1 when they do",
                       description="Rows added, removed and changed, schema changes, new and closed conflicts, and "
                                   "the version bump the change needs. Exit status: 0 the releases do not differ, "
                                   "1 they differ (as diff and git diff --exit-code), 2 a usage error or a release "
                                   "that cannot be read; with --check-version, 0 the new version is bumped enough, "
                                   "1 it is not.")
    d.add_argument("old", help="a release folder or zip, or a package folder such as this checkout")
    d.add_argument("new", help="a release folder or zip, or a package folder such as this checkout")
    d.add_argument("--format", choices=["text", "json", "markdown"], default="text",
                   help="markdown: for a pull request or a job summary, long lists folded")
    d.add_argument("--check-version", action="store_true",
                   help="fail (exit 1) unless NEW's version is OLD's bumped at least as the change needs "
                        "(major: a table or column removed or renamed; minor: rows or columns added; patch: "
                        "rows corrected)")
    d.set_defaults(func=cmd_diff)

    c = sub.add_parser("conflicts", help="print the conflict register (from the raw package, or a release)")
    c.add_argument("--root", help="the package folder (default: found from the current folder upwards)")
    c.add_argument("--release", help="a release folder written by `catraffick build` (default: the raw package "
                                     "if run in a checkout, otherwise the release installed with the package)")
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.set_defaults(func=cmd_conflicts)

    r = sub.add_parser("rules", help="every problem validate can report: what it means, a hint, an example")
    r.add_argument("--format", choices=["text", "json"], default="text")
    r.set_defaults(func=cmd_rules)

    w = sub.add_parser("render", help="write datapackage.json, docs/codebook.md and the README's table list "
                                      "from the definitions in schemas/")
    w.add_argument("--root", help="the package folder (default: found from the current folder upwards)")
    w.set_defaults(func=cmd_render)
    return p


def _arrow_memory_defaults() -> None:
    """Ask Arrow's allocator (mimalloc) to commit memory only as it is used and to hand freed memory
    back within 5 ms. Its defaults keep hundreds of MB after a million-row file is parsed, raising the
    peak by about a tenth for nothing (0 ms returns as much but faults pages back in more often). Only
    before pyarrow is loaded, and a value already set wins."""
    if "pyarrow" not in sys.modules:
        os.environ.setdefault("MIMALLOC_PURGE_DELAY", "5")
        os.environ.setdefault("MIMALLOC_ARENA_EAGER_COMMIT", "0")


def main(argv: list[str] | None = None) -> int:
    _arrow_memory_defaults()
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (UsageError, PackageError, UnknownTableError, OutRefused, SnapshotError, VersionError) as exc:
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
