"""A measure's chart: every figure of the measure on one value axis, one row per statement (place,
period, subgroup and the table's own dimensions), each source its own series.

Figures that state the same thing stand on the same row, so sources that disagree are seen side by
side; a range is a bar between its bounds. Each source has its own marker shape as well as its colour
(the chart reads in black and white); a deprecated figure is drawn hollow; a figure in conflict has a
black ring that links to the conflict, and every point links to its figure's card.

Rendered with matplotlib as SVG: text stays text (svg.fonttype none), element ids come from a fixed
salt and no date is written, so the same figures give the same bytes. `render` is a pure function of
its spec and is cached: a process that builds several releases of the same data draws each chart once.
"""
from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from html import escape

# Okabe and Ito's palette (distinct for colour-blind readers), darkened where white would wash it out
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D1F", "#7F7F7F")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "h", "*")
WIDTH = 7.5  # inches; the page scales the SVG to its column
LABEL_CHARS = 38  # a row label wraps beyond this


@dataclass(frozen=True)
class Point:
    row: int
    series: int
    low: float
    high: float  # low == high for a single value
    hollow: bool  # deprecated
    label: str  # the value as written
    url: str  # the figure's card
    conflict_url: str | None  # its first conflict, when it is in one


@dataclass(frozen=True)
class Spec:
    salt: str  # unique per chart: the ids inside the SVG
    rows: tuple[str, ...]
    series: tuple[str, ...]  # legend label of each source
    series_ids: tuple[str, ...]  # the source_id of each: its group's id is series-<source_id> (series-<id>--2 in panel 2)
    points: tuple[Point, ...]
    axis_label: str
    percent: bool
    title: str  # the chart's short text alternative
    description: str  # its long one
    shared: str = ""  # what every figure of the chart is about (place, period...), said above it
    # (title, rows) of each panel, in order, rows counted from the top; () draws one panel of every row.
    # Each panel has its own value axis: places whose figures differ tenfold are each read on their own scale.
    panels: tuple[tuple[str, int], ...] = ()


def _wrap(label: str) -> str:
    return "\n".join(textwrap.wrap(label, LABEL_CHARS)) or label


def _lanes(points: tuple[Point, ...]) -> dict[Point, float]:
    """Each point's height within its row: the figures of a row side by side, a source's together, so
    equal values (from different sources, or twice from one) are all seen."""
    by_row: dict[int, list[Point]] = {}
    for p in sorted(points, key=lambda p: (p.row, p.series)):
        by_row.setdefault(p.row, []).append(p)
    out = {}
    for row, mine in by_row.items():
        step = 0.7 / len(mine) if len(mine) > 1 else 0
        for i, p in enumerate(mine):
            out[p] = row + (i - (len(mine) - 1) / 2) * step
    return out


