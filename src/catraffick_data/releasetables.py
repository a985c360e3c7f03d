"""The tables a release holds, from a validated package: the curated tables as validated, the conflict
register in place of the curated conflicts, the figure tables with the columns that flag their rows'
conflicts and small counts, and the link tables. `catraffick build` writes them; `catraffick diff`
compares a raw checkout through them, like with like."""
from __future__ import annotations

import pandas as pd

from .links import link_frame
from .model import Table
from .validate import Validation


def release_tables(validation: Validation) -> list[tuple[Table, pd.DataFrame]]:
    """(table, frame) per table: the conflict register replaces the curated conflicts, and every figure
    table gains the columns that flag its rows' conflicts and its small counts."""
    from .disagreements import flag_figures, register
    from .smallcounts import flag_small_counts

    package = validation.package
    frames = {name: data.frame for name, data in validation.tables.items()}
    conflicts, _, _ = register(package, frames)
    out = []
    for table in package.model.tables:
        frame = frames.get(table.name)
        if table.kind == "register":
            frame = conflicts
        elif table.is_figure_table:
            frame = flag_small_counts(table, flag_figures(frame, conflicts), frames)
        elif table.kind == "link":  # the export order puts a link table after the figure tables it splits
            frame = link_frame(table, package.model, {t.name: f for t, f in out})
        out.append((table, frame))
    return out
