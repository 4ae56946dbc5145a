"""Workspace-wide lists with a `partnership=` filter (meetings, reviews,
survey waves, indicators, case studies), each leaving archived partnerships
out, and `updated_since` comparing the time each item carries."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.api.models import ApiToken
from joinedup.indicators.models import Indicator
from joinedup.meetings.models import Meeting
from joinedup.partnerships.models import Partnership
from joinedup.practice.models import CaseStudy
from joinedup.review import services
from joinedup.review.models import Review
from joinedup.surveys.models import Wave

pytestmark = pytest.mark.django_db
LISTS = ["list_workspace_meetings", "list_workspace_reviews", "list_workspace_waves", "list_indicators",
         "list_case_studies"]


def everything_of(partnership):
    Meeting.objects.create(partnership=partnership, title=f"{partnership.name} board", length_minutes=60,
                           starts_at=datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("Europe/London")))
    services.review_partnership(partnership)
    Wave.objects.create(partnership=partnership, name=f"{partnership.name} wave", opens_on=date(2026, 3, 1),
                        instruments=["staff_pulse"], respondent_groups=["Staff"])
    Indicator.objects.create(partnership=partnership, name=f"{partnership.name} delays", unit="count",
                             direction="lower", frequency="month")
    CaseStudy.objects.create(workspace=partnership.workspace, partnership=partnership, title=f"{partnership.name}",
                             problem="p", user_group="u", form="co_location", what_we_did="w", outcomes="o")


@pytest.fixture
def partnerships(workspace, other_workspace):
    made = {name: Partnership.objects.create(workspace=ws, name=name, form="pooled_budget", purpose="p")
            for name, ws in [("Carers", workspace), ("Falls", workspace), ("Closed", workspace),
                             ("Theirs", other_workspace)]}
    for partnership in made.values():
        everything_of(partnership)
    Partnership.objects.filter(name="Closed").update(archived_at=timezone.now())
    return made


@pytest.fixture
def reader(workspace, viewer):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(workspace, viewer, 'r', 'read', 30)[1]}"}


def partnership_ids(client, name, reader, **query):
    response = client.get(reverse(f"api-v1:{name}"), query, **reader)
    assert response.status_code == 200, (name, response.content)
    return sorted(item.get("partnership_id") for item in response.json()["items"])


def test_each_list_gives_every_live_partnership_or_one(client, reader, partnerships):
    home, falls = partnerships["Carers"].pk, partnerships["Falls"].pk
    for name in LISTS:
        every = partnership_ids(client, name, reader)
        if name == "list_case_studies":
            # A case study stands on its own, as in the practice library: its partnership's archiving leaves it.
            assert every == sorted([home, falls, partnerships["Closed"].pk])
        else:
            assert every == sorted([home, falls]), name
        assert partnership_ids(client, name, reader, partnership=falls) == [falls], name


def test_an_archived_or_anothers_partnership_is_a_404(client, reader, partnerships):
    for name in LISTS:
        closed = client.get(reverse(f"api-v1:{name}"), {"partnership": partnerships["Closed"].pk}, **reader)
        assert closed.status_code == 404 and "is archived" in closed.json()["detail"], name
        theirs = client.get(reverse(f"api-v1:{name}"), {"partnership": partnerships["Theirs"].pk}, **reader)
        assert theirs.status_code == 404 and "Theirs" not in theirs.content.decode(), name


def test_the_next_page_keeps_the_filter(client, reader, partnerships, partnership):
    everything_of(partnership)
    Meeting.objects.create(partnership=partnership, title="Second", length_minutes=60,
                           starts_at=datetime(2026, 4, 10, 10, tzinfo=ZoneInfo("Europe/London")))
    page = client.get(reverse("api-v1:list_workspace_meetings"), {"partnership": partnership.pk, "limit": 1},
                      **reader)
    assert page.json()["count"] == 2 and f"partnership={partnership.pk}" in page["Link"]
    following = client.get(page.json()["next"], **reader).json()
    assert [m["title"] for m in following["items"]] == ["Second"]


def test_a_review_overridden_since_is_synced_again(client, reader, partnerships):
    cut = timezone.now()
    Review.objects.update(run_at=cut - timedelta(hours=1))
    url = reverse("api-v1:list_workspace_reviews")
    assert client.get(url, {"updated_since": cut.isoformat()}, **reader).json()["count"] == 0
    falls = Review.objects.get(partnership=partnerships["Falls"])
    Review.objects.filter(pk=falls.pk).update(override_verdict="amber", override_reason="Late data",
                                              overridden_at=cut + timedelta(seconds=1))
    items = client.get(url, {"updated_since": cut.isoformat()}, **reader).json()["items"]
    assert [(r["id"], r["override_verdict"]) for r in items] == [(falls.pk, "amber")]
    assert datetime.fromisoformat(items[0]["updated_at"]) > cut


def test_waves_are_synced_by_when_they_were_made(client, reader, partnerships):
    cut = timezone.now()
    Wave.objects.update(created_at=cut - timedelta(hours=1))
    Wave.objects.filter(partnership=partnerships["Falls"]).update(created_at=cut + timedelta(seconds=1))
    items = client.get(reverse("api-v1:list_workspace_waves"), {"updated_since": cut.isoformat()},
                       **reader).json()["items"]
    assert [w["name"] for w in items] == ["Falls wave"] and datetime.fromisoformat(items[0]["created_at"]) > cut


def test_the_openapi_document_shows_the_filters(client):
    paths = client.get(reverse("api-v1:openapi-json")).json()["paths"]
    for path in ("/api/v1/meetings", "/api/v1/reviews", "/api/v1/waves", "/api/v1/indicators",
                 "/api/v1/case-studies"):
        names = {p["name"] for p in paths[path]["get"]["parameters"]}
        assert {"partnership", "updated_since", "limit", "offset"} <= names, path


def test_a_mistyped_filter_is_refused_not_ignored(client, reader, partnerships):
    response = client.get(reverse("api-v1:list_workspace_meetings"), {"partnerhsip": 1}, **reader)
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "partnerhsip"
    assert "partnership" in response.json()["errors"][0]["message"]
    assert client.get(reverse("api-v1:list_workspace_meetings"), {"partnership": partnerships["Falls"].pk, "limit": 5,
                                                                  "offset": 0}, **reader).status_code == 200
