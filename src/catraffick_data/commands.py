"""What each `catraffick` command does; cli.py parses the arguments and turns errors into messages."""
from __future__ import annotations

import sys
from pathlib import Path

from .printable import escape, path_text
from .rawpackage import PackageError, RawPackage, find_root, open_package

EXIT_OK, EXIT_INVALID = 0, 1


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
    raw_files = {package.file(t).resolve() for t in package.tables.values()}
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
        result = build(package.root, Path(args.out), Path(args.previous) if args.previous else None,
                       unreleased=args.unreleased)
    except OSError as exc:
        if exc.filename is None:  # a write that failed (a full disk): the release is what could not be written
            exc.filename = args.out
        raise
    for note in result.notes:
        print(f"catraffick: {note}", file=sys.stderr)
    for warning in result.warnings:
        print(f"catraffick: warning: {escape(warning)}", file=sys.stderr)
        if args.format == "github":
            from .problems import github_warning

            print(github_warning(warning, "version not bumped"))
    if result.out is None:
        print(FORMATTERS[args.format](result.validation.problems, result.validation.checked))
        print("Nothing was written: fix the problems above and build again.", file=sys.stderr)
        return EXIT_INVALID
    print(f"Release written to {path_text(result.out)}")
    return EXIT_OK


def cmd_diff(args) -> int:
    """Exit 0 when the releases do not differ, 1 when they do; with --check-version, 0 when the new
    version is bumped as the change needs, 1 when it is not."""
    import json

    from .diff import diff, format_text, outcome
    from .diff_markdown import format_markdown
    from .versioning import check

    result = diff(Path(args.old), Path(args.new))
    status = outcome(result, args.check_version)
    if args.check_version:
        result["version_check"] = check(result).sentence
    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(format_markdown(result, reproduce=_diff_command(args), status=status))
    else:
        print(format_text(result))
    return EXIT_OK if status[0] == 0 else EXIT_INVALID


def _diff_command(args) -> str:
    """The command a contributor runs to see the same diff locally."""
    import shlex

    parts = ["catraffick", "diff", args.old, args.new, "--format", "markdown"]
    return shlex.join(parts + (["--check-version"] if args.check_version else []))


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
        from . import loading

        release = Path(args.release) if args.release else None
        if release is not None and not (release / "datapackage.json").is_file():
            raise UsageError(f"--release {path_text(release)} is not a release folder (one with a "
                             "datapackage.json); unzip a release zip first, or give the folder "
                             "`catraffick build` wrote")
        return _records(loading.load("conflicts", release=release))
    from .releasetables import release_tables
    from .problems import FORMATTERS
    from .validate import validate

    result = validate(root)
    if not result.ok:
        print(FORMATTERS["text"](result.problems, result.checked), file=sys.stderr)
        return None
    return _records(next(frame for table, frame in release_tables(result) if table.kind == "register"))


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


def cmd_rules(args) -> int:
    from .rulebook import format_rules

    print(format_rules(as_json=args.format == "json"))
    return EXIT_OK


def cmd_render(args) -> int:
    """Write what is rendered from schemas/ (datapackage.json, docs/codebook.md, the README's table list)
    and from raw/ (docs/coverage.md)."""
    from .codebook import render_docs

    package = open_package(Path(args.root) if args.root else find_root())
    rendered = render_docs(package.root, package.model)
    from .coverage import coverage
    from .validate import validate

    result = validate(package.root)
    if result.tables and all(t.name in result.tables for t in package.model.figure_tables):
        frames = {name: data.frame for name, data in result.tables.items()}
        rendered[package.root / "docs" / "coverage.md"] = coverage(package.model, frames)
    for path, text in rendered.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path_text(path.relative_to(package.root))}")
    return EXIT_OK
