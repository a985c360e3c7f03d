"""Checks that a figure is quoted: its excerpt stands in the source's stored text, and its value_text
stands in the excerpt and says the row's number."""
from __future__ import annotations

import difflib

import pandas as pd

from ..distinct import each_distinct_row
from ..written_numbers import says, written_numbers
from .base import collector

CHECKS: list = []
row_check = collector(CHECKS)


@row_check("value-text-in-excerpt", ("value_text", "excerpt"), "value_text")
def _value_text_in_excerpt(df, ctx):
    return each_distinct_row(df, ["value_text", "excerpt"],
                             lambda t, e: not isinstance(t, str) or not isinstance(e, str) or t in e).astype(bool)


def _number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() and abs(n) < 1e18 else f"{n:g}"


def _says_problem(text, *numbers):
    """None when value_text writes every number given, else what it was read as."""
    if not isinstance(text, str):
        return None
    wrong = [(name, n) for name, n in zip(("value", "low", "high"), numbers) if not pd.isna(n) and not says(text, n)]
    if not wrong:
        return None
    read = sorted({_number(w.number) for w in written_numbers(text)}, key=float)
    what = f"reads as {', '.join(read)}" if read else "holds no number this package can read"
    rows = ", ".join(f"{name} {_number(n)}" for name, n in wrong)
    return f"value_text {text!r} {what}, not {rows}"


@row_check("value-text-says-value", ("value_text", "value", "low", "high"), "value")
def _value_text_says_value(df, ctx):
    return each_distinct_row(df, ["value_text", "value", "low", "high"], _says_problem)


def nearest_passage(excerpt: str, text: str) -> str:
    """The stretch of `text` most like `excerpt`: the excerpt's length, around the longest run of
    characters the two share (how "No. 1" against "No.1" is found quickly)."""
    matcher = difflib.SequenceMatcher(None, text, excerpt, autojunk=False)
    block = matcher.find_longest_match(0, len(text), 0, len(excerpt))
    start = max(0, block.a - block.b)
    return text[start:start + len(excerpt)].replace("\n", " ")


@row_check("excerpt-in-source", ("excerpt", "source"), "excerpt")
def _excerpt_in_source(df, ctx):
    def found(excerpt, source):
        text = ctx.source_texts.get(source)
        if text is None or not isinstance(excerpt, str) or excerpt in text:
            return None
        return (f"the excerpt is not in {ctx.source_files.get(source, 'the source text')}, character for "
                f"character; the nearest passage there is {nearest_passage(excerpt, text)!r}")
    return each_distinct_row(df, ["excerpt", "source"], found)
