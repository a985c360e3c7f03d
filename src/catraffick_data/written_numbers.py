"""Read the numbers a person wrote: `2,803`, `76.3%`, `$810 million`, `12–14`, `nine`, `one third`, `10th`.

Used to check that a row's `value_text` (the number as its excerpt writes it) says the same as its
`value`, `low` and `high`, so that a typo in either is caught.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CARDINALS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a": None, "an": None,  # only meaningful before a fraction ("a third")
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    # a superlative states first place
    "highest": 1, "largest": 1, "most": 1, "top": 1,
}
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}

TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:st|nd|rd|th)?"
    r"(?:\s*(?P<scale>thousand|million|billion))?"
    r"|(?P<word>[A-Za-z]+)"
)


@dataclass(frozen=True)
class Written:
    number: float
    tolerance: float  # a fraction in words ("one third") is compared at one decimal place
    step: float = 1.0  # the unit of the last digit written: 0.1 for "76.3%", 1e6 for "$810 million"


TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}


def _compound(text: str, tokens: list, i: int) -> tuple[float, int] | None:
    """A number written in several words from token i ("twenty-five", "one hundred ninety-five"): its
    value and how many tokens it takes, or None when token i does not start one."""
    def word(j):
        return tokens[j].group("word").lower() if j < len(tokens) and tokens[j].group("word") else None

    def joined(j):  # tokens j and j+1 are one number: a hyphen or a space between them
        return j + 1 < len(tokens) and text[tokens[j].end():tokens[j + 1].start()].strip(" -") == ""

    total, j = 0.0, i
    if word(j) in CARDINALS and CARDINALS[word(j)] and word(j + 1) == "hundred" and joined(j):
        total, j = CARDINALS[word(j)] * 100.0, j + 2
        if word(j) == "and" and joined(j - 1):  # "two hundred and six"
            j += 1
        if not (j < len(tokens) and joined(j - 1) and word(j) in CARDINALS and CARDINALS[word(j)]):
            return total, j - i
    if word(j) in TENS and joined(j) and word(j + 1) in CARDINALS and 0 < (CARDINALS[word(j + 1)] or 0) < 10:
        return total + CARDINALS[word(j)] + CARDINALS[word(j + 1)], j + 2 - i
    if j > i and word(j) in CARDINALS and CARDINALS[word(j)] and CARDINALS[word(j)] < 100:
        return total + CARDINALS[word(j)], j + 1 - i
    return None


def written_numbers(text: str) -> list[Written]:
    found: list[Written] = []
    tokens = list(TOKEN.finditer(text))
    skip = 0
    for i, m in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if m.group("num"):
            digits = m.group("num").replace(",", "")
            value = float(digits)
            step = 10.0 ** -len(digits.split(".")[1]) if "." in digits else 1.0
            if m.group("scale"):
                value *= SCALES[m.group("scale")]
                step *= SCALES[m.group("scale")]
            found.append(Written(value, 0.0, step))
            continue
        word = m.group("word").lower()
        compound = _compound(text, tokens, i)
        if compound is not None:
            found.append(Written(compound[0], 0.0))
            skip = compound[1] - 1
            continue
        following = tokens[i + 1].group("word") if i + 1 < len(tokens) and tokens[i + 1].group("word") else None
        if word in CARDINALS and following and following.lower() in FRACTIONS:
            count = CARDINALS[word] or 1
            found.append(Written(100.0 * count / FRACTIONS[following.lower()], 0.05, 0.1))
            skip = 1
        elif word in ("half",):
            found.append(Written(50.0, 0.0))
        elif word in CARDINALS and CARDINALS[word] is not None:
            value = float(CARDINALS[word])
            step = 1.0
            if following and following.lower() in SCALES:
                value *= SCALES[following.lower()]
                step = SCALES[following.lower()]
                skip = 1
            found.append(Written(value, 0.0, step))
        elif word in ORDINALS:
            found.append(Written(float(ORDINALS[word]), 0.0))
    return found


def says(text: str, number: float) -> bool:
    """Whether `text` writes `number` (exactly, or within a fraction's rounding)."""
    return any(abs(w.number - number) <= max(w.tolerance, 1e-9 * max(1.0, abs(number))) for w in written_numbers(text))


def precision(text: str | None, number: float) -> float | None:
    """The unit of the last digit with which `text` writes `number` (None when it does not write it)."""
    if not isinstance(text, str):
        return None
    steps = [w.step for w in written_numbers(text)
             if abs(w.number - number) <= max(w.tolerance, 1e-9 * max(1.0, abs(number)))]
    return min(steps) if steps else None
