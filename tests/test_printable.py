import sys
import unicodedata

from catraffick_data.printable import INVISIBLE_RANGES, escape, path_text, printable


def test_the_invisible_ranges_hold_every_control_format_and_separator_character():
    listed = {c for low, high in INVISIBLE_RANGES for c in range(low, high + 1)}
    wanted = {c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp")}
    assert wanted <= listed, [hex(c) for c in sorted(wanted - listed)][:10]
    assert not any(unicodedata.category(chr(c)).startswith(("L", "N", "P", "S")) for c in listed)


def test_escape_keeps_one_visible_line():
    assert escape("a\n::error::x") == "a\\x0a::error::x"
    assert escape("left\u202eright") == "left\\u202eright"
    assert escape("café – ok") == "café – ok"


def test_printable_says_how_long_a_cut_text_was():
    assert printable("x" * 500, 10) == "xxxxxxxxxx... (500 characters)"


def test_path_text_escapes_undecodable_bytes_and_a_leading_colon():
    assert path_text(b"rows-\xff.csv".decode("utf-8", "surrogateescape")) == "rows-\\xff.csv"
    assert path_text("::error file=x::y.csv") == "./::error file=x::y.csv"
