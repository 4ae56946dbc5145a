"""Tenant isolation for every review URL: the outsider gets 404."""

import pytest
from django.urls import reverse

from joinedup.partnerships.models import Partnership
from joinedup.review import services


@pytest.fixture
def southshire_review(other_workspace):
    partnership = Partnership.objects.create(workspace=other_workspace, name="South Discharge", form="pooled_budget")
    review = services.review_partnership(partnership)
    run = services.start_run(other_workspace, Partnership.objects.filter(pk=partnership.pk))
    return partnership, review, run


def review_urls(slug, partnership, review, run):
    return [
        reverse("review:partnership_reviews", args=[slug, partnership.pk]),
        reverse("review:run_review", args=[slug, partnership.pk]),
        reverse("review:detail", args=[slug, review.pk]),
        reverse("review:pdf", args=[slug, review.pk]),
        reverse("review:override", args=[slug, review.pk]),
        reverse("review:portfolio", args=[slug]),
        reverse("review:portfolio_export", args=[slug, "csv"]),
        reverse("review:portfolio_export", args=[slug, "xlsx"]),
        reverse("review:portfolio_export", args=[slug, "pdf"]),
        reverse("review:review_all", args=[slug]),
        reverse("review:run", args=[slug, run.pk]),
    ]


def test_every_review_url_of_another_workspace_is_404(client, owner, outsider, southshire_review):
    client.force_login(owner)
    for url in review_urls("southshire", *southshire_review):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"verdict": "end", "reason": "x"}).status_code == 404, url


def test_other_workspaces_records_under_own_slug_are_404(client, owner, outsider, southshire_review):
    client.force_login(owner)
    urls = review_urls("northshire", *southshire_review)
    for url in [urls[0], urls[2], urls[3], urls[4], urls[10]]:
        assert client.get(url).status_code == 404, url
    for url in [urls[1], urls[4]]:
        assert client.post(url, {"verdict": "end", "reason": "x"}).status_code == 404, url


def test_the_outsider_reads_their_own(client, outsider, southshire_review):
    client.force_login(outsider)
    for url in review_urls("southshire", *southshire_review):
        if url.endswith(("/run/", "/review-all/")):
            continue
        assert client.get(url).status_code == 200, url


def test_an_unknown_export_is_404(client, owner, workspace):
    client.force_login(owner)
    assert client.get(reverse("review:portfolio_export", args=["northshire", "exe"])).status_code == 404


def test_the_portfolio_lists_only_this_workspace(client, owner, partnership, southshire_review):
    client.force_login(owner)
    page = client.get(reverse("review:portfolio", args=["northshire"])).content.decode()
    assert partnership.name in page and "South Discharge" not in page
    csv = client.get(reverse("review:portfolio_export", args=["northshire", "csv"])).content.decode("utf-8-sig")
    assert partnership.name in csv and "South Discharge" not in csv
