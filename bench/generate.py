"""The benchmarks' data, deterministic: one workspace of N partnerships
(default 3,000), or the national set of many workspaces (--scale).

One workspace: organisations, people, memberships, outcomes, agreements,
responsibilities, resources and partner targets; then, from EXTENSIONS, two
years of meetings (attendance, decisions, actions), indicator series over
five years for the own area and a comparator, and two survey waves for about
one partnership in three. Everything is written with bulk_create, in one
transaction. The same seed gives the same workspace (primary keys apart).

    uv run python bench/generate.py [--partnerships 3000] [--seed 1] [--slug bench]

The national set (NATIONAL: 150 workspaces, 3,000 partnerships, 3,000,000
attendance lines, 3,000,000 measurements, 1,000,000 survey answers), or a
factor of it, into a freshly migrated database, with COPY on PostgreSQL,
printing its progress and each table's rows a second:

    uv run python bench/generate.py --scale national|0.1 [--seed 1]

Each extension is a function (workspace, rng, partnerships, organisations,
people) that may return a one-line summary; it draws one number from `rng` to
seed its own generator, so one extension's changes do not shift the others.
Its keyword arguments (years, share, ...) let other scripts reuse it for a
single partnership (bench/review_one.py does)."""

import argparse
import hashlib
import json
import random
import time
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta


def add_months(day, months):
    """The same day `months` later (or earlier), or the last day of a shorter month."""
    return day + relativedelta(months=months)


FORMS = ["information_network", "coordinated_working", "co_location", "joint_commissioning",
         "pooled_budget", "integrated_organisation"]
SECTORS = ["nhs_acute", "nhs_community", "nhs_mental_health", "nhs_primary_care",
           "council_adult_social_care", "council_childrens_services", "council_housing",
           "council_education", "council_public_health", "police", "fire", "voluntary_community",
           "user_led", "private_provider", "academic", "other"]
STATEMENTS = [
    "I only have to tell my story once.", "I go home from hospital when I am ready.",
    "Reduce delayed transfers of care by 10%.", "My carer gets a break when they need one.",
    "People get help before a crisis.", "Deliver 500 assessments a year.",
]
# The generator's "today": meetings, series and waves stop here, whatever the clock says.
LAST_DAY = date(2026, 11, 20)
CHUNK = 250  # partnerships written at a time by the extensions


def _day(rng, start, end):
    return start + timedelta(days=rng.randrange((end - start).days))


def _organisations(workspace, rng, count):
    from joinedup.organisations.models import Organisation

    return Organisation.objects.bulk_create(
        Organisation(workspace=workspace, name=f"Bench Organisation {i:04}", sector=rng.choice(SECTORS))
        for i in range(count)
    )


def _people(workspace, rng, organisations, per_organisation):
    from joinedup.organisations.models import Person

    rows = []
    for org in organisations:
        for j in range(per_organisation):
            start = _day(rng, date(2008, 1, 1), date(2025, 1, 1))
            left = _day(rng, start, date(2026, 11, 1)) if rng.random() < 0.15 else None
            rows.append(Person(workspace=workspace, name=f"Bench Person {org.pk}-{j}", organisation=org,
                               pay_band=rng.choice(["AfC 7", "AfC 8a", "AfC 8c", ""]),
                               active_from=start, active_to=left))
    return Person.objects.bulk_create(rows, batch_size=2000)


def _partnerships(workspace, rng, count):
    from joinedup.partnerships.models import Partnership

    return Partnership.objects.bulk_create(
        (Partnership(
            workspace=workspace, name=f"Bench Partnership {i:05}",
            purpose="" if rng.random() < 0.05 else "People get joined-up help.",
            form=rng.choice(FORMS), start_date=_day(rng, date(2010, 1, 1), date(2026, 6, 1)),
            status=rng.choice(["active"] * 8 + ["under_review", "proposed"]),
        ) for i in range(count)),
        batch_size=1000,
    )


def _register(rng, partnerships, organisations, people_by_org):
    from joinedup.partnerships.models import (
        Agreement,
        Membership,
        Outcome,
        PartnerAccountability,
        Resource,
        Responsibility,
    )

    members, outcomes, agreements, duties, resources, targets = [], [], [], [], [], []
    for p in partnerships:
        chosen = rng.sample(organisations, rng.randint(3, 12))
        for k, org in enumerate(chosen):
            joined = _day(rng, p.start_date, p.start_date + timedelta(days=900))
            left = _day(rng, joined, joined + timedelta(days=2000)) if rng.random() < 0.1 else None
            members.append(Membership(
                partnership=p, organisation=org, role="lead" if k == 0 else rng.choice(["core", "associate"]),
                representative=rng.choice(people_by_org[org.pk]), joined_on=joined, left_on=left))
            if rng.random() < 0.3:
                resources.append(Resource(
                    partnership=p, organisation=org, kind=rng.choice(["money", "staff_time"]),
                    amount=Decimal(rng.randrange(1000, 900000)),
                    status=rng.choice(["agreed"] * 6 + ["proposed", "disputed"])))
        for k in range(rng.randint(0, 5)):
            outcomes.append(Outcome(
                partnership=p, statement=rng.choice(STATEMENTS), position=k,
                why_partnership="" if rng.random() < 0.2 else "No one agency can do it alone.",
                downsides="" if rng.random() < 0.4 else "It takes staff time."))
        if rng.random() < 0.8:
            signed = p.start_date + timedelta(days=rng.randrange(30, 400))
            agreements.append(Agreement(partnership=p, signed_on=signed,
                                        review_on=signed + timedelta(days=rng.choice([365, 730, 1095]))))
        for k in range(rng.randint(0, 4)):
            org = rng.choice(chosen)
            duties.append(Responsibility(partnership=p, task=f"Task {k}",
                                         responsible_organisation=org if rng.random() < 0.9 else None))
        if rng.random() < 0.3:
            targets.append(PartnerAccountability(partnership=p, organisation=chosen[0], target="A target",
                                                 pulls_against=rng.random() < 0.3))
    for model, rows in [(Membership, members), (Outcome, outcomes), (Agreement, agreements),
                        (Responsibility, duties), (Resource, resources), (PartnerAccountability, targets)]:
        model.objects.bulk_create(rows, batch_size=2000)
    return len(members)


