"""Authors write case studies in Markdown. Only a safe subset is rendered:
raw HTML is shown as text, images are off (they would fetch from elsewhere),
and links go only to http, https and mailto addresses."""

from markdown_it import MarkdownIt

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")


def _renderer():
    renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    renderer.disable(["image", "html_block", "html_inline"])
    renderer.validateLink = lambda url: url.strip().lower().startswith(ALLOWED_SCHEMES)
    return renderer


RENDERER = _renderer()


def to_html(text):
    """The HTML of a Markdown text, in the safe subset above."""
    return RENDERER.render(text or "")
