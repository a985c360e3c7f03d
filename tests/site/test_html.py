"""Every text the site writes is escaped unless it is HTML already, ids cannot name a path outside
the site, and the changelog's Markdown becomes HTML."""
import pytest

from catraffick_data.site.html import Links, Markup, e, inline, markdown, safe_name, tag


def test_text_is_escaped_and_markup_is_kept():
    assert tag("p", '<script>alert("x")</script> & more') == "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</p>"
    assert tag("a", "x", href='"><img src=x onerror=1>') == '<a href="&quot;&gt;&lt;img src=x onerror=1&gt;">x</a>'
    assert tag("div", [Markup("<b>kept</b>"), "<i>"]) == "<div><b>kept</b>&lt;i&gt;</div>"
    assert tag("div", "", hidden=True, disabled=False, data_filter="t", class_="c") == \
        '<div hidden data-filter="t" class="c"></div>'
    assert e(None) == ""


def test_backticks_are_code_and_the_rest_is_text():
    assert inline("use `a<b` or <c>") == "use <code>a&lt;b</code> or &lt;c&gt;"


def test_ids_that_would_leave_the_site_are_refused():
    for bad in ("../index", "a/b", "", "A", "x y", "x#y"):
        with pytest.raises(ValueError):
            safe_name(bad)
    assert Links(1).figure("hc-001") == "../figures/hc-001.html"
    assert Links(0).conflict("cf-0a1b2c3d") == "conflicts.html#cf-0a1b2c3d"
    assert Links(1).release("data/x.csv") == "../../data/x.csv"


def test_the_changelog_markdown():
    html = markdown("# Changelog\n\n## 1.0.0\n\nFirst release:\nevery row.\n\n- a: `1` rows\n- b\n\n```\n<x>\n```\n")
    assert html == ("<h1>Changelog</h1>\n<h2>1.0.0</h2>\n<p>First release: every row.</p>\n"
                    "<ul><li>a: <code>1</code> rows</li><li>b</li></ul>\n<pre tabindex=\"0\"><code>&lt;x&gt;</code></pre>")
    assert markdown("## 1.0.0", shift=1) == "<h3>1.0.0</h3>"
