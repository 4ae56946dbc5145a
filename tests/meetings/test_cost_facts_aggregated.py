"""The review's cost facts and the ledger, summed in the database for many
partnerships at once, give what the plain cost function (cost.meeting_cost, as the
meeting page uses it) gives meeting by meeting, and each attendee the partnerships
`load.partnerships_per_person` finds reading every line: part attendance, deputies
(with and without a band), apologies, bands written differently, bands the scale
does not have, no band at all, with and without a workspace default."""

from datetime import date

import pytest

from joinedup.meetings import review_facts
from joinedup.meetings.ledger import partnership_ledger
from joinedup.meetings.load import partnerships_per_person
from joinedup.meetings.models import Meeting
from joinedup.meetings.presenters import MeetingPresenter
from joinedup.meetings.scales import pay_scale_for, rates_for
from joinedup.organisations.models import Person
from joinedup.partnerships.models import Partnership

from .factories import at, attend, meeting, organisation, person

AS_OF = date(2026, 5, 1)


@pytest.fixture
def busy_workspace(workspace, other_workspace):
    nhs, council = organisation(workspace, "Hospitals"), organisation(workspace, "Council", "council_adult_social_care")
    people = [
        person(workspace, "Ada", "AfC 8a", nhs), person(workspace, "Bilal", "NJC SCP 12", council),
        person(workspace, "Carys", "", council), person(workspace, "Dev", "AfC 9", nhs),
        person(workspace, "Efe", "afc-8C", nhs), person(workspace, "Fiona", "Band X", None),
        person(workspace, "Gwen", "  AfC  7 ", council),
    ]
    partnerships = [Partnership.objects.create(workspace=workspace, name=f"P{i}", form="coordinated_working",
                                               start_date=date(2022, 4, 1)) for i in range(4)]
    for number, partnership in enumerate(partnerships):
        for month in range(1, 7):
            held = meeting(partnership, at(2026 if month < 6 else 2025, month, 3 + number, 10),
                           minutes=60 + 15 * number, prep=number * 10, travel=25)
            for k, who in enumerate(people):
                if (k + month + number) % 3 == 0:
                    continue
                if k == 3 and month % 2:
                    attend(held, who, status="apologies")
                elif k == 4:
                    attend(held, who, status="deputy", deputy=people[(month + number) % 3 + 5 if month % 2 else 2])
                elif k == 1:
                    attend(held, who, minutes_attended=45 - number, preparation_minutes=0, travel_minutes=7)
                else:
                    attend(held, who)
    archived = meeting(partnerships[0], at(2026, 2, 20, 10))
    attend(archived, people[0])
    archived.archived_at = at(2026, 3, 1)
    archived.save()
    meeting(partnerships[1], at(2026, 9, 1, 10))  # planned
    elsewhere = Partnership.objects.create(workspace=other_workspace, name="Elsewhere", form="coordinated_working")
    attend(meeting(elsewhere, at(2026, 3, 3, 10)), person(other_workspace, "Zed", "AfC 9"))
    return partnerships


def _plain_costs(workspace, partnership):
    rates = rates_for(workspace)
    return {m.starts_at.date(): MeetingPresenter(m, rates).cost.total
            for m in Meeting.objects.live().filter(partnership=partnership, starts_at__date__lte=AS_OF)}


@pytest.mark.parametrize("default", ["band", "none"])
def test_the_facts_and_the_ledger_cost_each_meeting_as_the_plain_cost_function(workspace, busy_workspace, default):
    if default == "none":
        scale = pay_scale_for(workspace)
        scale.default_band = None
        scale.save()
    partnerships = list(Partnership.objects.filter(pk__in=[p.pk for p in busy_workspace]).order_by("pk"))
    facts = review_facts.facts_for(partnerships, AS_OF)
    everyone = partnerships_per_person([workspace.id], AS_OF)
    names = dict(Person.objects.filter(workspace=workspace).values_list("id", "name"))
    for partnership in partnerships:
        plain = _plain_costs(workspace, partnership)
        assert len(plain) == 5 and all(cost > 0 for cost in plain.values())
        assert {m.held_on: m.cost for m in facts[partnership.pk].meetings} == plain
        ledger = partnership_ledger(workspace, partnership, as_of=AS_OF)
        assert {row.held_on: row.cost for row in ledger.meetings} == plain
        expected = sorted((-len(seen), names[who]) for who, seen in everyone.items() if partnership.pk in seen)
        assert [(-b.partnerships, b.name) for b in facts[partnership.pk].busy_people] == expected
    # Carys (no band) and Fiona (a band the scale has not) at the first partnership's meetings
    assert partnership_ledger(workspace, partnerships[0], as_of=AS_OF).defaulted_people == 2
