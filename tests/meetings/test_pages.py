"""The meeting pages: record a meeting, see it costed, the ledger and its
exports, the pay scale, meeting load; who may do what; outsiders see nothing."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from joinedup.meetings.models import Action, Attendance, Decision, Meeting, PayBand
from joinedup.meetings.scales import pay_scale_for

from .factories import at, attend, meeting, member, organisation, person


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def people(workspace, partnership):
    nhs = organisation(workspace, "Northshire Hospitals")
    member(partnership, nhs)
    return {
        "ada": person(workspace, "Ada", "AfC 8a", nhs),
        "bilal": person(workspace, "Bilal", "AfC 7", nhs),
        "carys": person(workspace, "Carys", "", nhs),
    }


def url(name, workspace, *args):
    return reverse(f"meetings:{name}", args=[workspace.slug, *args])


def meeting_post(people, outcome, **extra):
    data = {
        "title": "Home First board", "date": "2026-03-10", "start_time": "10:00", "length_minutes": "90",
        "preparation_minutes": "30", "travel_minutes": "0", "location": "Civic Centre",
        "attendance-TOTAL_FORMS": "3", "attendance-INITIAL_FORMS": "3",
        "decisions-TOTAL_FORMS": "3", "decisions-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "3", "actions-INITIAL_FORMS": "0",
        "decisions-0-text": "Open the hub at weekends", "decisions-0-outcome": str(outcome.pk),
        "decisions-1-text": "Change the terms of reference", "decisions-1-outcome": "none",
        "actions-0-text": "Draft the rota", "actions-0-owner": str(people["ada"].pk), "actions-0-due_on": "2026-03-31",
    }
    for index, key in enumerate(["ada", "bilal", "carys"]):
        data[f"attendance-{index}-person"] = str(people[key].pk)
    data.update({"attendance-0-status": "present", "attendance-1-status": "apologies",
                 "attendance-2-status": "deputy", "attendance-2-deputy": str(people["bilal"].pk),
                 "attendance-2-travel_minutes": "30"})
    data.update(extra)
    return data


def test_an_editor_records_a_meeting_with_attendance_decisions_and_actions(client, editor, workspace, partnership, outcome, people):
    signed_in(client, editor)
    page = client.get(url("meeting_add", workspace, partnership.pk))
    assert page.status_code == 200
    assert "Ada" in page.content.decode() and "Not expected" in page.content.decode()
    response = client.post(url("meeting_add", workspace, partnership.pk), meeting_post(people, outcome))
    saved = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("meeting_detail", workspace, partnership.pk, saved.pk)
    assert saved.starts_at == at(2026, 3, 10, 10)
    statuses = dict(Attendance.objects.values_list("person__name", "status"))
    assert statuses == {"Ada": "present", "Bilal": "apologies", "Carys": "deputy"}
    assert [(d.text, d.outcome_id) for d in Decision.objects.order_by("id")] == [
        ("Open the hub at weekends", outcome.pk), ("Change the terms of reference", None)]
    assert Action.objects.get().due_on == date(2026, 3, 31)
    detail = client.get(response["Location"]).content.decode()
    # Ada 120 min × £43.01 = £86.02; Bilal deputising for Carys 150 min × £37.20 = £93.00
    assert "£179.02" in detail and "Not linked to an outcome" in detail


def test_a_decision_must_say_which_outcome_it_serves(client, editor, workspace, partnership, outcome, people):
    signed_in(client, editor)
    data = meeting_post(people, outcome, **{"decisions-0-outcome": ""})
    response = client.post(url("meeting_add", workspace, partnership.pk), data)
    assert response.status_code == 200
    assert "Choose the outcome this decision serves" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_deputy_must_be_named(client, editor, workspace, partnership, outcome, people):
    signed_in(client, editor)
    data = meeting_post(people, outcome, **{"attendance-2-deputy": ""})
    response = client.post(url("meeting_add", workspace, partnership.pk), data)
    assert "Choose who went as the deputy" in response.content.decode()
    assert not Meeting.objects.exists()


def test_editing_a_meeting_replaces_its_attendance(client, editor, workspace, partnership, outcome, people):
    signed_in(client, editor)
    client.post(url("meeting_add", workspace, partnership.pk), meeting_post(people, outcome))
    saved = Meeting.objects.get()
    form = client.get(url("meeting_edit", workspace, partnership.pk, saved.pk)).content.decode()
    assert "Open the hub at weekends" in form
    data = meeting_post(people, outcome, **{"attendance-1-status": "present", "add_more": "1"})
    response = client.post(url("meeting_edit", workspace, partnership.pk, saved.pk), data)
    assert response["Location"] == url("meeting_edit", workspace, partnership.pk, saved.pk)
    assert Attendance.objects.get(person=people["bilal"]).status == "present"
    assert Decision.objects.count() == 2 and Meeting.objects.count() == 1


def test_the_ledger_page_shows_totals_chart_and_table(client, viewer, workspace, partnership, people):
    first = meeting(partnership, at(2026, 3, 10, 10), minutes=60, prep=0, travel=0)
    attend(first, people["ada"])
    second = meeting(partnership, at(2026, 6, 9, 10), minutes=60, prep=0, travel=0)
    attend(second, people["bilal"])
    signed_in(client, viewer)
    page = client.get(url("ledger", workspace, partnership.pk)).content.decode()
    assert "£80.21" in page  # £43.01 + £37.20
    assert "<svg" in page and 'id="ledger-months"' in page
    assert "2025/26" in page and "2026/27" in page


def test_the_exports_hold_the_meetings_and_neutralise_formulas(client, viewer, workspace, partnership, people):
    bad = meeting(partnership, at(2026, 3, 10, 10), minutes=60, prep=0, travel=0, title="=HYPERLINK(\"http://x\")")
    attend(bad, people["ada"])
    signed_in(client, viewer)
    response = client.get(url("ledger_csv", workspace, partnership.pk))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Date" and rows[1][1] == "'=HYPERLINK(\"http://x\")" and rows[1][5] == "43.01"
    response = client.get(url("ledger_xlsx", workspace, partnership.pk))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Meetings", "Months", "Quarters", "Years", "Organisations"]
    assert book["Meetings"]["B2"].value == "'=HYPERLINK(\"http://x\")"
    assert Decimal(str(book["Meetings"]["F2"].value)) == Decimal("43.01")


def test_the_pay_scale_page_shows_source_year_and_what_is_missing(client, viewer, workspace, people):
    signed_in(client, viewer)
    page = client.get(url("payband_list", workspace)).content.decode()
    assert "AfC 2026/27" in page and "NJC 2025/26" in page
    assert "NJC spinal column points 14–43" in page and "NJC 2026/27 pay award" in page
    assert "£43.01" in page
    assert "Save the default" not in page  # viewers cannot change it


def test_an_editor_changes_a_band_and_the_default(client, editor, workspace):
    signed_in(client, editor)
    pay_scale_for(workspace)
    band = PayBand.objects.get(workspace=workspace, code="AfC 7")
    data = {"code": "AfC 7", "name": band.name, "scale": band.scale, "annual_salary": "60000",
            "employer_ni_rate": "0", "employer_ni_threshold": "0", "pension_rate": "0",
            "annual_working_hours": "1500", "source": "Local pay policy"}
    response = client.post(url("payband_edit", workspace, band.pk), data)
    assert response.status_code == 302
    band.refresh_from_db()
    assert band.hourly_cost == Decimal("40.00")
    clash = {**data, "code": "afc-8a"}
    response = client.post(url("payband_add", workspace), clash)
    assert "already has a band with this code" in response.content.decode()
    response = client.post(url("payband_list", workspace), {"default_band": "", "default_hourly_cost": "55"})
    assert response.status_code == 302
    assert pay_scale_for(workspace).default_rate == Decimal("55.00")


def test_meeting_load_lists_people_in_the_most_partnerships_first(client, viewer, workspace, partnership, people):
    from joinedup.partnerships.models import Partnership

    other = Partnership.objects.create(workspace=workspace, name="Frailty Network", form="information_network")
    for p in (partnership, other):
        attend(meeting(p, at(2026, 3, 10, 10), minutes=60, prep=0, travel=0), people["bilal"])
    attend(meeting(partnership, at(2026, 4, 10, 10), minutes=600, prep=0, travel=0), people["ada"])
    signed_in(client, viewer)
    from joinedup.meetings.load import meeting_load

    load = meeting_load(workspace, as_of=date(2026, 5, 1))
    assert [(p.name, len(p.partnerships), p.minutes) for p in load.people] == [("Bilal", 2, 120), ("Ada", 1, 600)]
    assert load.people[0].cost == Decimal("74.40")
    assert [(o.name, o.minutes) for o in load.organisations] == [("Northshire Hospitals", 720)]
    page = client.get(url("load", workspace)).content.decode()
    assert page.index("Bilal") < page.index("Ada") and "Frailty Network" in page


def test_a_viewer_cannot_record_or_import_or_change_the_pay_scale(client, viewer, workspace, partnership, people):
    signed_in(client, viewer)
    pay_scale_for(workspace)
    band = PayBand.objects.filter(workspace=workspace).first()
    saved = meeting(partnership, at(2026, 3, 10, 10))
    for target in [url("meeting_add", workspace, partnership.pk), url("meeting_edit", workspace, partnership.pk, saved.pk),
                   url("import_upload", workspace), url("payband_add", workspace), url("payband_edit", workspace, band.pk)]:
        assert client.get(target).status_code == 403, target
        assert client.post(target, {}).status_code == 403, target
    assert client.post(url("payband_list", workspace), {"default_hourly_cost": "1"}).status_code == 403


@pytest.fixture
def southshire(other_workspace):
    from joinedup.partnerships.models import Partnership

    p = Partnership.objects.create(workspace=other_workspace, name="South Discharge", form="pooled_budget")
    pay_scale_for(other_workspace)
    return {"partnership": p, "meeting": meeting(p, at(2026, 3, 10, 10)),
            "band": PayBand.objects.filter(workspace=other_workspace).first()}


def test_outsiders_get_404_on_every_meetings_url(client, outsider, owner, workspace, southshire):
    slug, p, m = "southshire", southshire["partnership"].pk, southshire["meeting"].pk
    names = [("home", []), ("load", []), ("import_upload", []), ("import_preview", ["a" * 32]),
             ("payband_list", []), ("payband_add", []), ("payband_edit", [southshire["band"].pk]),
             ("payband_archive", [southshire["band"].pk]),
             ("partnership_meetings", [p]), ("meeting_add", [p]), ("meeting_detail", [p, m]),
             ("meeting_edit", [p, m]), ("ledger", [p]), ("ledger_csv", [p]), ("ledger_xlsx", [p])]
    signed_in(client, owner)  # owner of Northshire only
    for name, args in names:
        target = reverse(f"meetings:{name}", args=[slug, *args])
        assert client.get(target).status_code == 404, target
        assert client.post(target, {}).status_code == 404, target
    # Southshire's records are not reachable through Northshire's address either.
    for name, args in names[6:8] + names[8:]:
        target = reverse(f"meetings:{name}", args=["northshire", *args])
        assert client.get(target).status_code == 404, target


def test_the_overview_shows_each_partnerships_meetings_and_cost_in_the_last_year(client, viewer, workspace, partnership, people):
    from django.utils import timezone

    recent = timezone.now() - timezone.timedelta(days=30)
    attend(meeting(partnership, recent, minutes=60, prep=0, travel=0), people["ada"])
    attend(meeting(partnership, at(2020, 3, 10, 10), minutes=60, prep=0, travel=0), people["ada"])
    signed_in(client, viewer)
    page = client.get(url("home", workspace)).content.decode()
    row = page[page.index("Home First"):]
    assert ">2<" in row and ">1<" in row and "£43.01" in row


def test_meeting_load_names_no_organisation_for_someone_without_one(client, viewer, workspace, partnership, people):
    """People added from an imported calendar have no organisation yet: the line
    under their name says only what is known, with no stray separator."""
    from django.utils import timezone

    newcomer = person(workspace, "Dana")
    recent = timezone.localdate() - timedelta(days=30)
    attend(meeting(partnership, at(recent.year, recent.month, recent.day, 10)), newcomer)
    attend(meeting(partnership, at(recent.year, recent.month, recent.day, 14)), people["ada"])
    page = signed_in(client, viewer).get(url("load", workspace)).content.decode()
    assert ">no pay band (costed at the default)<" in page
    assert "; no pay band" not in page
    assert "Northshire Hospitals; AfC 8a" in page
