"""Authors' Markdown is rendered in a safe subset: no HTML gets through."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.practice.markdown import to_html


def test_the_safe_subset_renders():
    html = to_html("Some *emphasis*.\n\n- one\n- two\n\n[NHS](https://www.nhs.uk)")
    assert "<em>emphasis</em>" in html and "<li>one</li>" in html
    assert '<a href="https://www.nhs.uk">NHS</a>' in html


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click]( javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "![tracker](https://example.org/pixel.gif)",
    "<a href='https://example.org' onclick='x()'>a</a>",
    "<iframe src='https://example.org'></iframe>",
])
def test_html_and_unsafe_links_do_not_get_through(text):
    html = to_html(text)
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert 'href="javascript' not in html.lower() and 'href="data' not in html.lower()
    assert "<a href='https://example.org'" not in html


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>\"'=&/ []()!*_`:ajvscriptmgolden\n")), max_size=80))
def test_no_tag_but_the_subsets_ever_comes_out(text):
    html = to_html(text)
    allowed = {"p", "/p", "em", "/em", "strong", "/strong", "ul", "/ul", "ol", "/ol", "li", "/li", "a", "/a",
               "code", "/code", "pre", "/pre", "blockquote", "/blockquote", "h1", "/h1", "h2", "/h2", "hr", "br",
               "h3", "/h3", "h4", "/h4", "h5", "/h5", "h6", "/h6"}
    import re

    for tag in re.findall(r"<\s*(/?[a-zA-Z0-9]+)", html):
        assert tag.lower() in allowed, (text, html)
    for href in re.findall(r'href="([^"]*)"', html):
        assert href.lower().startswith(("http://", "https://", "mailto:")), (text, html)


def test_a_link_with_no_address_keeps_its_text_and_no_link():
    """markdown-it does not ask validateLink about an empty address; found by the property test."""
    assert to_html("[]()") == "<p></p>\n"
    assert to_html("[read this]()") == "<p>read this</p>\n"
