"""Render a Table Schema into a pandera DataFrameSchema, with everything pandera's own importer drops.

pandera's `from_frictionless_schema` leaves dates unchecked, drops foreign keys and leaves composite
key columns nullable; this renderer covers all of them, adds the row checks of `table_checks`, and
keeps, for every pandera check it creates, the rule and hint a contributor is shown.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .fieldtypes import DTYPES
from .printable import INVISIBLE, first_invisible
from .rawpackage import TableSpec
from .spreadsheet import is_formula
from .table_checks import Context, checks_for, group_codes

MAX_TEXT = 2000


@dataclass(frozen=True)
class Rule:
    rule: str
    message: str
    hint: str
    columns: tuple[str, ...] = ()  # the columns a row check reads (to skip cells already reported)


# Few passes over each text column find every cell a spreadsheet or a diff would mangle; the few cells
# found are then told apart (formula, spaces, line break) when they are reported. The tests are kept to
# what pyarrow computes itself: pandas falls back to Python's re, row by row, for \s or $ in a regex.
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # every character str.strip() removes
# Written with the characters themselves (none is special inside [...]) and \Z, not \s and $.
SUSPECT = f"^[{SPACES}=+\\-@]|[{SPACES}]\\Z|[\r\n]|{INVISIBLE}"


def text_trouble(text: str) -> tuple[str, str, str] | None:
    """(rule, message, hint) for one cell of text, or None when it is fine."""
    if "\n" in text or "\r" in text[1:]:
        return ("line-break", "the cell holds a line break",
                "keep each cell on one line; if the break is unintended, a double quote is probably unclosed")
    if is_formula(text):
        return ("spreadsheet-formula", "the text starts like a spreadsheet formula (=, +, -, @, tab or carriage return)",
                "reword the cell so that it starts with a letter or digit, or put a quote mark before the sign")
    if text != text.strip():
        return ("whitespace", "the text starts or ends with spaces", "remove the spaces around the text")
    hidden = first_invisible(text)
    if hidden:
        return ("invisible-character", f"the text holds an invisible or direction-changing character ({hidden})",
                "delete it: bidi controls and zero-width characters make a reader see other text than the file holds")
    return None


def _text_ok(s: pd.Series) -> pd.Series:
    suspect = s.str.contains(SUSPECT, regex=True).fillna(False).astype(bool)
    if not suspect.any():
        return ~suspect
    flagged = s[suspect]
    troubled = np.array([text_trouble(t) is not None for t in flagged], dtype=bool)
    return pd.Series(~s.index.isin(flagged.index[troubled]), index=s.index)


SAMPLE = 10_000  # leading cells of a column looked at to tell whether it repeats its texts


def _once_per_value(test):
    """`test` run on each distinct text of a column once. A contributed file repeats its texts (one
    excerpt for many figures, the same notes and locators), and a regular expression over a long text
    costs far more than hashing it. A column whose first SAMPLE cells are mostly distinct is tested
    cell by cell, as hashing would then only add to the cost."""
    def run(s: pd.Series) -> pd.Series:
        if len(s) <= SAMPLE or s.iloc[:SAMPLE].nunique() > SAMPLE // 2:
            return test(s)
        codes, uniques = pd.factorize(s)  # an empty cell gets -1
        if not len(uniques):
            return test(s)
        passed = pd.Series(test(pd.Series(uniques, dtype=s.dtype))).to_numpy(dtype=bool, na_value=False)
        return pd.Series(np.where(codes >= 0, passed[codes], False), index=s.index)
    return run


def _column_check(test, text: bool = False) -> pa.Check:
    """A column check that passes empty cells itself. pandera's default (ignore_na) would first copy
    every column that has an empty cell without it: on a million rows, time and memory for nothing."""
    if text:
        test = _once_per_value(test)
    return pa.Check(lambda s: test(s) | s.isna(), ignore_na=False)


def text_checks() -> list[tuple[pa.Check, Rule]]:
    """Checks on every text column: what a spreadsheet or a diff would mangle, and runaway cells."""
    return [
        (_column_check(_text_ok, text=True), Rule("text", "", "")),  # rule, message, hint from text_trouble()
        (_column_check(lambda s: s.str.len() <= MAX_TEXT, text=True),
         Rule("cell-too-long", f"the cell is longer than {MAX_TEXT} characters",
              "cells hold short texts; put long explanations in the documentation")),
    ]


def _constraint_checks(field: dict) -> list[tuple[pa.Check, Rule]]:
    cons = field.get("constraints", {})
    doc = field.get("description", "")
    out: list[tuple[pa.Check, Rule]] = []
    if "enum" in cons:
        allowed = list(cons["enum"])
        out.append((_column_check(lambda s: s.isin(allowed)),
                    Rule("enum", "the value is not one of the allowed values", "allowed: " + ", ".join(map(str, allowed)))))
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


def _key_values(df: pd.DataFrame, fields: list[str]):
    if len(fields) == 1:
        return df[fields[0]]
    return pd.Series(list(zip(*(df[f] for f in fields))), index=df.index)


def _foreign_key_check(spec: TableSpec, fk: dict, ctx: Context) -> tuple[object, Rule]:
    fields, resource, ref = fk["fields"], fk["resource"], fk["ref_fields"]
    self_ref = resource == spec.name

    def passes(df: pd.DataFrame) -> pd.Series:
        keys = set(_key_values(df, ref).dropna()) if self_ref else ctx.keys.get((resource, tuple(ref)), set())
        values = _key_values(df, fields)
        empty = values.isna() if len(fields) == 1 else df[fields].isna().any(axis=1)
        return empty | values.isin(keys)

    where = f"{resource}.{'/'.join(ref)}"
    return passes, Rule("foreign-key", f"the value is not a {where} of the package",
                        f"add the row to {resource} first, or use an existing {'/'.join(ref)}", tuple(fields))


def _unique_check(spec: TableSpec, names: list[str]) -> tuple[object, Rule]:
    """Rows whose values in `names` (a key) are used by no other row; a row with an empty key cell is
    left to the `required` rule.

    A frame check rather than pandera's unique=True, which hashes a million ids twice (nunique, then
    duplicated) through pandas' object path; here they are factorised once, in Arrow."""
    def passes(df: pd.DataFrame) -> pd.Series:
        codes = group_codes(df, names)
        repeated = np.bincount(codes)[codes] > 1
        return pd.Series(~repeated, index=df.index) | df[names].isna().any(axis=1)

    rule = "primary-key" if spec.primary_key == names else "unique"
    return passes, Rule(rule, "the value is used by more than one row", "give every row its own key", tuple(names))


