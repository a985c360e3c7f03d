"""Prose from the data links the ids it names and escapes everything else; a derived figure, which
no source writes, is shown as its number."""
from catraffick_data.site.html import Links
from catraffick_data.site.parts import prose, value_shown
from catraffick_data.site.view import View, period_text


def test_prose_links_known_ids_only_and_escapes_the_rest():
    view = View([])
    view.figure["hc-023"] = {"figure_id": "hc-023"}
    view.conflicts["cf-4448ff90"] = {}
    out = prose("see hc-023, hc-999 and cf-4448ff90 <b>now</b>, `x<y`", view, Links(1))
    assert out == ('see <a href="../figures/hc-023.html">hc-023</a>, hc-999 and '
                   '<a href="../conflicts.html#cf-4448ff90">cf-4448ff90</a> &lt;b&gt;now&lt;/b&gt;, <code>x&lt;y</code>')


def test_a_value_is_shown_as_written_else_as_its_derived_number():
    assert value_shown({"value_text": "nearly 1,000", "value": 1000.0}) == "nearly 1,000"
    assert value_shown({"value_text": None, "value": 162.0}) == "162 (derived)"
    assert value_shown({"value_text": None, "value": None, "low": 3.0, "high": 8.5}) == "3 to 8.5 (derived)"


def test_periods_as_a_reader_says_them():
    assert period_text({"period_start": "2018-01-01", "period_end": "2018-12-31"}) == "2018"
    assert period_text({"period_start": "2007-01-01", "period_end": "2016-12-31"}) == "2007-2016"
    assert period_text({"period_start": "2014-07-01", "period_end": "2014-12-31"}) == "2014-07 to 2014-12"
    assert period_text({"period_start": "2012-02-01", "period_end": "2012-02-29"}) == "2012-02"
    assert period_text({"period_start": "2012-02-03", "period_end": "2012-02-29"}) == "2012-02-03 to 2012-02-29"
    assert period_text({"period_start": None, "period_end": None}) == "no period stated"
