"""Authors write case studies in Markdown. Only a safe subset is rendered:
raw HTML is shown as text, images are off (they would fetch from elsewhere),
and links go only to http, https and mailto addresses."""

from markdown_it import MarkdownIt

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")


def _allowed(url):
    return url.strip().lower().startswith(ALLOWED_SCHEMES)


def _unwrap_unsafe_links(state):
    """Keep the text of a link whose address is not allowed, without the link:
    markdown-it skips validateLink for an empty address (`[]()`)."""
    for token in state.tokens:
        if not token.children:
            continue
        kept, unwrapping = [], False  # CommonMark links never nest
        for child in token.children:
            if child.type == "link_open" and not _allowed(child.attrGet("href") or ""):
                unwrapping = True
                continue
            if child.type == "link_close" and unwrapping:
                unwrapping = False
                continue
            kept.append(child)
        token.children = kept


def _renderer():
    renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    renderer.disable(["image", "html_block", "html_inline"])
    renderer.validateLink = _allowed
    renderer.core.ruler.push("unwrap_unsafe_links", _unwrap_unsafe_links)
    return renderer


RENDERER = _renderer()


def to_html(text):
    """The HTML of a Markdown text, in the safe subset above."""
    return RENDERER.render(text or "")