@lru_cache(maxsize=512)
def render(spec: Spec) -> str:
    """The chart as an SVG document."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    rc = {"svg.hashsalt": spec.salt, "svg.fonttype": "none", "svg.id": f"chart-{spec.salt}",
          "font.family": "DejaVu Sans", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False}
    with matplotlib.rc_context(rc):
        rows = [_wrap(r) for r in spec.rows]
        y = _lanes(spec.points)
        per_row = max(sum(1 for p in spec.points if p.row == r) for r in range(len(rows)))
        row_h = max(0.17 * max(r.count("\n") + 1 for r in rows), 0.15 * per_row) + 0.12
        hollow, marked = any(p.hollow for p in spec.points), [p for p in spec.points if p.conflict_url]
        entries = len(spec.series) + hollow + bool(marked)
        columns = 2 if max(len(n) for n in spec.series) <= 44 else 1  # a long name takes the whole width
        legend_rows = math.ceil(entries / columns)
        panels = spec.panels or (("", len(rows)),)
        titled = 0.3 if spec.panels else 0.0
        heights = [max(1.0, row_h * n) if not spec.panels else row_h * n + 0.15 for _, n in panels]
        axis_h = 0.45  # each panel's value labels and unit
        bottom_h = 0.1 + 0.22 * legend_rows
        height = sum(heights) + len(panels) * (titled + axis_h) + bottom_h + 0.15
        fig = Figure(figsize=(WIDTH, height))
        left = min(0.45, (0.065 * max(len(line) for r in rows for line in r.split("\n")) + 0.25) / WIDTH)
        top_in, first = height - 0.15, 0
        for k, ((title, n), panel_h) in enumerate(zip(panels, heights)):
            top_in -= titled
            bottom_in = top_in - panel_h
            ax = fig.add_axes((left, bottom_in / height, 0.97 - left - 0.1, panel_h / height))
            if title:
                ax.text(-left / (0.97 - left - 0.1), 1 + 0.12 / panel_h, title, transform=ax.transAxes,
                        ha="left", va="bottom", fontsize=10, fontweight="bold")
            mine = [p for p in spec.points if first <= p.row < first + n]
            _panel(ax, spec, rows[first:first + n], mine, first, y, panel_h, "" if k == 0 else f"--{k + 1}")
            top_in = bottom_in - axis_h
            first += n
        handles = [Line2D([], [], ls="none", marker=MARKERS[s % len(MARKERS)], color=COLOURS[s % len(COLOURS)],
                          markersize=7, label=name) for s, name in enumerate(spec.series)]
        if hollow:
            handles.append(Line2D([], [], ls="none", marker="o", markerfacecolor="white", markeredgecolor="#333333",
                                  markersize=7, label="hollow: deprecated figure"))
        if marked:
            handles.append(Line2D([], [], ls="none", marker="o", markerfacecolor="none", markeredgecolor="black",
                                  markersize=12, label="ring: figure in a conflict"))
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.01), ncol=columns, frameon=False,
                   fontsize=8, handletextpad=0.3, columnspacing=1.5)
        import io

        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
    return _labelled(out.getvalue(), spec)


def _panel(ax, spec: Spec, rows: list[str], points: list[Point], first: int, y: dict, height: float,
           suffix: str) -> None:
    """One panel: its rows (`first` is the first one's index in the chart), its points, its value axis;
    `height` in inches. `suffix` keeps the ids of a later panel's groups apart from the first panel's."""
    from matplotlib.ticker import MaxNLocator

    for s in sorted({p.series for p in points}):
        mine = [p for p in points if p.series == s]
        colour, marker = COLOURS[s % len(COLOURS)], MARKERS[s % len(MARKERS)]
        ranges = [p for p in mine if p.low != p.high]
        if ranges:
            bars = ax.hlines([y[p] - first for p in ranges], [p.low for p in ranges],
                             [p.high for p in ranges], colors=colour, linewidth=2.2, zorder=2)
            bars.set_gid(f"ranges-{spec.series_ids[s]}{suffix}")
        xs, ys, faces, urls = [], [], [], []
        for p in mine:
            for x in sorted({p.low, p.high}):
                xs.append(x)
                ys.append(y[p] - first)
                faces.append("white" if p.hollow else colour)
                urls.append(p.url)
        dots = ax.scatter(xs, ys, s=46, marker=marker, facecolors=faces, edgecolors=colour, linewidths=1.5, zorder=4)
        dots.set_gid(f"series-{spec.series_ids[s]}{suffix}")
        dots.set_urls(urls)
        for p in mine:
            ax.annotate(p.label, (p.high, y[p] - first), xytext=(7, 0),
                        textcoords="offset points", va="center", fontsize=7.5, color="#222222")
    marked = [p for p in points if p.conflict_url]
    if marked:
        rings = ax.scatter([p.high for p in marked], [y[p] - first for p in marked],
                           s=190, marker="o", facecolors="none", edgecolors="black", linewidths=1.1, zorder=3)
        rings.set_gid(f"conflicts{suffix}")
        rings.set_urls([p.conflict_url for p in marked])
    # row labels as plain text: a tick per row would cost a line, two markers and a grid line each
    ax.set_yticks([])
    labels_at = ax.get_yaxis_transform()
    for i, label in enumerate(rows):
        ax.text(-0.012, i, label, transform=labels_at, ha="right", va="center", fontsize=9)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    top = max(p.high for p in points)
    floor = min(p.low for p in points)
    lo, hi = (0 if floor >= 0 else floor * 1.1), (top if top > 0 else 1) * 1.22
    ax.set_xlim(lo, hi)
    # the value axis drawn as grid lines and labels: matplotlib's tick objects cost more than the rest
    ax.set_xticks([])
    ticks = [v for v in MaxNLocator(nbins=6).tick_values(lo, hi) if lo <= v <= hi]
    ax.vlines(ticks, -0.5, len(rows) - 0.5, colors="#cccccc", linewidth=0.6, zorder=0)
    along = ax.get_xaxis_transform()
    for v in ticks:
        ax.text(v, -0.015, f"{v:,g}{'%' if spec.percent else ''}", transform=along, ha="center", va="top")
    ax.text(0.5, -0.015 - 0.2 / height, spec.axis_label, transform=ax.transAxes, ha="center", va="top")


def _labelled(svg: str, spec: Spec) -> str:
    """The SVG with its text alternative: a title and a description, named as the image's label."""
    ident = f"chart-{spec.salt}"
    opening = re.search(r"<svg [^>]*>", svg)
    if opening is None:
        raise ValueError("matplotlib wrote no <svg> element")
    tag = opening.group(0).replace("<svg ", f'<svg role="img" aria-labelledby="{ident}-title {ident}-desc" ', 1)
    texts = (f'\n <title id="{ident}-title">{escape(spec.title)}</title>'
             f'\n <desc id="{ident}-desc">{escape(spec.description)}</desc>')
    # matplotlib opens every link in a new window; a reader expects the page to follow it
    rest = svg[opening.end():].replace(' target="_blank"', "")
    return svg[:opening.start()] + tag + texts + rest


def inline(svg: str) -> str:
    """The SVG element alone, to stand inside an HTML page."""
    return svg[svg.index("<svg "):].strip()
