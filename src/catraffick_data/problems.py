"""One problem found in the data, located so that a person can go and fix it.

Every check in the package reports through :class:`Problem`; the three output
formats (text, JSON, GitHub annotations) are rendered here and nowhere else.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None  # physical line in the file, 1-based; None for a whole-file problem
    column: int | None  # 1-based position of the column in the header, when known
    field: str | None  # column name
    rule: str  # short stable identifier, e.g. "type-number", "foreign-key"
    message: str
    value: str | None = None
    hint: str | None = None

    def place(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.rule, p.message))


def _shown(value: str | None, limit: int = 80) -> str:
    if value is None:
        return ""
    text = value if len(value) <= limit else value[:limit] + f"... ({len(value)} characters)"
    return repr(text)


def format_text(problems: list[Problem], checked: list[str]) -> str:
    lines = []
    for p in problems:
        where = p.place()
        field = f" {p.field}" if p.field else ""
        value = f" value {_shown(p.value)}" if p.value is not None else ""
        lines.append(f"{where}:{field}{value} [{p.rule}] {p.message}")
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    files = len(checked)
    if problems:
        lines.append(f"{len(problems)} problem(s) in {files} file(s) checked.")
    else:
        lines.append(f"OK: {files} file(s) checked, no problems.")
    return "\n".join(lines)


def format_json(problems: list[Problem], checked: list[str]) -> str:
    return json.dumps(
        {"valid": not problems, "checked": checked, "problem_count": len(problems),
         "problems": [asdict(p) for p in problems]},
        indent=2, ensure_ascii=False,
    )


def _escape_data(text: str) -> str:
    # GitHub workflow commands end at a newline and treat % specially.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: list[Problem], checked: list[str]) -> str:
    lines = []
    for p in problems:
        props = [f"file={_escape_property(p.file)}"]
        if p.line is not None:
            props.append(f"line={p.line}")
        if p.column is not None:
            props.append(f"col={p.column}")
        props.append(f"title={_escape_property(p.rule)}")
        field = f"{p.field}: " if p.field else ""
        value = f" (value {_shown(p.value)})" if p.value is not None else ""
        hint = f" Hint: {p.hint}" if p.hint else ""
        lines.append(f"::error {','.join(props)}::{_escape_data(field + p.message + value + hint)}")
    lines.append(f"{len(problems)} problem(s) in {len(checked)} file(s) checked.")
    return "\n".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
