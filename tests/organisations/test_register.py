from django.urls import reverse

from joinedup.organisations.models import Organisation, Person


def test_it_adds_an_organisation_with_a_sector(client, editor):
    client.force_login(editor)
    client.post(reverse("organisations:organisation_add", args=["northshire"]),
                {"name": "Speak Up Northshire", "sector": "user_led"})
    assert Organisation.objects.get(name="Speak Up Northshire").get_sector_display() == "User-led"


def test_the_sector_must_come_from_the_fixed_list(client, editor):
    client.force_login(editor)
    response = client.post(reverse("organisations:organisation_add", args=["northshire"]),
                           {"name": "X", "sector": "church"})
    assert "Sector: choose one of the answers listed" in response.content.decode()


def test_the_same_organisation_name_is_allowed_in_another_workspace(client, editor, outsider, organisation):
    client.force_login(outsider)
    client.post(reverse("organisations:organisation_add", args=["southshire"]),
                {"name": organisation.name, "sector": "council_adult_social_care"})
    assert Organisation.objects.filter(name=organisation.name).count() == 2


def test_a_person_cannot_move_on_before_they_started(client, editor, organisation):
    client.force_login(editor)
    response = client.post(reverse("organisations:person_add", args=["northshire"]),
                           {"name": "Jo Inkwell", "organisation": organisation.pk,
                            "active_from": "2024-01-01", "active_to": "2023-01-01"})
    assert "The date they moved on must be on or after the date they started." in response.content.decode()
    assert not Person.objects.exists()


def test_people_list_shows_who_has_no_pay_band(client, viewer, person, workspace):
    Person.objects.create(workspace=workspace, name="Kofi Rookhaven")
    client.force_login(viewer)
    page = client.get(reverse("organisations:person_list", args=["northshire"])).content.decode()
    assert "AfC 8a" in page
    assert "Workspace default" in page
