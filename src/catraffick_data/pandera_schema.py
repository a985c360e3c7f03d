"""Render a table of the model into a pandera DataFrameSchema of its columns: types, empty cells,
constraints and text hygiene, keeping for every check the rule and hint a contributor is shown.

(pandera's own `from_frictionless_schema` leaves dates unchecked and key columns nullable; rendering from
the model covers both. Keys, foreign keys and row checks are frame checks: see frame_checks.py.)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .distinct import each_distinct
from .fieldtypes import DTYPES
from .model import Field, Table
from .printable import INVISIBLE, first_invisible
from .rulebook import rule
from .spreadsheet import is_formula

MAX_TEXT = 2000


@dataclass(frozen=True)
class Rule:
    """What a contributor is shown when a column check fails (the catalogue's words, or better ones)."""
    rule: str
    message: str
    hint: str


# Few passes over each text column find every cell a spreadsheet or a diff would mangle; the few cells
# found are then told apart (formula, spaces, line break) when they are reported. The tests are kept to
# what pyarrow computes itself: pandas falls back to Python's re, row by row, for \s or $ in a regex.
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # every character str.strip() removes
# Written with the characters themselves (none is special inside [...]) and \Z, not \s and $.
SUSPECT = f"^[{SPACES}=+\\-@]|[{SPACES}]\\Z|[\r\n]|{INVISIBLE}"


def text_trouble(text: str) -> tuple[str, str, str] | None:
    """(rule, message, hint) for one cell of text, or None when it is fine."""
    if "\n" in text or "\r" in text[1:]:
        found, message = "line-break", None
    elif is_formula(text):
        found, message = "spreadsheet-formula", None
    elif text != text.strip():
        found, message = "whitespace", None
    elif first_invisible(text):
        found = "invisible-character"
        message = f"{rule(found).message} ({first_invisible(text)})"
    else:
        return None
    return found, message or rule(found).message, rule(found).hint


def _text_ok(s: pd.Series) -> pd.Series:
    suspect = s.str.contains(SUSPECT, regex=True).fillna(False).astype(bool)
    if not suspect.any():
        return ~suspect
    flagged = s[suspect]
    troubled = np.array([text_trouble(t) is not None for t in flagged], dtype=bool)
    return pd.Series(~s.index.isin(flagged.index[troubled]), index=s.index)


def _column_check(test, text: bool = False) -> pa.Check:
    """A column check that passes empty cells itself. pandera's default (ignore_na) would first copy
    every column that has an empty cell without it: on a million rows, time and memory for nothing."""
    if text:
        return pa.Check(lambda s: each_distinct(s, test) | s.isna(), ignore_na=False)
    return pa.Check(lambda s: test(s) | s.isna(), ignore_na=False)


def text_checks() -> list[tuple[pa.Check, Rule]]:
    """Checks on every text column: what a spreadsheet or a diff would mangle, and runaway cells."""
    return [
        (_column_check(_text_ok, text=True), Rule("text", "", "")),  # rule, message, hint from text_trouble()
        (_column_check(lambda s: s.str.len() <= MAX_TEXT, text=True),
         Rule("cell-too-long", rule("cell-too-long").message, rule("cell-too-long").hint)),
    ]


def _constraint_checks(field: Field) -> list[tuple[pa.Check, Rule]]:
    cons, doc = field.constraints, field.description
    out: list[tuple[pa.Check, Rule]] = []
    if "enum" in cons:
        allowed = list(cons["enum"])
        out.append((_column_check(lambda s: s.isin(allowed)),
                    Rule("enum", rule("enum").message, "allowed: " + ", ".join(map(str, allowed)))))
    if "pattern" in cons:
        pattern = cons["pattern"]
        # fullmatch anchors the pattern itself; an explicit $ would send pandas to Python's re
        bare = pattern.removeprefix("^").removesuffix("$")
        out.append((_column_check(lambda s: s.str.fullmatch(bare)),
                    Rule("pattern", f"the text does not match the pattern {pattern}", doc)))
    if "minimum" in cons:
        low = cons["minimum"]
        out.append((_column_check(lambda s: s >= low), Rule("minimum", f"the value is smaller than {low}", doc)))
    if "maximum" in cons:
        high = cons["maximum"]
        out.append((_column_check(lambda s: s <= high), Rule("maximum", f"the value is greater than {high}", doc)))
    if "minLength" in cons:
        shortest = cons["minLength"]
        out.append((_column_check(lambda s: s.str.len() >= shortest),
                    Rule("min-length", f"the text is shorter than {shortest} characters", doc)))
    if "maxLength" in cons:
        longest = cons["maxLength"]
        out.append((_column_check(lambda s: s.str.len() <= longest),
                    Rule("max-length", f"the text is longer than {longest} characters", doc)))
    return out


def _free_text(table: Table, field: Field) -> bool:
    """Whether a text column can hold any text: one held to an enum, a pattern or a key of another
    table cannot start with = or a space, so the text checks would only cost time there."""
    return not ("enum" in field.constraints or "pattern" in field.constraints or field.references)


def render(table: Table, present: list[str]) -> tuple[pa.DataFrameSchema, dict[tuple[str, int], Rule]]:
    """The pandera schema of the columns of `table` present in a file, and for each of its checks
    (by column and check number) the rule a contributor is shown when it fails."""
    columns: dict[str, pa.Column] = {}
    rules: dict[tuple[str, int], Rule] = {}
    for field in table.fields:
        if field.name not in present:
            continue
        pairs = _constraint_checks(field) + (text_checks() if field.type == "string" and _free_text(table, field) else [])
        for number, (_, r) in enumerate(pairs):
            rules[(field.name, number)] = r
        columns[field.name] = pa.Column(DTYPES[field.type], checks=[c for c, _ in pairs],
                                        nullable=not (field.required or field.name in table.primary_key),
                                        coerce=False, name=field.name)
    return pa.DataFrameSchema(columns, strict=False, name=table.name), rules
