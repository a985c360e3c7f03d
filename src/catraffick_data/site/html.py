"""HTML for the site: every text is escaped unless it is already Markup, and every page shares one frame.

Pages link to one another by relative paths, so the site works opened from the file system, from the
release zip, and published as it is on any static host.
"""
from __future__ import annotations

import re
from html import escape

SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")  # ids that become file names or anchors


class Markup(str):
    """Text that is already HTML."""


def e(value) -> Markup:
    """`value` as HTML text: escaped, unless it is Markup already."""
    if isinstance(value, Markup):
        return value
    return Markup(escape("" if value is None else str(value), quote=True))


def join(parts, sep: str = "") -> Markup:
    return Markup(e(sep).join(e(p) for p in parts))


def tag(name: str, content="", **attrs) -> Markup:
    """<name attrs>content</name>; `class_` is `class`, `data_x` is `data-x`, a None or False attribute
    is left out and True is written bare."""
    words = []
    for key, value in attrs.items():
        key = key.rstrip("_").replace("_", "-")
        if value is None or value is False:
            continue
        words.append(f" {key}" if value is True else f' {key}="{e(value)}"')
    if isinstance(content, (list, tuple)):
        content = join(content)
    return Markup(f"<{name}{''.join(words)}>{e(content)}</{name}>")


def inline(text) -> Markup:
    """Text as written in the model and the data: `code` spans become <code>, the rest is escaped."""
    parts = re.split(r"`([^`]+)`", "" if text is None else str(text))
    return join(tag("code", p) if i % 2 else p for i, p in enumerate(parts))


def markdown(text: str, shift: int = 0) -> Markup:
    """The little Markdown the release writes (CHANGELOG.md): headings (`shift` levels deeper), lists,
    code blocks, paragraphs."""
    out, items, para, fence = [], [], [], None

    def flush():
        if items:
            out.append(tag("ul", [tag("li", inline(i)) for i in items]))
            items.clear()
        if para:
            out.append(tag("p", inline(" ".join(para))))
            para.clear()

    for line in text.splitlines():
        if fence is not None:
            if line.startswith("```"):
                out.append(tag("pre", tag("code", "\n".join(fence)), tabindex="0"))
                fence = None
            else:
                fence.append(line)
        elif line.startswith("```"):
            flush()
            fence = []
        elif m := re.match(r"^(#{1,4}) (.*)", line):
            flush()
            level = min(len(m.group(1)) + shift, 6)
            out.append(tag(f"h{level}", inline(m.group(2))))
        elif line.startswith("- "):
            if para:
                flush()
            items.append(line[2:])
        elif not line.strip():
            flush()
        else:
            para.append(line)
    if fence is not None:
        out.append(tag("pre", tag("code", "\n".join(fence)), tabindex="0"))
    flush()
    return join(out, "\n")


def safe_name(name: str) -> str:
    """An id used as a file name or anchor; ids are checked by the validator, this is the last guard."""
    if not SAFE_NAME.match(name):
        raise ValueError(f"{name!r} cannot name a page of the site")
    return name


class Links:
    """Where every kind of page is, seen from a page `depth` folders below the site's root."""

    def __init__(self, depth: int):
        self.root = "../" * depth

    def home(self) -> str:
        return f"{self.root}index.html"

    def page(self, name: str) -> str:
        return f"{self.root}{name}.html"

    def table(self, name: str, row: str | None = None) -> str:
        return f"{self.root}tables/{safe_name(name)}.html" + (f"#{safe_name(row)}" if row else "")

    def measure(self, measure_id: str) -> str:
        return f"{self.root}measures/{safe_name(measure_id)}.html"

    def figure(self, figure_id: str) -> str:
        return f"{self.root}figures/{safe_name(figure_id)}.html"

    def source(self, source_id: str) -> str:
        return f"{self.root}sources.html#{safe_name(source_id)}"

    def conflict(self, conflict_id: str) -> str:
        return f"{self.root}conflicts.html#{safe_name(conflict_id)}"

    def asset(self, name: str) -> str:
        return f"{self.root}assets/{name}"

    def release(self, path: str) -> str:
        """A file of the release around the site (data, database, descriptor)."""
        return f"{self.root}../{path}"


NAV = (("index", "Home"), ("measures/index", "Measures"), ("conflicts", "Conflicts"), ("sources", "Sources"),
       ("codebook", "Codebook"), ("changelog", "Changelog"))


class Frame:
    """What every page says around its content: the package's title, version and data licence."""

    def __init__(self, title: str, version: str, licence: str):
        self.title, self.version, self.licence = title, version, licence


def page(frame: Frame, title: str, body, depth: int, head: str = "", script: bool = False) -> str:
    """A whole page. `head`: more of <head> (the home page's JSON-LD); `script`: the table script."""
    links = Links(depth)
    site_title, version = frame.title, frame.version
    nav = tag("nav", tag("ul", [tag("li", tag("a", label, href=links.page(name))) for name, label in NAV]),
              aria_label="Site")
    js = f'\n<script src="{links.asset("site.js")}" defer></script>' if script else ""
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{e(title)} · {e(site_title)}</title>\n"
            f"<link rel=\"stylesheet\" href=\"{links.asset('style.css')}\">{js}{head}\n</head>\n<body>\n"
            f"<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
            f"<header>{tag('p', tag('a', site_title, href=links.home()), class_='site-title')}"
            f"<span class=\"version\">version {e(version)}</span>{nav}</header>\n"
            f"<main id=\"main\">\n{e(body)}\n</main>\n"
            f"<footer><p>Data: {e(frame.licence)}. Every figure is quoted from its source; where sources disagree, "
            f"every figure is kept. Built by <code>catraffick build</code>, version {e(version)}.</p></footer>\n"
            f"</body>\n</html>\n")
