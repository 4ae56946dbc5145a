"""Meetings through the API (issue 17): recorded with attendance, decisions and
actions through the meeting page's own forms, written whole, read back."""

from datetime import date

import pytest
from django.urls import reverse

from joinedup.api.models import ApiToken
from joinedup.meetings.models import Attendance, Meeting
from joinedup.organisations.models import Person
from joinedup.partnerships.models import Membership

pytestmark = pytest.mark.django_db


def test_a_meeting_is_recorded_checked_and_replaced_as_on_its_page(client, workspace, editor, partnership,
                                                                   organisation, outcome):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(workspace, editor, 'w', 'write', 30)[1]}"}
    Membership.objects.create(partnership=partnership, organisation=organisation)
    member = Person.objects.create(workspace=workspace, name="Ada Fernsby", organisation=organisation,
                                   active_from=date(2020, 1, 1))
    stranger = Person.objects.create(workspace=workspace, name="Not A Member", active_from=date(2020, 1, 1))
    body = {"title": "Board", "date": "2026-03-10", "start_time": "10:00", "length_minutes": 90,
            "attendances": [{"person_id": member.pk, "status": "present"}],
            "decisions": [{"text": "Pool the budget", "outcome_id": outcome.pk}],
            "actions": [{"text": "Draft the agreement", "owner_id": member.pk, "due_on": "2026-04-01"}]}
    url = reverse("api-v1:add_meeting", args=[partnership.pk])
    refused = client.post(url, {**body, "attendances": [{"person_id": stranger.pk, "status": "deputy"}]},
                          content_type="application/json", **auth)
    assert refused.status_code == 422
    fields = {e["field"] for e in refused.json()["errors"]}
    assert {"attendances[0].person_id", "attendances[0].deputy_id"} <= fields, fields
    assert not Meeting.objects.exists()

    made = client.post(url, body, content_type="application/json", **auth)
    assert made.status_code == 201, made.content
    meeting = made.json()
    assert [a["person_id"] for a in meeting["attendances"]] == [member.pk]
    assert meeting["decisions"] == [{"text": "Pool the budget", "outcome_id": outcome.pk}]
    assert meeting["actions"][0]["due_on"] == "2026-04-01"

    changed = client.put(reverse("api-v1:put_meeting", args=[meeting["id"]]),
                         {**body, "attendances": [{"person_id": member.pk, "status": "apologies"}], "actions": []},
                         content_type="application/json", **auth)
    assert changed.status_code == 200, changed.content
    assert Attendance.objects.get().status == "apologies" and not changed.json()["actions"]
    got = client.get(reverse("api-v1:get_meeting", args=[meeting["id"]]), **auth)
    assert got.status_code == 200 and got.json()["title"] == "Board"
    assert client.get(reverse("api-v1:list_meetings", args=[partnership.pk]), **auth).json()["count"] == 1
