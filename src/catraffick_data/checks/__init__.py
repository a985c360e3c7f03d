"""Checks on whole rows that a Table Schema cannot express, one module per subject; each module
declares its checks, and this list is all of them."""
from __future__ import annotations

from . import figures, quotes, references, sources
from .base import Context, RowCheck

ROW_CHECKS: list[RowCheck] = [*figures.CHECKS, *quotes.CHECKS, *references.CHECKS, *sources.CHECKS]


def checks_for(columns, kind: str) -> list[RowCheck]:
    """The row checks that apply to a table of `kind` with these columns."""
    present = set(columns)
    return [c for c in ROW_CHECKS if present.issuperset(c.columns) and (not c.kinds or kind in c.kinds)]


__all__ = ["Context", "RowCheck", "ROW_CHECKS", "checks_for"]