def _chunks(rows, size=CHUNK):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _in_post(person, day):
    return (person.active_from is None or person.active_from <= day) and (
        person.active_to is None or person.active_to >= day)


def _outcome_ids(partnership_ids):
    from joinedup.partnerships.models import Outcome

    found = defaultdict(list)
    rows = (Outcome.objects.filter(partnership_id__in=partnership_ids, archived_at__isnull=True)
            .order_by("partnership_id", "position", "pk").values_list("partnership_id", "pk"))
    for pid, pk in rows:
        found[pid].append(pk)
    return found


# --- Meetings ---------------------------------------------------------------

MEETING_TITLES = ["Partnership board", "Steering group", "Partners' meeting", "Operational group",
                  "Joint management team", "Programme board"]
DECISION_TEXTS = [
    "Agree the plan for the next quarter", "Approve the revised pathway", "Note the update from partners",
    "Fund two more reablement workers", "Refer the strategy refresh to the next meeting",
    "Share one care plan across agencies", "Defer agreement of the contributions to the pool",
    "Ask people who use services to review the outcomes",
]
ACTION_TEXTS = ["Report back on the waiting list", "Circulate the revised pathway", "Draft the data-sharing agreement",
                "Ask finance leads to reconcile the figures", "Invite carers to the next meeting"]


def _meeting_plan(rng, members, outcomes):
    """How one partnership meets: its habits, drawn once."""
    travel = rng.choice([0, 0, 15, 20, 30, 45])
    return {
        "every": rng.choice([1, 1, 1, 2, 3, 3]),  # months between meetings
        "day": rng.randint(1, 25), "hour": rng.choice([9, 10, 10, 14]),
        "title": rng.choice(MEETING_TITLES), "minutes": rng.choice([60, 90, 90, 120, 120, 150, 180]),
        "preparation": rng.choice([0, 15, 30, 30, 60, 90]), "travel": travel,
        "location": "Online" if travel == 0 else "Civic Centre",
        "apologies": rng.uniform(0.03, 0.25), "deputies": rng.uniform(0.0, 0.08),
        "decisions": rng.choice([(0, 1), (0, 2), (1, 2), (1, 3), (2, 4)]),
        "linked": rng.choice([0.0, 0.1, 0.3, 0.6, 0.9]) if outcomes else 0.0,
        "on_time": rng.uniform(0.3, 0.9),
        # One in four grows: longer meetings, more people, fewer decisions in the last year.
        "grows": rng.random() < 0.25, "second_from_lead": rng.random() < 0.4,
    }


def _attendees(rng, plan, day, members, people_by_org):
    """[(person, status, deputy, minutes attended)] for one meeting."""
    from joinedup.meetings.models import AttendanceStatus

    chosen, taken = [], set()
    for org_id, rep_id, joined, left, role in members:
        if joined > day or (left is not None and left < day):
            continue
        in_post = [p for p in people_by_org[org_id] if _in_post(p, day)]
        rep = next((p for p in in_post if p.pk == rep_id), None)
        sent = [rep or (rng.choice(in_post) if in_post else None)]
        if role == "lead" and plan["second_from_lead"]:
            sent.append(rng.choice(in_post) if in_post else None)
        for person in sent:
            if person is None or person.pk in taken:
                continue
            taken.add(person.pk)
            draw, deputy = rng.random(), None
            status = AttendanceStatus.PRESENT
            if draw < plan["apologies"]:
                status = AttendanceStatus.APOLOGIES
            elif draw < plan["apologies"] + plan["deputies"]:
                others = [p for p in in_post if p.pk not in taken]
                if others:
                    status, deputy = AttendanceStatus.DEPUTY, rng.choice(others)
            chosen.append((person, status, deputy, None if rng.random() > 0.05 else "half"))
    return chosen


