"""HTML to PDF with WeasyPrint: the reports are written once, as HTML, and
printed with their own paged-media styles (page numbers, running header,
contents with page numbers)."""

import gc
import re
from contextlib import contextmanager

from django.template.loader import render_to_string
from django.utils import timezone

from joinedup.design_system.dates import long_date


def render_pdf(template_name, context, title):
    """The PDF bytes of a print template. `context` must carry `workspace_name`."""
    context = {
        **context,
        "document_title": title,
        "printed_on": f"Printed {long_date(timezone.localdate())}",
    }
    with collection_paused():
        html = render_to_string(template_name, context)
        # Imported here: WeasyPrint takes seconds to load and most pages never print.
        from weasyprint import HTML

        mend_html_parser_cache()
        # Tagged: a structure tree, the language and the title for screen readers.
        return HTML(string=html, url_fetcher=data_only_fetcher()).write_pdf(pdf_tags=True)


@contextmanager
def collection_paused():
    """No cyclic garbage collection while a PDF is made; reference counting frees as usual.

    A report's charts and WeasyPrint's boxes make enough objects to set off two or more
    full collections a PDF, and each walks every object of the process (Django's, pandas',
    altair's, WeasyPrint's own: about 470,000 in a worker), 0.4 s or more a time, to find
    next to nothing. Paused, the PDF's few cycles wait for the first collection after it
    (25-55 MB more at the peak of the national bench's 25-page report). Freezing the
    older objects (gc.freeze) instead did not save the time: handed back after, they were
    walked again by full collections that came all the sooner. A process that paused
    collection itself is left as it is."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def review_pdf(presenter):
    return render_pdf(
        "review/report_pdf.html",
        {"report": presenter, "workspace_name": presenter.workspace.name},
        title=presenter.title,
    )


def data_only_fetcher():
    """A fetcher for data: URLs (the charts, svg_data_uri) that refuses
    everything else: a report needs nothing from the network or the disk, and
    must not be able to reach either."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class DataOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith("data:"):
                raise FatalURLFetchingError(f"A report may only hold its own charts, not {url[:80]}")
            return super().fetch(url, headers)

    return DataOnly()


class _StopCharacters(dict):
    """tinyhtml5 2.1, WeasyPrint's HTML parser, keeps the pattern for each set
    of stop characters under the compiled pattern instead of the characters, so
    every look-up misses and the pattern is built again, thousands of times a
    report. This cache makes each on its first miss, as tinyhtml5 does, under
    the key it looks up."""

    def __missing__(self, key):
        characters, opposite = key
        escaped = "".join(f"\\x{ord(character):02x}" for character in characters)
        pattern = self[key] = re.compile(f"[{escaped}]+" if opposite else f"[^{escaped}]+")
        return pattern


def mend_html_parser_cache():
    from tinyhtml5 import inputstream

    if not isinstance(inputstream.characters_until_regex, _StopCharacters):
        inputstream.characters_until_regex = _StopCharacters()
