"""What every conflict rule shares: the Conflict it reports, the RuleInput it reads, and its helpers."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd

from .figures import period_text

POINT = {"exact", "about", "nearly"}


@dataclass
class Conflict:
    kind: str
    figures: list[str]
    description: str
    found_by: str
    magnitude: float | None = None
    magnitude_unit: str | None = None
    status: str = "open"
    notes: str | None = None

    @property
    def conflict_id(self) -> str:
        digest = hashlib.sha256(f"{self.found_by}|{';'.join(sorted(self.figures))}".encode()).hexdigest()
        return "cf-" + digest[:8]


@dataclass
class RuleInput:
    figures: pd.DataFrame  # figures.figure_frame
    breakdowns: pd.DataFrame = field(default_factory=pd.DataFrame)
    listed: dict[str, list[str]] = field(default_factory=dict)  # table -> ids of the rows it lists
    in_force: set[str] = field(default_factory=set)  # tables whose periods are periods in force (laws)


def groups(figs: pd.DataFrame, key: list[str]):
    """The groups of rows equal in `key` (empty cells equal too) that hold more than one row."""
    for _, group in figs.groupby(key, dropna=False, sort=True):
        if len(group) > 1:
            yield group


def about(row) -> str:
    return f"{row.measure}, {row.geography}, {period_text(row)}, {row.subgroup}"
