"""A deterministic workspace of N partnerships (default 3,000) for benchmarks
and national-scale tests: organisations, people, memberships, outcomes,
agreements, responsibilities, resources and partner targets, written with
bulk_create. The same seed gives the same workspace.

    uv run python bench/generate_workspace.py [--partnerships 3000] [--seed 1] [--slug bench]

Later capabilities add their data (meetings, indicators, survey waves) with a
function (workspace, rng, partnerships, organisations, people) in EXTENSIONS."""

import argparse
import random
import time
from datetime import date, timedelta
from decimal import Decimal

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
# Each: function(workspace, rng, partnerships, organisations, people) -> None.
EXTENSIONS = []


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


def generate(partnerships=3000, seed=1, slug="bench", replace=True):
    """Build the workspace in one transaction; returns it."""
    from django.db import transaction

    from joinedup.workspaces.models import Workspace

    rng = random.Random(seed)
    with transaction.atomic():
        if replace:
            Workspace.objects.filter(slug=slug).delete()
        workspace = Workspace.objects.create(name=f"Bench locality ({partnerships:,} partnerships)", slug=slug)
        organisations = _organisations(workspace, rng, max(30, partnerships // 6))
        people = _people(workspace, rng, organisations, 3)
        people_by_org = {}
        for person in people:
            people_by_org.setdefault(person.organisation_id, []).append(person)
        made = _partnerships(workspace, rng, partnerships)
        _register(rng, made, organisations, people_by_org)
        for extend in EXTENSIONS:
            extend(workspace, rng, made, organisations, people)
    return workspace


def main():
    from _setup import django_setup

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partnerships", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slug", default="bench")
    args = parser.parse_args()
    django_setup()
    started = time.perf_counter()
    workspace = generate(args.partnerships, args.seed, args.slug)
    print(f"Generated {workspace.name} ({workspace.slug}) in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
