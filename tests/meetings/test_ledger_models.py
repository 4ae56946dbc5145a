"""Cost arithmetic through the models and the SQL ledger, checked against
figures worked out by hand (AfC 2026/27 and NJC 2025/26 hourly costs:
AfC 8a £43.01, AfC 7 £37.20, AfC 9 £85.69, NJC SCP 12 £19.59)."""

from datetime import date
from decimal import Decimal

import pytest

from joinedup.meetings.ledger import partnership_ledger
from joinedup.meetings.models import Action, Decision, PayBand
from joinedup.meetings.presenters import MeetingPresenter
from joinedup.meetings.scales import pay_scale_for, rates_for

from .factories import at, attend, meeting, organisation, person

AS_OF = date(2026, 5, 1)


@pytest.fixture
def board(workspace, partnership, outcome):
    """One 90-minute meeting, 30 minutes' preparation and 20 minutes' travel each."""
    nhs = organisation(workspace, "Northshire Hospitals")
    council = organisation(workspace, "Northshire Council", "council_adult_social_care")
    people = {
        "manager": person(workspace, "Ada", "AfC 8a", nhs),
        "part_timer": person(workspace, "Bilal", "NJC SCP 12", council),
        "no_band": person(workspace, "Carys", "", council),
        "absent": person(workspace, "Dev", "AfC 9", nhs),
        "sender": person(workspace, "Efe", "AfC 8c", nhs),
        "deputy": person(workspace, "Fiona", "afc-7", nhs),
    }
    march = meeting(partnership, at(2026, 3, 10, 10))
    # 90 + 30 + 20 = 140 min × £43.01/h = £100.3566… → £100.36
    attend(march, people["manager"])
    # Works part time and left after an hour, no preparation or travel: 60 min × £19.59 = £19.59.
    # A part-timer's hour costs the same as a full-timer's on the band (see cost.meeting_cost).
    attend(
        march, people["part_timer"], minutes_attended=60, preparation_minutes=0, travel_minutes=0
    )
    # No band: the default (AfC 8a, £43.01); 90 + 30 + 45 = 165 min → £118.2775 → £118.28
    attend(march, people["no_band"], travel_minutes=45)
    # Apologies cost nothing.
    attend(march, people["absent"], status="apologies")
    # Sent a deputy: the deputy's band (AfC 7, £37.20) for 140 min → £86.80
    attend(march, people["sender"], status="deputy", deputy=people["deputy"])
    Decision.objects.create(meeting=march, text="Fund the discharge hub", outcome=outcome)
    Decision.objects.create(meeting=march, text="Move the meeting to Tuesdays")
    Action.objects.create(
        meeting=march, text="Draft the plan", due_on=date(2026, 3, 20), done_on=date(2026, 3, 19)
    )
    Action.objects.create(meeting=march, text="Ask the ICB", due_on=date(2026, 4, 1))
    return {"meeting": march, "nhs": nhs, "council": council, **people}


def test_a_meeting_costs_what_was_worked_out_by_hand(workspace, partnership, board):
    ledger = partnership_ledger(workspace, partnership, as_of=AS_OF)
    row = ledger.meetings[0]
    assert row.cost == Decimal("100.36") + Decimal("19.59") + Decimal("118.28") + Decimal("86.80")
    assert row.cost == Decimal("325.03")
    assert row.people_minutes == 140 + 60 + 165 + 0 + 140
    assert (row.attended, row.apologies, row.defaulted) == (4, 1, 1)
    assert row.by_organisation == {
        board["nhs"].pk: Decimal("187.16"),
        board["council"].pk: Decimal("137.87"),
    }


def test_the_sql_ledger_agrees_with_the_plain_cost_function(workspace, partnership, board):
    plain = MeetingPresenter(board["meeting"], rates_for(workspace)).cost
    assert plain.total == Decimal("325.03")
    assert [line.cost for line in plain.lines if line.cost] == [
        Decimal("100.36"),
        Decimal("19.59"),
        Decimal("118.28"),
        Decimal("86.80"),
    ]


def test_the_ledger_totals_decisions_actions_and_cost_per_linked_decision(
    workspace, partnership, board
):
    ledger = partnership_ledger(workspace, partnership, as_of=AS_OF)
    totals = ledger.totals
    assert (totals.meetings, totals.decisions, totals.decisions_linked_to_outcome) == (1, 2, 1)
    assert totals.share_linked_to_outcome == Decimal("0.5000")
    assert (totals.actions_completed_on_time, totals.actions_assessed) == (1, 2)
    assert totals.cost_per_linked_decision == Decimal("325.03")
    assert [(t.period.label, t.cost) for t in ledger.by_year] == [("2025/26", Decimal("325.03"))]
    assert [name for name, _ in ledger.by_organisation] == [
        "Northshire Hospitals",
        "Northshire Council",
    ]
    assert ledger.defaulted_people == 1
    assert "AfC 8a" in ledger.default_label


def test_a_default_hourly_cost_replaces_the_default_band(workspace, partnership, board):
    scale = pay_scale_for(workspace)
    scale.default_hourly_cost = Decimal("50.00")
    scale.save()
    # Carys: 165 min × £50 = £137.50 instead of £118.28
    row = partnership_ledger(workspace, partnership, as_of=AS_OF).meetings[0]
    assert row.cost == Decimal("325.03") - Decimal("118.28") + Decimal("137.50")


