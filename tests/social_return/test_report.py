"""The review report shows the user's unit costs and social return apart from
the verdict, only when there are any, in the web page and in the PDF."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from joinedup.review import services
from joinedup.review.pdf import review_pdf
from joinedup.review.presenters import ReviewPresenter

HEADING = "Social return (your assumptions, not part of the verdict)"


@pytest.fixture
def review(partnership, outcome):
    review = services.review_partnership(partnership, as_of=date(2026, 11, 22))
    review.figures = {**review.figures, "yearly_cost": "20000.00", "meetings_in_year": 10}
    review.save(update_fields=["figures"])
    return review


def report(client, user, review):
    client.force_login(user)
    return client.get(reverse("review:detail", args=["northshire", review.pk])).content.decode()


def test_no_valuations_no_section(client, viewer, review):
    page = report(client, viewer, review)
    assert "Verdict:" in page
    assert HEADING not in page


def test_the_section_shows_unit_costs_and_the_ratio(client, viewer, review, valuation):
    page = report(client, viewer, review).replace("&#x27;", "'")
    section = page[page.index(HEADING):]
    assert "These figures rest on your assumptions and are not part of the verdict." in section
    assert "An hour of a band 6 nurse's time no longer needed" in section and "£61.00" in section
    assert "table 9.2.1" in section
    assert "£54,628.51" in section and "£2.73 for each £1 invested" in section
    assert "Sensitivity" in section
    assert reverse("social_return:page", args=["northshire", review.partnership_id]) in section


def test_the_verdict_is_the_same_with_or_without_valuations(partnership, outcome, valuation):
    with_valuation = services.review_partnership(partnership, as_of=date(2026, 11, 22))
    valuation.delete()
    without = services.review_partnership(partnership, as_of=date(2026, 11, 22))
    assert with_valuation.verdict == without.verdict
    assert with_valuation.findings == without.findings


def test_the_pdf_renders_the_section(review, valuation):
    presenter = ReviewPresenter(review, review.partnership.workspace, [review])
    reader = PdfReader(io.BytesIO(review_pdf(presenter)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Social return (your assumptions, not part of" in text
    assert "not part of the verdict" in text
    assert "£54,628.51" in text
    assert "Unit costs and social return of this partnership" not in text  # no links in print


def test_the_pdf_without_valuations_has_no_section(review):
    presenter = ReviewPresenter(review, review.partnership.workspace, [review])
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(review_pdf(presenter))).pages)
    assert "Reviews over time" in text
    assert "Social return" not in text
