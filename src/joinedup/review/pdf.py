"""HTML to PDF with WeasyPrint: the reports are written once, as HTML, and
printed with their own paged-media styles (page numbers, running header,
contents with page numbers)."""

from django.template.loader import render_to_string
from django.utils import timezone


def render_pdf(template_name, context, title):
    """The PDF bytes of a print template. `context` must carry `workspace_name`."""
    context = {
        **context,
        "document_title": title,
        "printed_on": f"Printed {timezone.localdate():%-d %B %Y}",
    }
    html = render_to_string(template_name, context)
    # Imported here: WeasyPrint takes seconds to load and most pages never print.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def review_pdf(presenter):
    return render_pdf(
        "review/report_pdf.html",
        {"report": presenter, "workspace_name": presenter.workspace.name},
        title=presenter.title,
    )
