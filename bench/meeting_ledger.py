"""Time the cost ledger page of a partnership with five years of weekly
meetings of 15 people (about 260 meetings, 3,900 attendance lines), on
SQLite, through the Django test client (the whole request: SQL, the chart
rendered to SVG, the template). Target: under 300 ms.

Prints the first request (cold), the median with the chart's SVG rendered
afresh every time, and the median with it cached (the page re-renders the
chart only when the figures change).

    uv run python bench/meeting_ledger.py [--repeat 7]
"""

import argparse
import os
import random
import statistics
import time
from datetime import date, datetime, timedelta
from pathlib import Path

TARGET_MS = 300.0
HERE = Path(__file__).resolve().parent
BANDS = ["AfC 9", "AfC 8d", "AfC 8c", "AfC 8b", "AfC 8a", "AfC 7", "NJC SCP 12", ""]


def build(slug):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from joinedup.meetings.models import Action, Attendance, Decision, Meeting
    from joinedup.organisations.models import Organisation, Person
    from joinedup.partnerships.models import Outcome, Partnership
    from joinedup.workspaces.models import Role, UserRole, Workspace

    rng = random.Random(3)
    workspace = Workspace.objects.create(name="Ledger bench", slug=slug)
    user, _ = get_user_model().objects.get_or_create(username="ledger-bench")
    UserRole.objects.create(workspace=workspace, user=user, role=Role.VIEWER)
    orgs = [Organisation.objects.create(workspace=workspace, name=f"Agency {i}", sector="other") for i in range(5)]
    people = [Person.objects.create(workspace=workspace, name=f"Person {i}", organisation=orgs[i % 5],
                                    pay_band=BANDS[i % len(BANDS)]) for i in range(18)]
    partnership = Partnership.objects.create(workspace=workspace, name="Weekly board", form="pooled_budget")
    outcomes = [Outcome.objects.create(partnership=partnership, statement=f"Outcome {i}") for i in range(3)]
    first = date(2021, 11, 23)
    meetings = Meeting.objects.bulk_create([
        Meeting(partnership=partnership, title="Weekly board", length_minutes=90, preparation_minutes=30,
                travel_minutes=20, starts_at=timezone.make_aware(datetime.combine(first + timedelta(weeks=w), datetime.min.time()).replace(hour=10)))
        for w in range(261)
    ])
    lines, decisions, actions = [], [], []
    for meeting in meetings:
        for person in people[:15]:
            status = rng.choices(["present", "apologies", "deputy"], [85, 10, 5])[0]
            lines.append(Attendance(meeting=meeting, person=person, status=status,
                                    deputy=people[15 + rng.randrange(3)] if status == "deputy" else None))
        for _ in range(2):
            decisions.append(Decision(meeting=meeting, text="Decided", outcome=rng.choice(outcomes + [None])))
            due = meeting.starts_at.date() + timedelta(days=28)
            actions.append(Action(meeting=meeting, text="Do it", owner=rng.choice(people), due_on=due,
                                  done_on=due - timedelta(days=rng.randint(-10, 10))))
    Attendance.objects.bulk_create(lines)
    Decision.objects.bulk_create(decisions)
    Action.objects.bulk_create(actions)
    return workspace, partnership, user


def main():
    os.environ.setdefault("JOINEDUP_DATA_DIR", str(HERE / ".data" / "meeting_ledger"))
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    from _setup import django_setup, report

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    Path(os.environ["JOINEDUP_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    django_setup()

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from joinedup.meetings import charts
    from joinedup.meetings.models import Attendance, Meeting
    from joinedup.partnerships.models import Partnership
    from joinedup.workspaces.models import Workspace

    slug = "ledger-bench"
    workspace = Workspace.objects.filter(slug=slug).first()
    if workspace is None:
        workspace, partnership, user = build(slug)
    else:
        partnership = Partnership.objects.get(workspace=workspace)
        user = get_user_model().objects.get(username="ledger-bench")
    client = Client()
    client.force_login(user)
    url = reverse("meetings:ledger", args=[slug, partnership.pk])
    print(f"{Meeting.objects.filter(partnership=partnership).count()} meetings, "
          f"{Attendance.objects.filter(meeting__partnership=partnership).count()} attendance lines")

    def timed():
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200 and b"<svg" in response.content
        return (time.perf_counter() - started) * 1000

    charts._svg.cache_clear()
    cold = timed()
    fresh = []
    for _ in range(args.repeat):
        charts._svg.cache_clear()
        fresh.append(timed())
    cached = [timed() for _ in range(args.repeat)]
    report("Ledger page, first request (cold)", cold, TARGET_MS, "ms")
    report(f"Ledger page, median of {args.repeat}, chart rendered each time", statistics.median(fresh), TARGET_MS, "ms")
    report(f"Ledger page, median of {args.repeat}, chart cached", statistics.median(cached), TARGET_MS, "ms")


if __name__ == "__main__":
    main()
