"""Query discipline (issue 19, item 3): each main page asks the database the
same number of queries however many records it shows. Each test fetches a page
of a small workspace, adds more of the same records (organisations, people,
partnerships, members, meetings, attendances, values, answers, reviews), and
fetches it again: a page that asks once per row (N+1) fails with both counts."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from joinedup.indicators.models import Area, Indicator, Measurement
from joinedup.meetings.models import Attendance, Meeting
from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Membership, Outcome, Partnership, Resource, Responsibility
from joinedup.review.services import review_partnership
from joinedup.surveys.models import Response, Wave

LONDON = ZoneInfo("Europe/London")
SECTORS = ["nhs_acute", "council_adult_social_care", "voluntary_community", "user_led", "police"]


class Locality:
    """A workspace that grows by `grow()`: each call adds `size` organisations
    with a person each, `size` partnerships, and, for the partnership under
    test, members, meetings attended by every member, indicator values in more
    areas, survey answers and another review."""

    def __init__(self, workspace):
        self.workspace = workspace
        self.added = 0
        self.partnership = Partnership.objects.create(
            workspace=workspace, name="Home First", form="joint_commissioning",
            purpose="People go home from hospital well.", start_date=date(2022, 4, 1),
        )
        self.outcome = Outcome.objects.create(partnership=self.partnership, statement="I go home when ready.",
                                              why_partnership="No one agency can.", position=0)
        self.indicator = Indicator.objects.create(
            partnership=self.partnership, outcome=self.outcome, name="Delayed discharges",
            unit="count", direction="lower", frequency="month",
        )
        self.own = Area.objects.create(workspace=workspace, name="Northshire", ons_code="E06000001",
                                       is_own_area=True)
        self.wave = Wave.objects.create(
            partnership=self.partnership, name="Spring 2026", opens_on=date(2026, 3, 1),
            instruments=["staff_pulse"], respondent_groups=["Staff"],
        )
        self.grow(3)

    def grow(self, size):
        start = self.added
        self.added += size
        organisations = [
            Organisation.objects.create(workspace=self.workspace, name=f"Agency {i:03}", sector=SECTORS[i % 5])
            for i in range(start, start + size)
        ]
        people = [
            Person.objects.create(workspace=self.workspace, name=f"Person {org.name}", organisation=org,
                                  pay_band="AfC 8a", role_title="Manager", active_from=date(2020, 1, 1))
            for org in organisations
        ]
        for i, (org, person) in enumerate(zip(organisations, people, strict=True), start):
            Membership.objects.create(partnership=self.partnership, organisation=org, representative=person,
                                      role="lead" if i == 0 else "core", joined_on=date(2022, 4, 1))
            Resource.objects.create(partnership=self.partnership, organisation=org, kind="money",
                                    amount=Decimal(1000 + i), status="agreed")
            Responsibility.objects.create(partnership=self.partnership, task=f"Task {i}",
                                          responsible_organisation=org)
            other = Partnership.objects.create(
                workspace=self.workspace, name=f"Partnership {i:03}", form="coordinated_working",
                purpose="Joined-up help.", start_date=date(2021, 1, 1),
            )
            Membership.objects.create(partnership=other, organisation=org, representative=person)
            Membership.objects.create(partnership=other, organisation=organisations[0], representative=people[0])
            meeting = Meeting.objects.create(
                partnership=self.partnership, title=f"Board {i}", length_minutes=90,
                starts_at=datetime(2025, 1, 6, 10, tzinfo=LONDON) + timedelta(weeks=i),
            )
            for attendee in Person.objects.filter(workspace=self.workspace):
                Attendance.objects.create(meeting=meeting, person=attendee, status="present")
            area = Area.objects.create(workspace=self.workspace, name=f"Comparator {i}", ons_code=f"E0800{i:04}")
            more = Indicator.objects.create(partnership=self.partnership, outcome=self.outcome, name=f"Measure {i}",
                                            unit="count", direction="higher", frequency="month")
            Measurement.objects.create(indicator=more, area=self.own, period_start=date(2025, 1, 1),
                                       period_end=date(2025, 1, 31), period_label="Jan 2025", frequency="month",
                                       value=Decimal(i))
            for month in range(1, 13):
                for where in [self.own, area] if i == start else [area]:
                    period = date(2023 + (i % 3), month, 1)
                    Measurement.objects.update_or_create(
                        indicator=self.indicator, area=where, period_start=period,
                        defaults=dict(period_end=period + timedelta(days=27), period_label=period.strftime("%b %Y"),
                                      frequency="month", value=Decimal(40 + month + i)),
                    )
            for n in range(5):
                Response.objects.create(wave=self.wave, released=True, instrument="staff_pulse",
                                        respondent_group="Staff",
                                        answers={"morale": 1 + (n + i) % 5, "job_satisfaction": 4,
                                                 "role_clear": 3})
            review_partnership(other)
        review_partnership(self.partnership)


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def locality(workspace):
    return Locality(workspace)


def pages(locality):
    ws, p = locality.workspace.slug, locality.partnership.pk
    return {
        "partnership page": reverse("partnerships:detail", args=[ws, p]),
        "cost ledger": reverse("meetings:ledger", args=[ws, p]),
        "portfolio": reverse("review:portfolio", args=[ws]),
        "network": reverse("network:home", args=[ws]),
        "organisations": reverse("organisations:organisation_list", args=[ws]),
        "people": reverse("organisations:person_list", args=[ws]),
        "partnerships": reverse("partnerships:partnership_list", args=[ws]),
        "indicator": reverse("indicators:indicator_detail", args=[ws, locality.indicator.pk]),
        "survey wave results": reverse("surveys:results", args=[ws, locality.wave.pk]) + "?section=all",
        "workspace home": reverse("workspaces:home", args=[ws]),
        "meetings": reverse("meetings:home", args=[ws]),
        "evidence": reverse("indicators:evidence", args=[ws]),
        "partnership evidence": reverse("indicators:partnership_evidence", args=[ws, p]),
        "voice": reverse("surveys:home", args=[ws]),
        "reviews of a partnership": reverse("review:partnership_reviews", args=[ws, p]),
        "members download": reverse("partnerships:membership_download", args=[ws, p, "csv"]),
        "responsibilities download": reverse("partnerships:responsibility_download", args=[ws, p, "csv"]),
        "people download": reverse("organisations:person_download", args=[ws, "xlsx"]),
    }


PAGES = [
    "partnership page", "cost ledger", "portfolio", "network", "organisations", "people", "partnerships",
    "indicator", "survey wave results", "workspace home", "meetings", "evidence", "partnership evidence", "voice",
    "reviews of a partnership", "members download", "responsibilities download", "people download",
]


@pytest.mark.parametrize("page", PAGES)
def test_a_page_asks_as_many_queries_for_many_records_as_for_few(client, viewer, locality, page):
    client.force_login(viewer)
    url = pages(locality)[page]
    queries_of(client, url)  # the first fetch fills caches (the network drawing's layout, sessions)
    few = queries_of(client, url)
    locality.grow(6)
    queries_of(client, url)
    many = queries_of(client, url)
    assert many == few, f"{page}: {few} queries with 3 of each record, {many} with 9"


def test_the_partnership_page_asks_the_kept_network_fingerprint_once(client, viewer, locality):
    """The review's facts and the network headlines both read the kept network
    figures: one fingerprint of the workspace serves both (network.kept.fingerprints_held)."""
    client.force_login(viewer)
    url = pages(locality)["partnership page"]
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    fingerprints = [q for q in queries.captured_queries if "MAX(t.pk), MAX(t.updated_at)" in q["sql"]]
    assert len(fingerprints) == 1