def test_without_any_default_people_without_a_band_are_left_out_and_the_ledger_says_so(
    workspace, partnership, board
):
    scale = pay_scale_for(workspace)
    scale.default_band = None
    scale.save()
    ledger = partnership_ledger(workspace, partnership, as_of=AS_OF)
    assert ledger.meetings[0].cost == Decimal("325.03") - Decimal("118.28")
    assert ledger.missing_rate


def test_editing_a_band_changes_its_hourly_cost_and_the_ledger(workspace, partnership, board):
    pay_scale_for(workspace)
    band = PayBand.objects.get(workspace=workspace, code="AfC 7")
    band.annual_salary = Decimal("60000")
    band.employer_ni_rate = Decimal("0")
    band.pension_rate = Decimal("0")
    band.annual_working_hours = Decimal("1500")
    band.save()
    assert band.hourly_cost == Decimal("40.00")
    # Fiona (deputy): 140 min × £40 = £93.33
    row = partnership_ledger(workspace, partnership, as_of=AS_OF).meetings[0]
    assert row.cost == Decimal("325.03") - Decimal("86.80") + Decimal("93.33")


def test_the_seeded_scale_states_its_source_and_matches_the_national_figures(workspace):
    scale = pay_scale_for(workspace)
    assert "AfC 2026/27" in scale.seeded_from and "NJC 2025/26" in scale.seeded_from
    hourly = dict(PayBand.objects.filter(workspace=workspace).values_list("code", "hourly_cost"))
    assert hourly["AfC 8a"] == Decimal("43.01")
    assert hourly["NJC SCP 12"] == Decimal("19.59")
    assert hourly["AfC 9"] == Decimal("85.69")
    assert "NJC SCP 14" not in hourly
    assert pay_scale_for(workspace).pk == scale.pk


def test_archived_meetings_are_left_out_of_the_ledger(workspace, partnership, board):
    from django.utils import timezone

    board["meeting"].archived_at = timezone.now()
    board["meeting"].save()
    ledger = partnership_ledger(workspace, partnership, as_of=AS_OF)
    assert ledger.totals.meetings == 0 and ledger.totals.cost == Decimal("0.00")


def test_the_sql_cost_matches_the_plain_cost_for_many_awkward_lengths(workspace, partnership):
    """Minutes that leave a remainder of exactly half a penny and more, on every band."""
    import random

    rng = random.Random(11)
    pay_scale_for(workspace)
    codes = list(PayBand.objects.filter(workspace=workspace).values_list("code", flat=True)) + ["", "Chief officer"]
    people = [person(workspace, f"P{i}", code) for i, code in enumerate(codes)]
    meetings = []
    for day in range(1, 29):
        held = meeting(partnership, at(2026, 2, day, 10), minutes=rng.randint(1, 241),
                       prep=rng.randint(0, 97), travel=rng.randint(0, 61))
        for someone in rng.sample(people, 8):
            status = rng.choice(["present", "present", "apologies", "deputy"])
            attend(held, someone, status=status, deputy=rng.choice(people) if status == "deputy" else None,
                   preparation_minutes=rng.choice([None, rng.randint(0, 50)]))
        meetings.append(held)
    rows = {row.id: row.cost for row in partnership_ledger(workspace, partnership, as_of=AS_OF).meetings}
    rates = rates_for(workspace)
    assert rows == {m.pk: MeetingPresenter(m, rates).cost.total for m in meetings}


def test_a_meeting_after_the_as_of_date_is_planned_not_counted_or_costed(workspace, partnership):
    ada = person(workspace, "Ada", "AfC 8a", organisation(workspace, "Northshire Hospitals"))
    held = meeting(partnership, at(2026, 4, 14, 10), title="April board")
    attend(held, ada)
    for day in (8, 15, 22):  # a series that never ends brings in the weeks ahead
        attend(meeting(partnership, at(2026, 5, day, 10), title="Weekly huddle"), ada)
    ledger = partnership_ledger(workspace, partnership, as_of=AS_OF)
    assert [row.title for row in ledger.meetings] == ["April board"]
    assert ledger.totals.meetings == 1 and ledger.totals.cost == Decimal("100.36")
    assert [row.held_on for row in ledger.planned] == [date(2026, 5, 8), date(2026, 5, 15), date(2026, 5, 22)]
    assert sum(t.meetings for t in ledger.by_month) == 1


def test_a_meeting_with_no_attendance_is_flagged_not_shown_as_nothing(client, editor, workspace, partnership):
    from django.urls import reverse

    ada = person(workspace, "Ada", "AfC 8a", organisation(workspace, "Northshire Hospitals"))
    attend(meeting(partnership, at(2026, 3, 10, 10), title="March board"), ada)
    meeting(partnership, at(2026, 4, 14, 10), title="April board")  # no one recorded
    ledger = partnership_ledger(workspace, partnership, as_of=AS_OF)
    assert [row.title for row in ledger.without_attendance] == ["April board"]
    client.force_login(editor)
    html = client.get(reverse("meetings:partnership_meetings", args=["northshire", partnership.pk])).content.decode()
    april = html.split("April board")[1].split("</tr>")[0]
    assert "No attendance recorded" in april and "£0.00" not in april
    ledger_html = client.get(reverse("meetings:ledger", args=["northshire", partnership.pk])).content.decode()
    assert "1 meeting has no attendance recorded" in ledger_html
