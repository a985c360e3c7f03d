"""What a spreadsheet would run as a formula: text starting with =, +, -, @, a tab or a carriage return,
unless the whole cell is a number (-5 is a number; -x is a formula)."""
from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_mask(texts: pd.Series) -> pd.Series:
    starts = texts.str[:1].isin(FORMULA_START)
    numeric = pd.to_numeric(texts.where(starts), errors="coerce").notna()
    return starts & ~numeric
