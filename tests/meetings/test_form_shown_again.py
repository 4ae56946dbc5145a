"""The meeting form shown again after an error matches each attendance row
to the person it was submitted for, even when the partnership's people
changed meanwhile (issue 14: this was a 500 from zip(strict=True))."""

from django.urls import reverse

from joinedup.meetings.models import Meeting

from .factories import person
from .test_pages import meeting_post, people  # noqa: F401 (people is a fixture)


def test_a_person_added_meanwhile_does_not_break_the_form_shown_again(client, editor, workspace, partnership, outcome, people):  # noqa: F811
    client.force_login(editor)
    late = person(workspace, "Dewi", "AfC 6", people["ada"].organisation)
    data = meeting_post(people, outcome, **{"attendance-2-deputy": ""})
    response = client.post(reverse("meetings:meeting_add", args=[workspace.slug, partnership.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose who went as the deputy" in page
    # Each submitted row is shown against its own person: Carys keeps the
    # deputy error and her "deputy" choice, and nobody's row is shifted.
    rows = page.split('<tr class="govuk-table__row">')
    carys = next(row for row in rows if 'govuk-table__header">Carys<br>' in row)
    assert f'name="attendance-2-person" value="{people["carys"].pk}"' in carys
    assert 'value="deputy" checked' in carys
    assert not any(f'govuk-table__header">{late.name}<br>' in row for row in rows)
    assert not Meeting.objects.exists()


def test_a_person_who_left_meanwhile_is_dropped_from_the_form_shown_again(client, editor, workspace, partnership, outcome, people):  # noqa: F811
    client.force_login(editor)
    data = meeting_post(people, outcome, **{"attendance-2-deputy": ""})
    people["ada"].archived_at = people["ada"].created_at
    people["ada"].save()
    response = client.post(reverse("meetings:meeting_add", args=[workspace.slug, partnership.pk]), data)
    assert response.status_code == 200
    assert "Choose who went as the deputy" in response.content.decode()