def _free_text(spec: TableSpec, field: dict) -> bool:
    """Whether a text column can hold any text: one held to an enum, a pattern or a key of another
    table cannot start with = or a space, so the text checks would only cost time there."""
    cons = field.get("constraints", {})
    keyed = any(field["name"] in fk["fields"] for fk in spec.foreign_keys)
    return not ("enum" in cons or "pattern" in cons or keyed)


@dataclass
class RenderedSchema:
    schema: pa.DataFrameSchema
    column_rules: dict[tuple[str, int], Rule]  # (column, check_number) -> rule
    frame_rules: dict[int, tuple[Rule, str]]  # check_number -> (rule, column reported on)
    frame_tests: list  # check_number -> the function each frame check runs: frame -> bool per row


def render(spec: TableSpec, present: list[str], ctx: Context) -> RenderedSchema:
    """The pandera schema for the columns of `spec` present in a file, with row checks that fit them."""
    columns: dict[str, pa.Column] = {}
    column_rules: dict[tuple[str, int], Rule] = {}
    pk = spec.primary_key
    keyed: list[list[str]] = [pk] if len(pk) > 1 and set(pk) <= set(present) else []  # each must be unique
    for field in spec.fields:
        name = field["name"]
        if name not in present:
            continue
        kind = field.get("type", "string")
        pairs = _constraint_checks(field) + (text_checks() if kind == "string" and _free_text(spec, field) else [])
        for number, (_, rule) in enumerate(pairs):
            column_rules[(name, number)] = rule
        cons = field.get("constraints", {})
        if cons.get("unique") or pk == [name]:
            keyed.append([name])
        columns[name] = pa.Column(
            DTYPES[kind], checks=[c for c, _ in pairs],
            nullable=not (cons.get("required") or name in pk),
            coerce=False, name=name,
        )
    frame_tests: list = []
    frame_rules: dict[int, tuple[Rule, str]] = {}
    for names in keyed:
        test, rule = _unique_check(spec, names)
        frame_rules[len(frame_tests)] = (rule, names[0])
        frame_tests.append(test)
    for fk in spec.foreign_keys:
        if set(fk["fields"]) <= set(present):
            test, rule = _foreign_key_check(spec, fk, ctx)
            frame_rules[len(frame_tests)] = (rule, fk["fields"][0])
            frame_tests.append(test)
    for rc in checks_for(present):
        frame_rules[len(frame_tests)] = (Rule(rc.rule, rc.message, rc.hint, rc.columns), rc.report)
        frame_tests.append(lambda df, fn=rc.passes: fn(df, ctx))
    # ignore_na=False: every row check decides about empty cells itself, and pandera's own handling
    # tests every cell of the frame for emptiness after each check
    frame_checks = [pa.Check(test, ignore_na=False) for test in frame_tests]
    schema = pa.DataFrameSchema(columns, checks=frame_checks, strict=False, name=spec.name)
    return RenderedSchema(schema, column_rules, frame_rules, frame_tests)
