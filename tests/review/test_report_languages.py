"""A review saved in one language reads in its reader's: the findings keep their texts in
every language the app speaks, worked out on the day the review ran (the same names,
figures and dates), and a review saved before they were kept gives at least each rule's
title and why it matters in the reader's language."""

from datetime import date

from django.urls import reverse
from django.utils import translation

from joinedup.review import services
from joinedup.review.models import Review
from joinedup.review.presenters import ReviewPresenter

TODAY = date(2026, 11, 22)
WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}


def test_a_review_saved_in_english_reads_in_welsh(client, viewer, partnership, workspace):
    review = services.review_partnership(partnership, as_of=TODAY)  # English: the tests' language
    stored = next(f for f in review.findings if f["rule_id"] == "purpose.no_outcomes")
    assert stored["title"] == "No outcomes stated"
    assert stored["evidence"][0]["text"] == "Home First has no outcomes recorded."
    assert set(stored["texts"]) == {"en-gb", "cy"}

    client.force_login(viewer)
    page = client.get(reverse("review:detail", args=["northshire", review.pk]), **WELSH).content.decode()
    welsh = stored["texts"]["cy"]
    assert welsh["title"] != stored["title"] and welsh["evidence"][0] != stored["evidence"][0]["text"]
    assert "Home First" in welsh["evidence"][0]  # the name as written
    for text in (welsh["title"], welsh["evidence"][0], welsh["advice"], welsh["why_it_matters"]):
        assert text in page.replace("&#x27;", "'").replace("&quot;", '"')
    for english in ("No outcomes stated", "has no outcomes recorded", stored["advice"]):
        assert english not in page
    english = client.get(reverse("review:detail", args=["northshire", review.pk])).content.decode()
    assert "No outcomes stated" in english and welsh["title"] not in english


def test_the_verdicts_reasons_follow_the_reader(partnership, workspace):
    review = services.review_partnership(partnership, as_of=TODAY)
    english = ReviewPresenter(review, workspace, [review]).verdict["reasons"]
    with translation.override("cy"):
        welsh = ReviewPresenter(review, workspace, [review]).verdict["reasons"]
    assert english[0].startswith("Refocus:") and not welsh[0].startswith("Refocus:")
    assert len(welsh) == len(english)


def test_a_review_saved_before_the_texts_were_kept_gives_the_rules_title_in_welsh(partnership, workspace):
    review = services.review_partnership(partnership, as_of=TODAY)
    Review.objects.filter(pk=review.pk).update(
        findings=[{k: v for k, v in f.items() if k != "texts"} for f in review.findings])
    review.refresh_from_db()
    with translation.override("cy"):
        finding = next(f for f in ReviewPresenter(review, workspace, [review]).findings
                       if f["rule_id"] == "purpose.no_outcomes")
        from joinedup.review.rules import RULES
        assert finding["title"] == str(RULES["purpose.no_outcomes"].title) != "No outcomes stated"
    # What the rule found that day stays as it was written.
    assert finding["evidence"][0]["text"] == "Home First has no outcomes recorded."
