"""`joinedup review` as a management command."""

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from joinedup.partnerships.models import Partnership
from joinedup.review.models import Review, ReviewRun


def review(*args):
    out = io.StringIO()
    call_command("review", *args, stdout=out)
    return out.getvalue()


def test_it_reviews_by_name_and_prints_text(partnership):
    text = review("home first", "--as-of", "2026-11-22")
    assert text.startswith("Review of Home First\nNorthshire, as of 22 November 2026\n")
    assert "Verdict: Refocus." in text
    assert "1. [high] No outcomes stated (purpose.no_outcomes)" in text
    assert Review.objects.get().as_of == date(2026, 11, 22)


def test_a_review_on_the_screen_reverses_no_url(partnership, monkeypatch):
    """Reversing a URL imports the URLconf and every page's modules, seconds of a new process
    (tests/test_cold_start.py): the text has no links, and the verdict's reasons are worked
    out from the findings without theirs."""

    def get_resolver(*args, **kwargs):  # what django.urls.reverse asks for the URLconf
        raise AssertionError("a URL reversed for a review on the screen")

    monkeypatch.setattr("django.urls.base.get_resolver", get_resolver)
    text = review("home first", "--as-of", "2026-11-22")
    assert "Verdict: Refocus." in text
    assert "  - Refocus: the shared purpose is missing" in text


def test_it_reviews_by_id_as_json(partnership):
    data = json.loads(review(str(partnership.pk), "--format", "json"))
    assert data["verdict"] == "refocus" and data["partnership"] == "Home First"
    assert data["findings"][0]["rule_id"] == "purpose.no_outcomes"


def test_it_writes_html_and_pdf_files(partnership, tmp_path):
    review("Home First", "--format", "html", "--output", str(tmp_path / "r.html"))
    assert "Verdict:" in (tmp_path / "r.html").read_text()
    review("Home First", "--format", "pdf", "--output", str(tmp_path / "r.pdf"))
    reader = PdfReader(tmp_path / "r.pdf")
    assert "Refocus" in reader.pages[0].extract_text()
    with pytest.raises(CommandError, match="needs --output"):
        review("Home First", "--format", "pdf")


def test_a_name_in_two_workspaces_needs_the_workspace(partnership, other_workspace):
    Partnership.objects.create(workspace=other_workspace, name="Home First", form="pooled_budget")
    with pytest.raises(CommandError, match="several workspaces"):
        review("Home First")
    assert "Verdict: Refocus" in review("Home First", "--workspace", "northshire")
    with pytest.raises(CommandError, match="No partnership 'Nowhere'"):
        review("Nowhere")
    with pytest.raises(CommandError, match="No workspace"):
        review("Home First", "--workspace", "atlantis")


def test_all_if_due_reviews_only_what_is_due(partnership, workspace, other_workspace, django_capture_on_commit_callbacks):
    fresh = Partnership.objects.create(workspace=workspace, name="Fresh", form="co_location")
    Review.objects.create(partnership=fresh, as_of=date.today(), verdict="continue")
    with django_capture_on_commit_callbacks(execute=True):
        out = review("--all", "--if-due")
    assert "northshire: 1 partnership queued for review" in out
    assert "southshire: 0 partnerships queued for review" in out
    assert ReviewRun.objects.get(workspace=workspace).done == 1
    assert Review.objects.filter(partnership=partnership).count() == 1
