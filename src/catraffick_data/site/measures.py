"""A page per measure: its caveat first, then the chart of every source's figures, then the figures;
and the index of the measures."""
from __future__ import annotations

import math

from . import charts
from .html import Frame, Links, Markup, inline, join, page, tag
from .parts import figure_table, source_label, value_shown
from .view import View, period_text, text

MIN_CHARTED = 2  # a chart compares; one figure alone is its card
APART = 10  # places whose largest figures differ this many times are drawn in panels, each on its own scale


def _number(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _facets(view: View, f: dict) -> list[tuple[str, str]]:
    """What a figure is about beyond its measure, facet by facet, as a reader would say it."""
    out = [("place", view.place_name(f.get("geography"))), ("period", period_text(f))]
    out.append(("subgroup", f"subgroup: {text(f.get('subgroup'))}" if text(f.get("subgroup")) else ""))
    out += [(c, f"{c.replace('_', ' ')}: {v}") for c, v in view.dimensions(f)]
    return out


def _row_key(view: View, f: dict) -> tuple:
    """Rows of one place, subgroup and category stand together, in the order of their periods."""
    return (view.place_name(f.get("geography")), text(f.get("subgroup")), tuple(view.dimensions(f)),
            text(f.get("period_start")), text(f.get("period_end")))


def _labels(view: View, figures: list[dict], without: tuple[str, ...] = ()) -> tuple[list[str], str]:
    """Each figure's row label, made of the facets that differ between the figures, and the facets
    all share (said once, above the chart). `without`: facets a panel's title says already."""
    facets = [dict(_facets(view, f)) for f in figures]
    names = list(dict.fromkeys(n for fs in facets for n in fs))
    varying = [n for n in names if len({fs.get(n, "") for fs in facets}) > 1]
    shared = [facets[0][n] for n in names if n not in varying and facets[0].get(n)]
    shown = [n for n in varying if n not in without] or [n for n in names if n not in without]
    labels = [" · ".join(fs[n] for n in shown if fs.get(n)).replace("_", " ") or "all figures" for fs in facets]
    return labels, " · ".join(shared).replace("_", " ")


def _panels(view: View, keys: list[tuple], plotted: list[dict]) -> tuple[tuple[str, int], ...]:
    """One panel per place when the places' largest figures are APART times apart or more (the rows are
    in the order of their places already); otherwise one panel. A national count beside a city's would
    otherwise squeeze the city's figures, and their disagreements, into a corner of the axis."""
    largest: dict[str, float] = {}
    for f in plotted:
        place = view.place_name(f.get("geography"))
        top = max(v for v in (_number(f.get("value")), _number(f.get("high"))) if v is not None)
        largest[place] = max(largest.get(place, 0.0), abs(top))
    positive = [v for v in largest.values() if v > 0]
    if len(largest) < 2 or not positive or max(positive) < APART * min(positive):
        return ()
    places = [key[0] for key in keys]
    return tuple((place, places.count(place)) for place in dict.fromkeys(places))


def chart_spec(view: View, measure: dict, figures: list[dict]) -> charts.Spec | None:
    """The chart of the measure's figures that have a number (None when fewer than two have)."""
    plotted = [f for f in figures if _number(f.get("value")) is not None
               or (_number(f.get("low")) is not None and _number(f.get("high")) is not None)]
    if len(plotted) < MIN_CHARTED:
        return None
    keyed = sorted(((_row_key(view, f), f) for f in plotted), key=lambda kf: (kf[0], kf[1]["figure_id"]))
    plotted = [f for _, f in keyed]
    keys = list(dict.fromkeys(k for k, _ in keyed))
    row = {f["figure_id"]: keys.index(k) for k, f in keyed}  # the chart row of each figure
    series = list(dict.fromkeys(f["source"] for f in plotted))
    panels = _panels(view, keys, plotted)
    row_labels, shared = _labels(view, plotted, ("place",) if panels else ())
    labels = {row[f["figure_id"]]: label for f, label in zip(plotted, row_labels)}
    links = Links(1)
    points = []
    for f in plotted:
        value, low, high = _number(f.get("value")), _number(f.get("low")), _number(f.get("high"))
        low, high = (low, high) if low is not None and high is not None else (value, value)
        conflicts = view.conflict_ids(f)
        points.append(charts.Point(row[f["figure_id"]], series.index(f["source"]), low, high,
                                   f.get("statement_rank") == "deprecated", value_shown(f),
                                   links.figure(f["figure_id"]),
                                   links.conflict(conflicts[0]) if conflicts else None))
    names = [source_label(view, s) for s in series]
    names = [n if names.count(n) == 1 else f"{n} [{s}]" for n, s in zip(names, series)]
    unit = text(measure.get("unit"))
    in_conflict = [f["figure_id"] for f in plotted if view.conflict_ids(f)]
    deprecated = [f["figure_id"] for f in plotted if f.get("statement_rank") == "deprecated"]
    name = measure.get("name") or measure["measure_id"]
    described = [f"{name}, in {unit}: {len(plotted)} figures from {len(series)} "
                 f"source{'s' if len(series) > 1 else ''} ({'; '.join(names)}), one row per statement"
                 + (f"; every figure is about {shared}." if shared else ".")]
    if in_conflict:
        described.append(f"In a conflict, ringed: {', '.join(in_conflict)}.")
    if deprecated:
        described.append(f"Deprecated, hollow: {', '.join(deprecated)}.")
    if panels:
        described.append(f"Drawn in {len(panels)} panels, one per place, each with its own scale: "
                         f"{', '.join(name for name, _ in panels)}.")
    described.append("The table below the chart gives every figure.")
    return charts.Spec(salt=measure["measure_id"], rows=tuple(labels[i] for i in range(len(keys))),
                       series=tuple(names), series_ids=tuple(series), points=tuple(points), axis_label=unit, percent=unit == "percent",
                       title=f"{name}: every source's figures", description=" ".join(described), shared=shared,
                       panels=panels)


def measure_page(frame: Frame, view: View, measure: dict) -> tuple[str, str | None]:
    """The page, and the chart's SVG (None when there is no chart)."""
    links = Links(1)
    mid = measure["measure_id"]
    figures = sorted(view.of_measure.get(mid, []), key=lambda f: (_row_key(view, f), f["figure_id"]))
    spec = chart_spec(view, measure, figures)
    svg = charts.render(spec) if spec else None
    sources = sorted({f["source"] for f in figures})
    body = [tag("h1", measure.get("name") or mid), tag("p", [tag("code", mid), f" · unit: {text(measure.get('unit'))}"]
                                                  + ([f" · per {text(measure.get('denominator'))}"]
                                                     if measure.get("denominator") else [])),
            tag("section", [tag("h2", "Caveat", id="caveat"), tag("p", inline(measure.get("caveat")))],
                class_="caveat", aria_labelledby="caveat"),
            tag("p", inline(measure.get("description")))]
    if svg:
        if spec.shared:
            body.append(tag("p", f"Every figure in the chart: {spec.shared}.", class_="shared"))
        body.append(tag("figure", [Markup(charts.inline(svg)),
                                   tag("figcaption", [spec.description, " ",
                                                      tag("a", "Download the chart (SVG)",
                                                          href=f"../charts/{mid}.svg")])],
                        class_="chart"))
    elif figures:
        body.append(tag("p", "One figure with a number, or none: no chart to compare; the figure is below.",
                        class_="note"))
    body.append(tag("h2", "Figures"))
    body.append(figure_table(view, figures, links, f"{len(figures)} figures of {mid} from {len(sources)} "
                                                   f"source{'s' if len(sources) != 1 else ''}")
                if figures else tag("p", "No figure of this measure is in the release."))
    return page(frame, measure.get("name") or mid, join(body, "\n"), depth=1), svg


def measures_index(frame: Frame, view: View) -> str:
    links = Links(1)
    rows = []
    for mid, m in view.measures.items():
        figures = view.of_measure.get(mid, [])
        rows.append(tag("tr", [tag("td", tag("a", m.get("name") or mid, href=links.measure(mid))),
                               tag("td", text(m.get("unit"))), tag("td", str(len(figures))),
                               tag("td", str(len({f["source"] for f in figures}))),
                               tag("td", str(sum(1 for f in figures if view.conflict_ids(f)))),
                               tag("td", inline(m.get("description")))]))
    head = ["measure", "unit", "figures", "sources", "figures in a conflict", "what it is"]
    table = tag("table", [tag("caption", f"{len(rows)} measures"),
                          tag("thead", tag("tr", [tag("th", h, scope="col") for h in head])), tag("tbody", rows)])
    body = [tag("h1", "Measures"),
            tag("p", "Each measure has a page: its caveat, a chart of every source's figures, and the figures. "
                     "Figures of different measures are not comparable just because they share a unit."),
            tag("div", table, class_="scroll", tabindex="0", role="region", aria_label="Measures")]
    return page(frame, "Measures", join(body, "\n"), depth=1)
