"""`catraffick diff --format markdown`: the diff as a pull-request comment or a job summary shows it.

Everything taken from a release (table and column names, keys, cells) is untrusted: a pull request
writes it. It is shown only inside code spans, where GitHub renders no HTML, link or @mention, after
printable() has made it one visible line. Long lists fold into <details>, and the whole stays under
the size of a comment (65,536 characters), cut with a note that says how to see the rest.
"""
from __future__ import annotations

import re
from pathlib import PurePath

from .diff_conflicts import KINDS, conflict_id_words
from .diff_schema import schema_changes
from .printable import printable
from .versioning import VersionError, check, reasons

FOLD = 10  # rows listed before a table's rows fold away
CELL = 500  # characters of one cell shown
LIMIT = 60_000  # characters of the whole, leaving room under GitHub's comment limit
MARK = {"major": "**major** (breaking)", "minor": "**minor**", "patch": "**patch**"}


def code(text, limit: int = CELL) -> str:
    """`text` as a code span: one line, literal, whatever backticks it holds."""
    shown = printable(text, limit)
    if not shown:
        return "*(empty)*"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", shown)), default=0) + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") or shown.strip() == "" else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")  # a table cell ends at a pipe, even inside a code span


def _key(d: dict, key: str) -> str:
    columns = d.get("key") or ["key"]
    return f"{'|'.join(columns)} {code(key)}"


def _fold(summary: str, lines: list[str]) -> list[str]:
    if len(lines) <= FOLD:
        return lines
    return ["<details>", f"<summary>{summary}</summary>", "", *lines, "", "</details>"]


def _row(d: dict, key: str, cells: dict[str, str]) -> str:
    shown = [f"{code(c, 60)} {code(v)}" for c, v in cells.items() if c not in (d.get("key") or [])]
    return f"- {_key(d, key)}: " + " · ".join(shown)


def _table_section(name: str, d: dict) -> list[str]:
    n_added, n_removed, n_changed = len(d["added"]), len(d["removed"]), len(d["changed"])
    out = [f"### {code(name)}", ""]
    for what, keys, cells in (("added", d["added"], d.get("added_cells", {})),
                              ("removed", d["removed"], d.get("removed_cells", {}))):
        if keys:
            out += [f"**Rows {what}** ({len(keys)})", ""]
            out += _fold(f"{len(keys)} rows {what}", [_row(d, k, cells.get(k, {})) for k in keys]) + [""]
    if d["changed"]:
        lines = []
        for k, change in d["changed"].items():
            lines.append(f"- {_key(d, k)}")
            lines += [f"  - {code(c, 60)}: {code(old)} -> {code(new)}" for c, (old, new) in change.items()]
        out += [f"**Rows changed** ({n_changed}: old -> new)", ""]
        out += _fold(f"{n_changed} rows changed", lines) + [""]
    if not (n_added or n_removed or n_changed):
        out += ["No row changed.", ""]
    return out


def _schema_lines(result: dict) -> list[str]:
    return [f"- {'**breaking**: ' if c.breaking else ''}{c.words(code)}" for c in schema_changes(result)]


def _conflict_lines(result: dict) -> list[str]:
    conflicts = result.get("conflicts") or {}
    lines = []
    for what in KINDS:
        for c in conflicts.get(what, []):
            rows = ", ".join(code(f, 40) for f in (c.get("figures") or "").split(";") if f)
            ident = conflict_id_words(c, lambda t: code(t, 40))
            lines.append(f"- {what}: {ident} ({code(c['status'], 40)}, {code(c['kind'], 40)}) "
                         f"rows {rows}: {code(c['description'])}")
    return lines


def _version_line(result: dict) -> str:
    """The bump the change needs and whether the new version has it; names from the releases only in
    code spans, versions only once they are known to be MAJOR.MINOR.PATCH."""
    bump = result.get("bump")
    if bump is None:
        return "**No change to the data**: the version may stay as it is."
    try:
        checked = check(result)
    except VersionError as exc:
        why = ", ".join(code(reason, 200) for reason in reasons(result)[bump][:3])
        return f"This change needs a {MARK[bump]} version ({why}). {code(str(exc), 300)}"
    old, new, least = (".".join(map(str, v)) for v in (checked.old, checked.new, checked.least))
    state = "OK" if checked.ok else "**not bumped enough** for a release"
    why = ", ".join(code(reason, 200) for reason in checked.why)
    return (f"This change needs a {MARK[bump]} version ({why}). After {old} that is {least} or later; the new "
            f"release says {new}: {state}.")


def _counts_table(result: dict) -> list[str]:
    rows = [f"| {_cell(code(n))} | {len(d['added'])} | {len(d['removed'])} | {len(d['changed'])} |"
            for n, d in result["tables"].items() if d["added"] or d["removed"] or d["changed"]]
    if not rows:
        return []
    return ["| table | rows added | removed | changed |", "|---|---:|---:|---:|", *rows, ""]


def _title(result: dict) -> str:
    versions = result.get("versions") or {}
    old, new = (code(PurePath(result[k]).name or result[k], 80) for k in ("old", "new"))
    return (f"## Data diff: {old} (version {code(versions.get('old') or '?', 30)}) -> {new} "
            f"(version {code(versions.get('new') or '?', 30)})")


def format_markdown(result: dict, reproduce: str, status: tuple[int, str], limit: int = LIMIT) -> str:
    """The diff in GitHub-flavoured Markdown; its last line is `reproduce`, the command that shows it, and
    `status`, the exit status that command ends with and what it means (diff.outcome)."""
    head = [_title(result), "", _version_line(result), "", *_counts_table(result)]
    schema = _schema_lines(result)
    if schema:
        head += ["### Schema changes", "", *schema, ""]
    conflicts = _conflict_lines(result)
    if conflicts:
        head += ["### Conflicts", "", *conflicts, ""]
    tail = ["---", f"Run this locally, with the old release downloaded from the releases page: "
                   f"{code(reproduce, 1000)} (exit status {status[0]}: {status[1]})"]
    body, left_out = [], []
    used = sum(len(line) + 1 for line in head + tail) + 200
    for name, d in result["tables"].items():
        if not (d["added"] or d["removed"] or d["changed"]):
            continue
        section = _table_section(name, d)
        size = sum(len(line) + 1 for line in section)
        if used + size > limit:
            left_out.append(name)
            continue
        body += section
        used += size
    if left_out:
        body += [f"*The rows of {', '.join(code(n, 80) for n in left_out)} are left out: this summary keeps "
                 f"under {limit:,} characters. The command below shows them.*", ""]
    return "\n".join(head + body + tail)
