"""Text from data or from the file system made safe to print: a reader sees what the bytes hold.

Every line the command prints (problems, diffs, the CHANGELOG, usage errors) passes what it took from a
file through here, so that a cell or a file name cannot start a new line of its own (a GitHub workflow
command such as `::error ...` is a line that starts with `::`), hide text behind direction controls, or
flood a terminal.
"""
from __future__ import annotations

import os
import re

# Control, format (bidi controls, zero-width characters, soft hyphen...), line and paragraph separator
# characters: Unicode categories Cc, Cf, Zl and Zp. tests/test_printable.py holds this list against
# unicodedata, so a character a newer Unicode adds to them is noticed.
INVISIBLE_RANGES = [
    (0x00, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F),
    (0x890, 0x891), (0x8E2, 0x8E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x2064),
    (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
]


def char_class(ranges: list[tuple[int, int]]) -> str:
    """A regular-expression character class of the ranges, written with the characters themselves (both
    Python's re and Arrow's RE2 read that the same way, and a short class compiles fast); NUL is left out."""
    parts = []
    for low, high in ranges:
        low = max(low, 1)
        parts.append(re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}")
    return "[" + "".join(parts) + "]"


INVISIBLE = char_class(INVISIBLE_RANGES)
_INVISIBLE_OR_SURROGATE = re.compile(INVISIBLE[:-1] + "\x00\ud800-\udfff]")

LIMIT = 200  # characters of a value shown in a message


def escape(text: str) -> str:
    """Every invisible character (and a surrogate left by an undecodable file name) as a visible escape."""
    return _INVISIBLE_OR_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xFF
                                       else f"\\x{ord(m.group()):02x}", text)


def shorten(text: str, limit: int = LIMIT) -> str:
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def printable(text, limit: int = LIMIT) -> str:
    """`text` shortened to `limit` characters (saying how long it was) and escaped: one line, visible."""
    return escape(shorten(str(text), limit))


def path_text(path) -> str:
    """A path as a person can read it: bytes that are not UTF-8 escaped, controls escaped, and a "./"
    before a relative path that would start a line with `::`."""
    text = os.fsencode(os.fspath(path)).decode("utf-8", errors="backslashreplace")
    text = escape(text)
    return "./" + text if text.startswith(":") else text


def display_path(path) -> str:
    """A file as problems name it: relative to the current folder when inside it, absolute otherwise."""
    from pathlib import Path

    rel = os.path.relpath(Path(path).resolve(), Path.cwd())
    return path_text(Path(path).resolve() if rel.startswith("..") else rel)


def first_invisible(text: str) -> str | None:
    """The first invisible character of `text`, as U+XXXX, or None."""
    found = re.search(INVISIBLE, text)
    return None if found is None else f"U+{ord(found.group()):04X}"
