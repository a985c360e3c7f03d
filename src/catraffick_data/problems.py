"""One problem found in the data, located so that a person can go and fix it.

Every check in the package reports through :class:`Problem`; the three output
formats (text, JSON, GitHub annotations) are rendered here and nowhere else.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from .printable import escape, path_text, shorten
from .repopaths import repository_path
from .rulebook import rule

MESSAGE_LIMIT = 1000  # a message or hint quoting a 50 MB header line is cut, saying by how much


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

    def __post_init__(self) -> None:
        rule(self.rule)  # a rule nobody can look up is a bug (rules.toml lists them all)
        # every Problem is shown somewhere: cut what came from a file to a length a reader can take in
        for name, limit in (("value", 200), ("field", 200), ("message", MESSAGE_LIMIT), ("hint", MESSAGE_LIMIT)):
            text = getattr(self, name)
            if isinstance(text, str) and len(text) > limit:
                object.__setattr__(self, name, shorten(text, limit))

    def place(self) -> str:
        parts = [path_text(self.file)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.rule, p.message))


def _shown(value: str | None) -> str:
    # already cut to length when the Problem was made; repr() writes controls, bidi and zero-width
    # characters and surrogates as escapes
    return "" if value is None else repr(value)


def format_text(problems: list[Problem], checked: list[str]) -> str:
    lines = []
    for p in problems:
        where = p.place()
        field = f" {escape(p.field)}" if p.field else ""
        value = f" value {_shown(p.value)}" if p.value is not None else ""
        lines.append(f"{where}:{field}{value} [{escape(p.rule)}] {escape(p.message)}")
        if p.hint:
            lines.append(f"    hint: {escape(p.hint)}")
    files = len(checked)
    if problems:
        lines.append(f"{len(problems)} problem(s) in {files} file(s) checked.")
    else:
        lines.append(f"OK: {files} file(s) checked, no problems.")
    return "\n".join(lines)


def format_json(problems: list[Problem], checked: list[str]) -> str:
    return json.dumps(
        {"valid": not problems, "checked": checked, "problem_count": len(problems),
         "problems": [{**asdict(p), "file": path_text(p.file)} for p in problems]},
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
        props = [f"file={_escape_property(path_text(repository_path(p.file)))}"]
        if p.line is not None:
            props.append(f"line={p.line}")
        if p.column is not None:
            props.append(f"col={p.column}")
        props.append(f"title={_escape_property(p.rule)}")
        field = f"{p.field}: " if p.field else ""
        value = f" (value {_shown(p.value)})" if p.value is not None else ""
        hint = f" Hint: {p.hint}" if p.hint else ""
        lines.append(f"::error {','.join(props)}::{_escape_data(escape(field + p.message + value + hint))}")
    lines.append(f"{len(problems)} problem(s) in {len(checked)} file(s) checked.")
    return "\n".join(lines)


def github_error(message: str, title: str = "catraffick") -> str:
    """A message that is not about one cell (a usage error), as a workflow command."""
    return f"::error title={_escape_property(title)}::{_escape_data(escape(message))}"


def github_warning(message: str, title: str = "catraffick") -> str:
    """A warning (not a failure) as a workflow command: it shows in the run's annotations."""
    return f"::warning title={_escape_property(title)}::{_escape_data(escape(message))}"


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
