"""The review in Welsh: the portfolio and a report page for a reader who chose
Welsh, and the report from `joinedup review --language cy` as text and as a PDF
(read back with pdftotext). English stays the default."""

import io
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from joinedup.review.models import Review


@pytest.fixture(autouse=True)
def english_again_afterwards():
    """The test client leaves the request's language active in this thread:
    put English back so that later tests read English."""
    yield
    translation.deactivate()


def in_welsh(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    return client


def review(*args):
    out = io.StringIO()
    call_command("review", *args, stdout=out)
    return out.getvalue()


def test_the_portfolio_speaks_welsh(client, viewer, partnership):
    html = in_welsh(client, viewer).get(
        reverse("review:portfolio", args=["northshire"]), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert '<h1 class="govuk-heading-xl">Portffolio</h1>' in html
    assert "Cost ochr yn ochr â thystiolaeth o newid" in html
    assert ">Portfolio</h1>" not in html and "Cost beside evidence of change" not in html


def test_a_report_page_speaks_welsh(client, viewer, partnership):
    review("Home First", "--as-of", "2026-11-22", "--language", "cy")
    page = reverse("review:detail", args=["northshire", Review.objects.get().pk])
    html = in_welsh(client, viewer).get(page, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Adolygiad o Home First" in html
    assert "Y dyfarniad a&#x27;i resymau" in html or "Y dyfarniad a'i resymau" in html
    assert "Dim canlyniadau wedi&#x27;u nodi" in html or "Dim canlyniadau wedi'u nodi" in html
    assert "The verdict and its reasons" not in html and "No outcomes stated" not in html


def test_the_text_report_follows_the_language_asked_for(partnership):
    text = review("Home First", "--as-of", "2026-11-22", "--language", "cy")
    assert text.startswith("Adolygiad o Home First\nNorthshire, fel ar 22 Tachwedd 2026\n")
    assert "Dyfarniad: Ailffocysu." in text
    assert "1. [uchel] Dim canlyniadau wedi'u nodi (purpose.no_outcomes)" in text
    assert "Verdict:" not in text and "what to do:" not in text
    # English is still the default.
    assert review("Home First").startswith("Review of Home First\n")


def test_the_pdf_report_in_welsh(partnership, tmp_path):
    pdf = tmp_path / "adolygiad.pdf"
    review("Home First", "--as-of", "2026-11-22", "--language", "cy", "--format", "pdf", "--output", str(pdf))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for welsh in ("Adolygiad o Home First", "Dyfarniad:", "Ailffocysu", "Prif ganfyddiadau", "Cynnwys",
                  "Y dyfarniad a'i resymau", "Gwerth am ymdrech", "Dim canlyniadau wedi'u nodi",
                  "Beth i'w wneud:", "Tudalen 1 o", "Ynglŷn â'r adolygiad hwn"):
        assert welsh in text, welsh
    for english in ("Verdict:", "Top findings", "Contents", "The verdict and its reasons", "What to do:",
                    "Page 1 of", "No outcomes stated"):
        assert english not in text, english
