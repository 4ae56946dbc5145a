"""The review pages: running a review, the report, overriding the verdict,
and who may do what."""

from datetime import date

from django.urls import reverse

from joinedup.review import services
from joinedup.review.models import Review


def test_the_partnership_page_links_to_its_reviews(client, viewer, partnership):
    client.force_login(viewer)
    page = client.get(reverse("partnerships:detail", args=["northshire", partnership.pk])).content.decode()
    assert reverse("review:partnership_reviews", args=["northshire", partnership.pk]) in page


def test_an_editor_runs_a_review_and_sees_the_report(client, editor, partnership):
    client.force_login(editor)
    response = client.post(reverse("review:run_review", args=["northshire", partnership.pk]))
    review = Review.objects.get(partnership=partnership)
    assert response.status_code == 302
    assert response["Location"] == reverse("review:detail", args=["northshire", review.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Verdict:" in page and "Refocus" in page
    assert "No outcomes stated" in page
    assert "Yearly cost" in page and "Not yet recorded" in page
    assert "This is the partnership&#x27;s first review." in page


def test_the_list_shows_reviews_newest_first(client, viewer, partnership):
    services.review_partnership(partnership, as_of=date(2026, 3, 1))
    services.review_partnership(partnership, as_of=date(2026, 11, 22))
    client.force_login(viewer)
    page = client.get(reverse("review:partnership_reviews", args=["northshire", partnership.pk])).content.decode()
    assert page.index("22 November 2026") < page.index("1 March 2026")
    assert "Run a review now" not in page


def test_a_second_review_reports_what_changed(client, viewer, partnership, outcome):
    services.review_partnership(partnership, as_of=date(2026, 3, 1))
    outcome.delete()
    latest = services.review_partnership(partnership, as_of=date(2026, 11, 22))
    client.force_login(viewer)
    page = client.get(reverse("review:detail", args=["northshire", latest.pk])).content.decode()
    assert "1 new finding" in page
    assert "<svg" in page  # the findings-over-time chart, as vector graphics


def test_the_report_shows_a_year_of_reviews_and_links_to_the_rest(client, viewer, partnership):
    from dateutil.relativedelta import relativedelta

    from joinedup.review.presenters import HISTORY_SHOWN

    for months in range(HISTORY_SHOWN + 2, 0, -1):
        latest = services.review_partnership(partnership, as_of=date(2026, 11, 22) - relativedelta(months=months))
    client.force_login(viewer)
    page = client.get(reverse("review:detail", args=["northshire", latest.pk])).content.decode()
    history = page[page.index('id="history"'):page.index('id="about"')]
    assert history.count("govuk-tag--") == HISTORY_SHOWN
    assert "2 earlier reviews not shown" in history
    assert f'href="{reverse("review:partnership_reviews", args=["northshire", partnership.pk])}"' in history


def test_viewers_cannot_run_reviews_or_override(client, viewer, partnership):
    review = services.review_partnership(partnership)
    client.force_login(viewer)
    assert client.post(reverse("review:run_review", args=["northshire", partnership.pk])).status_code == 403
    assert client.post(reverse("review:review_all", args=["northshire"])).status_code == 403
    override = reverse("review:override", args=["northshire", review.pk])
    assert client.get(override).status_code == 403
    assert client.post(override, {"verdict": "end", "reason": "x"}).status_code == 403
    assert Review.objects.get(pk=review.pk).override_verdict == ""


def test_an_override_keeps_both_verdicts_and_the_reason(client, editor, partnership):
    review = services.review_partnership(partnership)
    client.force_login(editor)
    url = reverse("review:override", args=["northshire", review.pk])
    response = client.post(url, {"verdict": "continue", "reason": "Outcomes agreed at the March board, not yet typed in."})
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.verdict, review.override_verdict, review.final_verdict) == ("refocus", "continue", "continue")
    assert review.overridden_by == editor and review.overridden_at is not None
    page = client.get(reverse("review:detail", args=["northshire", review.pk])).content.decode()
    assert "The rules' verdict was <strong>Refocus</strong>" in page
    assert "Outcomes agreed at the March board" in page


def test_an_override_needs_a_verdict_and_a_reason(client, editor, partnership):
    review = services.review_partnership(partnership)
    client.force_login(editor)
    response = client.post(reverse("review:override", args=["northshire", review.pk]), {"verdict": "end", "reason": "   "})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Write why you are overriding the verdict" in page
    assert "<title>Error: Override the verdict" in page
    assert Review.objects.get(pk=review.pk).override_verdict == ""