def add_meetings(workspace, rng, partnerships, organisations, people, *, years=2, last=LAST_DAY,
                 share=0.95, every=None):
    """About `years` of meetings for each partnership (a share record none), monthly,
    every two months or quarterly, attended by its members' representatives (or a
    colleague in post when they have left), with decisions, some linked to its
    outcomes, and actions. Costs are not stored: the app costs attendance in SQL
    from the workspace's pay scale, seeded here as the app seeds it."""
    from django.utils import timezone

    from joinedup.meetings.models import Action, Attendance, AttendanceStatus, Decision, Meeting
    from joinedup.meetings.scales import pay_scale_for
    from joinedup.partnerships.models import Membership

    rng = random.Random(rng.getrandbits(64))
    pay_scale_for(workspace)
    people_by_org = defaultdict(list)
    for person in people:
        people_by_org[person.organisation_id].append(person)
    first = add_months(last, -12 * years)
    counts = defaultdict(int)
    for chunk in _chunks(partnerships):
        ids = [p.pk for p in chunk]
        members = defaultdict(list)
        for pid, *row in (Membership.objects.filter(partnership_id__in=ids, archived_at__isnull=True)
                          .order_by("partnership_id", "pk").values_list(
                              "partnership_id", "organisation_id", "representative_id", "joined_on", "left_on", "role")):
            members[pid].append(row)
        outcomes = _outcome_ids(ids)
        rows = []
        for p in chunk:
            plan = _meeting_plan(rng, members[p.pk], outcomes[p.pk])
            if rng.random() > share or p.start_date is None:
                continue
            start = max(first, p.start_date)
            day = date(start.year, start.month, plan["day"])
            day = day if day >= start else add_months(day, plan["every"])
            step = every or plan["every"]
            while day <= last:
                later = plan["grows"] and day > add_months(last, -12)
                minutes = plan["minutes"] + (60 if later else 0)
                meeting = Meeting(
                    partnership=p, title=plan["title"], length_minutes=minutes,
                    starts_at=timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=plan["hour"])),
                    preparation_minutes=plan["preparation"], travel_minutes=plan["travel"], location=plan["location"])
                attendees = _attendees(rng, plan, day, members[p.pk], people_by_org)
                low, high = (0, 1) if later else plan["decisions"]
                decisions = [(rng.choice(DECISION_TEXTS),
                              rng.choice(outcomes[p.pk]) if rng.random() < plan["linked"] else None)
                             for _ in range(rng.randint(low, high))]
                present = [a[0].pk for a in attendees if a[1] != AttendanceStatus.APOLOGIES]
                actions = []
                for _ in range(rng.randint(0, 3) if present else 0):
                    due, done = day + timedelta(days=28), None
                    if rng.random() < plan["on_time"]:
                        done = due - timedelta(days=rng.randint(0, 20))
                    elif rng.random() < 0.5:
                        done = due + timedelta(days=rng.randint(5, 40))
                    actions.append((rng.choice(ACTION_TEXTS), rng.choice(present), due,
                                    done if done and done <= last else None))
                rows.append((meeting, attendees, decisions, actions))
                day = add_months(day, step)
        Meeting.objects.bulk_create([row[0] for row in rows], batch_size=2000)
        lines = [
            Attendance(meeting=m, person=person, status=status, deputy=deputy,
                       minutes_attended=m.length_minutes // 2 if part else None)
            for m, attendees, _, _ in rows for person, status, deputy, part in attendees
        ]
        Attendance.objects.bulk_create(lines, batch_size=2000)
        Decision.objects.bulk_create([Decision(meeting=m, text=text, outcome_id=outcome)
                                      for m, _, decisions, _ in rows for text, outcome in decisions], batch_size=2000)
        Action.objects.bulk_create([Action(meeting=m, text=text, owner_id=owner, due_on=due, done_on=done)
                                    for m, _, _, actions in rows for text, owner, due, done in actions], batch_size=2000)
        counts["meetings"] += len(rows)
        counts["attendance lines"] += len(lines)
        counts["decisions"] += sum(len(r[2]) for r in rows)
        counts["actions"] += sum(len(r[3]) for r in rows)
    return ", ".join(f"{n:,} {what}" for what, n in counts.items())


# --- Indicators ---------------------------------------------------------------

OWN_AREA = ("Bench locality", "E06000199")
COMPARATOR_AREAS = [("Bench comparator A", "E06000198"), ("Bench comparator B", "E06000197"),
                    ("Bench comparator C", "E06000196")]
TRENDS = ["improving", "improving", "flat", "worsening", "stepped", "relapse"]


def _areas(workspace):
    """The own area and the comparators, made once per workspace."""
    from joinedup.indicators.models import Area

    wanted = [(OWN_AREA, True)] + [(area, False) for area in COMPARATOR_AREAS]
    existing = {a.name: a for a in Area.objects.filter(workspace=workspace)}
    Area.objects.bulk_create([Area(workspace=workspace, name=name, ons_code=code, is_own_area=own)
                              for (name, code), own in wanted if name not in existing])
    by_name = {a.name: a for a in Area.objects.filter(workspace=workspace)}
    return by_name[OWN_AREA[0]], [by_name[name] for name, _ in COMPARATOR_AREAS]


def _series(rng, template, frequency, years, last):
    """A demo series (demo/indicators.py) reshaped: monthly or quarterly over
    `years`, with a trend drawn from TRENDS. Returns (series, trend)."""
    from joinedup.demo.indicators import months, quarters

    latest = add_months(last.replace(day=1), -2)  # published with a lag of two months or so
    if rng.random() < 0.1:  # nobody has imported anything for a year or more
        latest = add_months(latest, -rng.randint(12, 18))
    if frequency == "month":
        first = add_months(latest, 1 - 12 * years)
        periods = months((first.year, first.month), (latest.year, latest.month))
        per_year = 12
    else:
        done = latest.year * 4 + latest.month // 3 - 1  # the latest quarter over, counted from year 0
        start = done - (4 * years - 1)
        periods = quarters((start // 4, start % 4 + 1), (done // 4, done % 4 + 1))
        per_year = 4
    trend = rng.choice(TRENDS)
    better = -1 if template.direction == "lower" else 1
    size = template.level * rng.uniform(0.05, 0.15)
    yearly = template.level * rng.uniform(0.01, 0.05)
    shift = slope = 0.0
    late = None
    if trend == "improving":
        shift, slope = better * size, better * yearly / per_year
    elif trend == "worsening":
        slope = -better * yearly / per_year
    elif trend == "stepped":
        shift = better * size
    elif trend == "relapse":
        shift = better * size
        late = (periods[len(periods) * 2 // 3].start, -better * size * rng.uniform(0.7, 1.2))
    comparator = [template.level * rng.uniform(0.85, 1.15)] if rng.random() < 0.8 else []
    target = None
    if rng.random() < 0.4:
        target = round(template.level + better * size, template.decimals)
    series = replace(template, frequency=frequency, periods=periods, shift=shift, slope=slope, late=late,
                     comparators=comparator, target=target, noise=template.noise * rng.uniform(0.6, 1.4))
    return series, trend


def add_indicators(workspace, rng, partnerships, organisations, people, *, years=5, last=LAST_DAY,
                   per_partnership=(1, 3)):
    """One to three indicators for each partnership with outcomes, each on one of
    its outcomes, shaped on the demo's series (names, units, levels, sources), with
    a monthly or quarterly series over `years` for the own area and, for most, one
    comparator; trends improve, stay flat, worsen, step, or step and relapse (with
    an event on the chart). A few values are missing; one in ten stopped a year ago."""
    from joinedup.demo.indicators import SERIES, _measurement, _value
    from joinedup.indicators.models import Event, Indicator, Measurement, MeasurementStatus

    rng = random.Random(rng.getrandbits(64))
    own, comparators = _areas(workspace)
    counts = defaultdict(int)
    for chunk in _chunks(partnerships):
        outcomes = _outcome_ids([p.pk for p in chunk])
        planned, events = [], []
        for p in chunk:
            mine = outcomes[p.pk]
            if not mine:
                continue
            for template in rng.sample(SERIES, rng.randint(*per_partnership)):
                series, trend = _series(rng, template, rng.choice(["month", "quarter"]), years, last)
                indicator = Indicator(
                    partnership=p, outcome_id=rng.choice(mine), name=series.name, kind=series.kind,
                    scope=series.scope, unit=series.unit, direction=series.direction, frequency=series.frequency,
                    source=series.source, licence="Bench data, invented (shaped on Open Government Licence data)",
                    target=Decimal(str(series.target)) if series.target is not None else None)
                planned.append((indicator, series, p))
                if series.late:
                    events.append(Event(partnership=p, date=series.late[0], label="Coordinator left"))
            if rng.random() < 0.2:
                events.append(Event(partnership=p, date=last - timedelta(days=rng.randrange(1800)),
                                    label="New provider joined"))
        Indicator.objects.bulk_create([row[0] for row in planned], batch_size=2000)
        Event.objects.bulk_create(events, batch_size=2000)
        rows = []
        for indicator, series, p in planned:
            areas = [(own, series.level, True)] + [(comparators[rng.randrange(len(comparators))], level, False)
                                                   for level in series.comparators]
            for area, level, is_own in areas:
                for period in series.periods:
                    value = _value(series, period, p.start_date, level, rng, is_own)
                    value = min(99.9, max(0.1, value)) if series.unit == "percentage" else max(0.0, value)
                    measurement = _measurement(series, indicator, area, period, value)
                    if rng.random() < 0.01:
                        measurement.value = measurement.numerator = measurement.denominator = None
                        measurement.status = MeasurementStatus.MISSING
                    rows.append(measurement)
        Measurement.objects.bulk_create(rows, batch_size=2000)
        counts["indicators"] += len(planned)
        counts["measurements"] += len(rows)
        counts["events"] += len(events)
    return ", ".join(f"{n:,} {what}" for what, n in counts.items())


# --- Survey waves ---------------------------------------------------------------

THEME_CODES = ["purpose", "why_partnership", "who_does_what", "resources", "accountability", "communication",
               "trust", "frontline", "user_involvement", "learning", "benefits"]


def _survey_profile(rng, before=None):
    """What a partnership's people tend to answer (demo/surveys.py's _profile);
    the second wave drifts from the first."""
    from joinedup.demo.surveys import _profile

    def near(value, spread=0.4):
        return max(1.5, min(4.5, value + rng.uniform(-spread, spread)))

    if before is None:
        once = rng.uniform(0.2, 0.8)
        some = rng.uniform(0, 1 - once)
        weak = {code: rng.uniform(1.8, 2.8) for code in rng.sample(THEME_CODES, rng.randint(0, 3))}
        return _profile(rng.uniform(2.8, 4.2), (rng.uniform(2.6, 4.2), rng.uniform(2.6, 4.2)),
                        (once, some, 1 - once - some), rng.uniform(0.3, 0.85), **weak)
    return _profile(near(before["health"]), (near(before["staff"][0], 0.8), near(before["staff"][1], 0.8)),
                    before["story"], before["good"], **{k: near(v) for k, v in before["themes"].items()})


def _hash(rng, salt):
    return hashlib.sha256(f"{salt}:{rng.getrandbits(128)}".encode()).hexdigest()


def _asked(rng, organisations):
    """{instrument: [(group name, answers' group value, links made, share answering)]}:
    some groups too small to show (fewer than 5 answers), some with too few of
    those invited answering."""
    from joinedup.surveys.models import CARERS, SERVICE_USERS

    asked = {"health_check": [(name, value, rng.randint(2, 10), rng.uniform(0.3, 1.0))
                              for value, name in organisations]}
    asked["staff_pulse"] = [(name, value, rng.randint(8, 40), rng.uniform(0.1, 0.6))
                            for value, name in rng.sample(organisations, min(len(organisations), rng.randint(1, 3)))]
    if rng.random() < 0.6:
        groups = [(SERVICE_USERS, rng.randint(20, 60))] + ([(CARERS, rng.randint(5, 20))] if rng.random() < 0.5 else [])
        asked["service_user"] = [(group, None, n, rng.uniform(0.1, 0.5)) for group, n in groups]
    return asked


def _answered(rng, invited, share):
    """How many of `invited` answered in one wave: the group's usual share, give or take."""
    return min(invited, round(invited * max(0.0, share + rng.uniform(-0.15, 0.15))))


def add_survey_waves(workspace, rng, partnerships, organisations, people, *, share=1 / 3, waves=None):
    """Two closed waves (autumn 2025, spring 2026, as in the demo) for about
    `share` of the partnerships that had started by the first: a health check of
    every member organisation, a staff pulse of one to three, and for most the
    service-user survey, with single-use invitations (hashes only) and answers
    drawn as demo/surveys.py draws them. Consented staff obstacles become
    obstacles, as they do when answers are released."""
    from django.utils import timezone

    from joinedup.demo import surveys as survey_demo
    from joinedup.surveys.instruments import consented_obstacle, instrument, with_partnership
    from joinedup.surveys.models import (
        Invitation,
        InvitationBatch,
        Obstacle,
        Response,
        Wave,
        WaveStatus,
    )
    from joinedup.surveys.respond import partnership_choices

    waves = waves or survey_demo.WAVES
    rng = random.Random(rng.getrandbits(64))
    counts = defaultdict(int)
    for chunk in _chunks(partnerships):
        planned = []
        for p in chunk:
            if rng.random() >= share or p.start_date is None or p.start_date > waves[0][1]:
                continue
            organisations_, outcomes = partnership_choices(p)
            if not organisations_:
                continue
            profile = None
            asked = _asked(rng, organisations_)
            for name, opens in waves:
                profile = _survey_profile(rng, profile)
                wave = Wave(partnership=p, name=name, instruments=sorted(asked), opens_on=opens,
                            respondent_groups=sorted({g for rows in asked.values() for g, *_ in rows}),
                            closes_on=opens + timedelta(days=27), status=WaveStatus.CLOSED,
                            created_at=timezone.make_aware(datetime.combine(opens, datetime.min.time())))
                planned.append((wave, asked, profile, organisations_, outcomes))
        Wave.objects.bulk_create([row[0] for row in planned], batch_size=2000)
        batches, invitations, responses = [], [], []
        for wave, asked, profile, organisations_, outcomes in planned:
            surveys = {code: with_partnership(instrument(code), organisations_, outcomes) for code in asked}
            for code, groups in asked.items():
                for group, value, invited, usual in groups:
                    answered = _answered(rng, invited, usual)
                    batch = InvitationBatch(wave=wave, group=group, instrument=code, count=invited)
                    batches.append((batch, invited, answered))
                    for _ in range(answered):
                        if code == "service_user":
                            answers = survey_demo._user(rng, profile, [v for v, _ in outcomes])
                        else:
                            answers = survey_demo._scored(rng, surveys[code], profile, {}, staff=code == "staff_pulse")
                            answers["group"] = value
                            survey_demo._free_text(rng, code, answers)
                        responses.append(survey_demo._response(rng, wave, code, group, answers))
        InvitationBatch.objects.bulk_create([b for b, _, _ in batches], batch_size=2000)
        for batch, invited, answered in batches:
            salt = f"{workspace.slug}/{batch.pk}"
            invitations += [
                Invitation(batch=batch, token_hash=_hash(rng, salt), code_hash=_hash(rng, salt),
                           used_on=batch.wave.opens_on if n < answered else None)
                for n in range(invited)
            ]
        Invitation.objects.bulk_create(invitations, batch_size=2000)
        Response.objects.bulk_create(responses, batch_size=2000)
        obstacles = [Obstacle(partnership=r.wave.partnership, text=text, created_on=r.wave.closes_on or r.wave.opens_on)
                     for r in responses if (text := consented_obstacle(r.answers))]
        Obstacle.objects.bulk_create(obstacles, batch_size=2000)
        counts["partnerships asked"] += len(planned) // max(1, len(waves))
        counts["waves"] += len(planned)
        counts["invitations"] += len(invitations)
        counts["responses"] += len(responses)
        counts["obstacles"] += len(obstacles)
    return ", ".join(f"{n:,} {what}" for what, n in counts.items())


# Each: function(workspace, rng, partnerships, organisations, people) -> summary or None.
EXTENSIONS = [add_meetings, add_indicators, add_survey_waves]


def generate(partnerships=3000, seed=1, slug="bench", replace=True, extensions=None, log=print):
    """Build the workspace in one transaction; returns it."""
    from django.db import transaction

    from joinedup.workspaces.models import Workspace

    rng = random.Random(seed)
    with transaction.atomic():
        if replace:
            Workspace.objects.filter(slug=slug).delete()
        started = time.perf_counter()
        workspace = Workspace.objects.create(name=f"Bench locality ({partnerships:,} partnerships)", slug=slug)
        organisations = _organisations(workspace, rng, max(30, partnerships // 6))
        people = _people(workspace, rng, organisations, 3)
        people_by_org = {}
        for person in people:
            people_by_org.setdefault(person.organisation_id, []).append(person)
        made = _partnerships(workspace, rng, partnerships)
        members = _register(rng, made, organisations, people_by_org)
        log(f"  register: {len(made):,} partnerships, {members:,} memberships in {time.perf_counter() - started:.1f} s")
        for extend in EXTENSIONS if extensions is None else extensions:
            started = time.perf_counter()
            summary = extend(workspace, rng, made, organisations, people)
            log(f"  {extend.__name__}: {summary or 'done'} in {time.perf_counter() - started:.1f} s")
    return workspace


# --- National scale -------------------------------------------------------------
#
# Many workspaces (a region's or a nation's councils and care systems), written
# table by table with COPY on PostgreSQL (executemany on SQLite, for the tests'
# tiny scales). The register (organisations, people, partnerships, memberships,
# outcomes...) is the one-workspace generator's own; the big tables (meetings,
# attendance, measurements, survey answers) are drawn as plain rows here, as
# model instances for millions of rows would take longer than the target allows.

NATIONAL = {  # --scale national (1.0); --scale 0.01 is a hundredth of each
    "workspaces": 150, "partnerships": 3_000, "organisations": 20_000, "people": 60_000,
    "meetings": 300_000, "attendances": 3_000_000, "indicators": 50_000, "measurements": 3_000_000,
    "survey answers": 1_000_000,
}
PEOPLE_PER_ORGANISATION = 3
MONTHS_PER_SERIES = 60  # each series: five years of monthly values for the own area
PREFIX = "nat"


def sizes(scale):
    """The national figures times `scale`, rounded, with at least one workspace and
    one partnership in each, ten attendance lines a meeting, sixty values a series."""
    wanted = {name: max(1, round(n * scale)) for name, n in NATIONAL.items()}
    wanted["partnerships"] = max(wanted["partnerships"], wanted["workspaces"])
    wanted["organisations"] = max(wanted["organisations"], 12 * wanted["workspaces"])
    wanted["people"] = PEOPLE_PER_ORGANISATION * wanted["organisations"]
    wanted["attendances"] = 10 * wanted["meetings"]
    wanted["measurements"] = MONTHS_PER_SERIES * wanted["indicators"]
    return wanted


def spread(total, weights, minimum=0):
    """`total` split in proportion to `weights`, each at least `minimum`, summing
    exactly to `total` (largest remainders)."""
    free = total - minimum * len(weights)
    scale = free / sum(weights)
    shares = [w * scale for w in weights]
    counts = [int(s) for s in shares]
    for i in sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))[:free - sum(counts)]:
        counts[i] += 1
    return [minimum + c for c in counts]


class Writer:
    """Plain rows into a model's table: COPY on PostgreSQL, executemany
    elsewhere; the columns not given take the model's defaults. Keeps each
    table's rows and seconds for the progress report."""

    def __init__(self, log=print):
        from django.db import connection

        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.log = log
        self.rows = defaultdict(int)
        self.seconds = defaultdict(float)

    def ids(self, model, count):
        """`count` fresh primary keys of the model's table, reserved."""
        table = model._meta.db_table
        with self.connection.cursor() as cursor:
            if self.postgres:
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                               "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)", [table, table, count])
                last = cursor.fetchone()[0]
                return range(last - count + 1, last + 1)
            # One writer, inside its transaction; the table's name is the model's own.
            cursor.execute(f'SELECT coalesce(max(id), 0) FROM "{table}"')  # noqa: S608
            first = cursor.fetchone()[0] + 1
            return range(first, first + count)

    def write(self, model, columns, rows):
        """Write rows (tuples of `columns`, attribute names such as "meeting_id")."""
        from django.utils import timezone

        started = time.perf_counter()
        fields = {f.attname: f for f in model._meta.concrete_fields}
        rest = [f for name, f in fields.items() if name not in columns and not f.primary_key]
        now = timezone.now()
        defaults = tuple(now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                         else f.get_default() for f in rest)
        names = [fields[c].column for c in columns] + [f.column for f in rest]
        table = model._meta.db_table
        count = 0
        with self.connection.cursor() as cursor:
            if self.postgres:
                # JSON and the rest as PostgreSQL reads them in COPY's text format.
                json_at = [i for i, f in enumerate([fields[c] for c in columns] + rest)
                           if f.get_internal_type() == "JSONField"]
                defaults = tuple(json.dumps(v) if i + len(columns) in json_at else v for i, v in enumerate(defaults))
                quoted = ", ".join(f'"{n}"' for n in names)
                with cursor.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row + defaults)
                        count += 1
            else:
                every = [fields[c] for c in columns] + rest
                prepared = [
                    tuple(f.get_db_prep_save(json.loads(v) if f.get_internal_type() == "JSONField" and isinstance(v, str)
                                             else v, self.connection) for f, v in zip(every, row + defaults, strict=True))
                    for row in rows
                ]
                marks = ", ".join(["%s"] * len(names))
                quoted = ", ".join(f'"{n}"' for n in names)
                cursor.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', prepared)  # noqa: S608
                count = len(prepared)
        self.rows[model._meta.label] += count
        self.seconds[model._meta.label] += time.perf_counter() - started
        return count

    def summary(self):
        for label, n in sorted(self.rows.items(), key=lambda item: -item[1]):
            seconds = self.seconds[label]
            self.log(f"    {label:<28} {n:>10,} rows in {seconds:7.1f} s = {n / max(seconds, 1e-9):>9,.0f} rows/s")
        for label in sorted(set(self.seconds) - set(self.rows)):
            self.log(f"    {label:<28} {'':>10}      in {self.seconds[label]:7.1f} s")


def _bulk_meetings(writer, rng, partnerships, counts, pool):
    """`counts[i]` meetings for partnership i, spread over the five years before
    LAST_DAY (not before its start), ten attendance lines each on average from
    its members' people (a tenth apologies, a few deputies), a decision at
    every third, an action at every fourth."""
    from django.utils import timezone

    from joinedup.meetings.models import Action, Attendance, Decision, Meeting

    made = writer.ids(Meeting, sum(counts))
    meetings, attendance, decisions, actions = [], [], [], []
    ids = iter(made)
    earliest = LAST_DAY - timedelta(days=5 * 365)
    for p, count in zip(partnerships, counts, strict=True):
        plan = _meeting_plan(rng, [], [])
        first = max(earliest, p.start_date or earliest)
        step = max(1, (LAST_DAY - first).days // max(count, 1))
        people = pool[p.pk]
        for k in range(count):
            pk = next(ids)
            day = first + timedelta(days=k * step)
            starts = timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=plan["hour"]))
            meetings.append((pk, p.pk, plan["title"], starts, plan["minutes"], plan["preparation"],
                             plan["travel"], plan["location"]))
            # Ten on average, exactly: a meeting of 10 + d is paired with one of 10 - d.
            if k % 2 == 0:
                swing = rng.randint(0, 4) if k + 1 < count else 0
            chosen = rng.sample(people, 10 + swing if k % 2 == 0 else 10 - swing)
            for person in chosen:
                draw = rng.random()
                if draw < 0.1:
                    attendance.append((pk, person, "apologies", None))
                elif draw < 0.13:
                    attendance.append((pk, person, "deputy", rng.choice(people)))
                else:
                    attendance.append((pk, person, "present", None))
            if k % 3 == 0:
                decisions.append((pk, rng.choice(DECISION_TEXTS)))
            if k % 4 == 0:
                due = day + timedelta(days=28)
                actions.append((pk, rng.choice(ACTION_TEXTS), chosen[0], due,
                                due if rng.random() < 0.6 and due <= LAST_DAY else None))
    writer.write(Meeting, ["id", "partnership_id", "title", "starts_at", "length_minutes", "preparation_minutes",
                           "travel_minutes", "location"], meetings)
    writer.write(Attendance, ["meeting_id", "person_id", "status", "deputy_id"], attendance)
    writer.write(Decision, ["meeting_id", "text"], decisions)
    writer.write(Action, ["meeting_id", "text", "owner_id", "due_on", "done_on"], actions)


def _bulk_indicators(writer, rng, partnerships, counts, outcomes, own_area):
    """`counts[i]` indicators for partnership i, shaped on the demo's series, each
    with five years of monthly values for the own area, trending as TRENDS do."""
    from joinedup.demo.indicators import SERIES, months
    from joinedup.indicators.models import Indicator, Measurement

    latest = add_months(LAST_DAY.replace(day=1), -2)
    first = add_months(latest, 1 - MONTHS_PER_SERIES)
    periods = [(p.start, p.end, p.label, str(p.frequency))
               for p in months((first.year, first.month), (latest.year, latest.month))]
    made = iter(writer.ids(Indicator, sum(counts)))
    indicators, values = [], []
    licence = "Bench data, invented (shaped on Open Government Licence data)"
    for p, count in zip(partnerships, counts, strict=True):
        mine = outcomes.get(p.pk, [])
        for k in range(count):
            pk, template = next(made), SERIES[k % len(SERIES)]
            name = template.name if k < len(SERIES) else f"{template.name} ({k // len(SERIES) + 1})"
            indicators.append((pk, p.pk, rng.choice(mine) if mine else None, name[:200], template.kind,
                               template.scope, template.unit, template.direction, "month", template.source,
                               licence))
            better = -1 if template.direction == "lower" else 1
            level, noise = template.level, template.noise * rng.uniform(0.6, 1.4)
            slope = better * level * rng.uniform(-0.02, 0.05) / 12
            places = template.decimals
            for n, (start, end, label, frequency) in enumerate(periods):
                value = level + slope * n + rng.gauss(0, noise)
                value = min(99.9, max(0.1, value)) if template.unit == "percentage" else max(0.0, value)
                values.append((pk, own_area, start, end, label, frequency, f"{value:.{places}f}"))
    writer.write(Indicator, ["id", "partnership_id", "outcome_id", "name", "kind", "scope", "unit", "direction",
                             "frequency", "source", "licence"], indicators)
    writer.write(Measurement, ["indicator_id", "area_id", "period_start", "period_end", "period_label",
                               "frequency", "value"], values)


def _bulk_surveys(writer, rng, workspace, partnerships, counts):
    """Two closed waves for each partnership with `counts[i]` answers between
    them, split among the groups asked (as add_survey_waves asks them), each
    answer one of a dozen drawn for its group as demo/surveys.py draws them.
    The single-use links are not made (only each batch's count): the waves are
    closed and sealed."""
    from django.utils import timezone

    from joinedup.demo import surveys as survey_demo
    from joinedup.surveys.instruments import instrument, with_partnership
    from joinedup.surveys.models import InvitationBatch, Response, Wave
    from joinedup.surveys.respond import partnership_choices

    waves_made, batches, responses = [], [], []
    for p, count in zip(partnerships, counts, strict=True):
        organisations_, outcomes = partnership_choices(p)
        if not organisations_ or not count:
            continue
        asked = _asked(rng, organisations_)
        surveys = {code: with_partnership(instrument(code), organisations_, outcomes) for code in asked}
        slots = [(code, group, value, invited, usual) for code, groups in asked.items()
                 for group, value, invited, usual in groups]
        profile = None
        for w, (name, opens) in enumerate(survey_demo.WAVES[:2]):
            profile = _survey_profile(rng, profile)
            answered = count // 2 + (count % 2 if w == 0 else 0)
            split = spread(answered, [invited * usual for _, _, _, invited, usual in slots])
            wave = dict(partnership_id=p.pk, name=name, instruments=json.dumps(sorted(asked)), opens_on=opens,
                        respondent_groups=json.dumps(sorted({g for _, g, *_ in slots})),
                        closes_on=opens + timedelta(days=27), status="closed", closed_on=opens + timedelta(days=27),
                        created_at=timezone.make_aware(datetime.combine(opens, datetime.min.time())))
            waves_made.append((wave, slots, split, profile, surveys, outcomes))
    ids = iter(writer.ids(Wave, len(waves_made)))
    rows = []
    for wave, slots, split, profile, surveys, outcomes in waves_made:
        pk = wave["id"] = next(ids)
        rows.append(tuple(wave.values()))
        for (code, group, value, invited, usual), answered in zip(slots, split, strict=True):
            if not answered:
                continue
            batches.append((pk, group, code, max(invited, min(2000, round(answered / max(usual, 0.1))), answered)))
            pool = []
            for _ in range(min(12, answered)):
                if code == "service_user":
                    answers = survey_demo._user(rng, profile, [v for v, _ in outcomes])
                else:
                    answers = survey_demo._scored(rng, surveys[code], profile, {}, staff=code == "staff_pulse")
                    answers["group"] = value
                    survey_demo._free_text(rng, code, answers)
                pool.append(json.dumps(answers))
            responses += [(pk, code, group, pool[n % len(pool)], True) for n in range(answered)]
    columns = list(waves_made[0][0]) if waves_made else ["id"]
    writer.write(Wave, columns, rows)
    writer.write(InvitationBatch, ["wave_id", "group", "instrument", "count"], batches)
    writer.write(Response, ["wave_id", "instrument", "respondent_group", "answers", "released"], responses)


def _national_workspace(writer, rng, index, quota):
    """One workspace of the national set: its register through the one-workspace
    generator's functions, then its meetings, indicators and surveys as rows."""
    from joinedup.meetings.scales import pay_scale_for
    from joinedup.partnerships.models import Membership
    from joinedup.workspaces.models import Workspace

    workspace = Workspace.objects.create(name=f"Bench area {index + 1:03}", slug=f"{PREFIX}-{index + 1:03}")
    def timed(label, make, *args):
        started = time.perf_counter()
        made = make(workspace, rng, *args)
        writer.seconds[label] += time.perf_counter() - started
        writer.rows[label] += len(made)
        return made

    organisations = timed("organisations.Organisation", _organisations, quota["organisations"])
    people = timed("organisations.Person", _people, organisations, PEOPLE_PER_ORGANISATION)
    people_by_org = defaultdict(list)
    for person in people:
        people_by_org[person.organisation_id].append(person)
    made = timed("partnerships.Partnership", _partnerships, quota["partnerships"])
    started = time.perf_counter()
    writer.rows["partnerships.Membership"] += _register(rng, made, organisations, people_by_org)
    # (with the outcomes, agreements, responsibilities, resources and targets written beside them)
    writer.seconds["partnerships.Membership"] += time.perf_counter() - started
    pay_scale_for(workspace)
    # Who may attend a partnership's meetings: its members' people, topped up
    # from the workspace (guests) so that every meeting can seat fourteen.
    pool = defaultdict(list)
    for pid, org in Membership.objects.filter(partnership__workspace=workspace).values_list(
            "partnership_id", "organisation_id").order_by("partnership_id", "organisation_id"):
        pool[pid] += [person.pk for person in people_by_org[org]]
    everyone = [person.pk for person in people]
    for p in made:
        mine = set(pool[p.pk])
        while len(mine) < 14:
            mine.add(rng.choice(everyone))
        pool[p.pk] = sorted(mine)
    own, _ = _areas(workspace)
    _bulk_meetings(writer, rng, made, quota["meetings"], pool)
    _bulk_indicators(writer, rng, made, quota["indicators"], _outcome_ids([p.pk for p in made]), own.pk)
    _bulk_surveys(writer, rng, workspace, made, quota["survey answers"])
    return workspace


def generate_national(scale=1.0, seed=1, log=print):
    """The national set at `scale` (1.0 = NATIONAL), one transaction per
    workspace; workspaces' sizes follow a power law (the biggest about a ninth
    of all partnerships, the smallest a handful). Returns {what: rows}. Refuses
    a database that already holds it: make a fresh one."""
    from django.db import connection, transaction

    from joinedup.workspaces.models import Workspace

    if Workspace.objects.filter(slug__startswith=f"{PREFIX}-").exists():
        raise SystemExit(f"This database already has national bench workspaces ({PREFIX}-…): use a fresh one.")
    wanted = sizes(scale)
    rng = random.Random(seed)
    count = wanted["workspaces"]
    weights = [(rank + 1) ** -0.8 for rank in range(count)]
    partnerships = spread(wanted["partnerships"], weights, minimum=1)
    organisations = spread(wanted["organisations"], weights, minimum=12)
    # Meetings, indicators and answers: evenly among all partnerships, the remainders at random.
    everywhere = {what: spread(wanted[what], [1 + rng.random() * 1e-6 for _ in range(wanted["partnerships"])])
                  for what in ("meetings", "indicators", "survey answers")}
    writer = Writer(log)
    started = time.perf_counter()
    log(f"National bench data at scale {scale:g} on {connection.vendor}: "
        + ", ".join(f"{n:,} {what}" for what, n in wanted.items()))
    done = 0
    for index in range(count):
        share = slice(done, done + partnerships[index])
        done += partnerships[index]
        quota = {"partnerships": partnerships[index], "organisations": organisations[index],
                 **{what: split[share] for what, split in everywhere.items()}}
        with transaction.atomic():
            _national_workspace(writer, rng, index, quota)
            committing = time.perf_counter()
        # PostgreSQL checks the deferred foreign keys of every row at the commit.
        writer.seconds["commit (foreign-key checks)"] += time.perf_counter() - committing
        if index == count - 1 or (index + 1) % max(1, count // 10) == 0:
            elapsed = time.perf_counter() - started
            log(f"  {index + 1:>4}/{count} workspaces, {done:,} partnerships, {elapsed:6.1f} s; "
                f"{writer.rows['meetings.Attendance']:,} attendance lines, "
                f"{writer.rows['indicators.Measurement']:,} measurements, "
                f"{writer.rows['surveys.Response']:,} answers; "
                f"{sum(writer.rows.values()) / elapsed:,.0f} rows/s")
    if connection.vendor == "postgresql":
        # VACUUM as well as ANALYZE: rows just written are not yet marked visible to all, so
        # no index can answer a query alone until a vacuum has been (a copy made with
        # `createdb -T` carries no counters to wake autovacuum). Unvacuumed, the released-
        # answers count behind the portfolio took 45 ms, not 6 (bench/README.md).
        # Within a transaction (the tests' own) no VACUUM may run: ANALYZE alone there.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        analysed = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(command)
        log(f"  {command} in {time.perf_counter() - analysed:.1f} s")
    log(f"Generated in {time.perf_counter() - started:.1f} s; rows per table:")
    writer.summary()
    return {"workspaces": count, **dict(writer.rows)}


def scale_of(text):
    """'national' → 1.0; a number ('0.01') → that factor."""
    return 1.0 if text == "national" else float(text)


def main():
    from _setup import django_setup

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=scale_of, help="'national' or a factor of it (0.01): many workspaces")
    parser.add_argument("--partnerships", type=int, default=3000, help="one workspace of this many (no --scale)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slug", default="bench", help="the one workspace's slug (no --scale)")
    args = parser.parse_args()
    django_setup()
    started = time.perf_counter()
    if args.scale is not None:
        generate_national(args.scale, args.seed)
        return
    workspace = generate(args.partnerships, args.seed, args.slug)
    print(f"Generated {workspace.name} ({workspace.slug}) in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
