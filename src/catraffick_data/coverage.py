"""docs/coverage.md: for each measure and place, which periods the figures cover and from which sources,
so that the gaps of every series are visible. Rendered from the raw tables by `catraffick render`."""
from __future__ import annotations

import pandas as pd

from .disagreements.figures import period_text


def coverage(model, frames: dict[str, pd.DataFrame]) -> str:
    rows = []
    for table in model.figure_tables:
        df = frames[table.name]
        own = [c for c in table.dimensions if c in df.columns]
        whole = df["subgroup"] == "all"
        for column in own:  # the figures about the whole: dimensions at "all" where the column has it
            if table.field(column).enum and "all" in table.field(column).enum:
                whole &= df[column] == "all"
        df = df[whole & df["period_start"].notna()]
        for (measure, geography), group in df.groupby(["measure", "geography"], sort=True):
            by_period: dict[str, set] = {}
            for r in group.sort_values("period_start").itertuples(index=False):
                by_period.setdefault(period_text(r), set()).add(r.source)
            periods = "; ".join(f"{p}: {', '.join(sorted(s))}" for p, s in by_period.items())
            years = sorted({y for r in group.itertuples(index=False)
                            for y in range(r.period_start.year, r.period_end.year + 1)})
            gaps = [y for y in range(years[0], years[-1] + 1) if y not in years]
            rows.append(f"| `{measure}` | `{geography}` | {years[0]}-{years[-1]} | "
                        f"{', '.join(map(str, gaps)) or 'none'} | {periods} |")
    head = ["# Coverage: which periods each measure covers, and from whom", "",
            "For each measure and place, the periods the figures about the whole population cover (subgroup `all`, "
            "a table's own columns at `all`), the years in between that no figure covers, and the sources of each "
            "period. Rendered from raw/ by `catraffick render`; do not edit by hand.", "",
            "| measure | place | years | years not covered | periods and sources |", "|---|---|---|---|---|"]
    return "\n".join(head + rows) + "\n"
