"""What a spreadsheet would run as a formula: text starting with =, +, -, @, a tab or a carriage return,
unless the whole cell is a plain, finite number (-5 is a number; -x, -inf and +Infinity are not)."""
from __future__ import annotations

import re

import pandas as pd

from .fieldtypes import NUMBER as PLAIN_NUMBER

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_mask(texts: pd.Series) -> pd.Series:
    starts = texts.str[:1].isin(FORMULA_START)
    plain = texts.where(starts).str.fullmatch(PLAIN_NUMBER).fillna(False).astype(bool)
    return starts & ~plain


def is_formula(cell: str) -> bool:
    return cell[:1] in FORMULA_START and re.fullmatch(PLAIN_NUMBER, cell) is None
