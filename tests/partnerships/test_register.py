"""Creating, changing and archiving the register through the web pages."""

from django.urls import reverse

from joinedup.partnerships.models import (
    Agreement,
    Membership,
    Outcome,
    PartnerAccountability,
    Partnership,
    Resource,
    Responsibility,
)


def test_it_creates_a_partnership_and_shows_its_page(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("partnerships:partnership_add", args=["northshire"]),
        {"name": "Frailty Network", "form": "coordinated_working", "status": "active",
         "purpose": "", "start_date": "2024-04-01"},
    )
    partnership = Partnership.objects.get(name="Frailty Network")
    assert response["Location"] == reverse("partnerships:detail", args=["northshire", partnership.pk])
    page = client.get(response["Location"]).content.decode()
    assert "No outcomes stated" in page
    assert "purpose.no_outcomes" in page


def test_it_reports_missing_fields_in_an_error_summary(client, editor):
    client.force_login(editor)
    response = client.post(reverse("partnerships:partnership_add", args=["northshire"]), {"name": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_name"' in page
    assert 'href="#id_form_1"' in page and 'id="id_form_1"' in page  # the first radio: no "---------" one
    assert "<title>Error: Add partnership" in page


def test_a_duplicate_name_is_a_form_error_not_a_crash(client, editor, partnership):
    client.force_login(editor)
    response = client.post(
        reverse("partnerships:partnership_add", args=["northshire"]),
        {"name": "Home First", "form": "pooled_budget", "status": "active"},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_review_date_must_follow_start(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("partnerships:partnership_add", args=["northshire"]),
        {"name": "X", "form": "pooled_budget", "status": "active",
         "start_date": "2024-04-01", "review_date": "2023-01-01"},
    )
    assert "The review date must be after the start date." in response.content.decode()


def test_it_records_every_part_of_the_register(client, editor, partnership, organisation, person):
    client.force_login(editor)
    args = ["northshire", partnership.pk]
    client.post(reverse("partnerships:outcome_add", args=args),
                {"statement": "I only tell my story once.", "why_partnership": "Four agencies assess me."})
    outcome = Outcome.objects.get(partnership=partnership)
    client.post(reverse("partnerships:membership_add", args=args),
                {"organisation": organisation.pk, "role": "lead", "representative": person.pk, "joined_on": "2022-04-01"})
    client.post(reverse("partnerships:agreement_edit", args=args),
                {"summary": "Section 75", "signed_on": "2025-04-01", "review_on": "2027-03-31"})
    client.post(reverse("partnerships:responsibility_add", args=args),
                {"task": "Run the discharge hub", "responsible_organisation": organisation.pk,
                 "accountable_to": "Board", "outcome": outcome.pk})
    client.post(reverse("partnerships:resource_add", args=args),
                {"organisation": organisation.pk, "kind": "money", "amount": "1100000", "unit": "£",
                 "period": "a year", "status": "disputed"})
    client.post(reverse("partnerships:accountability_add", args=args),
                {"organisation": organisation.pk, "target": "Stay within budget", "pulls_against": "on"})
    assert Membership.objects.get(partnership=partnership).representative == person
    assert Agreement.objects.get(partnership=partnership).summary == "Section 75"
    assert Responsibility.objects.get(partnership=partnership).outcome == outcome
    assert Resource.objects.get(partnership=partnership).status == "disputed"
    assert PartnerAccountability.objects.get(partnership=partnership).pulls_against
    page = client.get(reverse("partnerships:detail", args=args)).content.decode()
    for text in ["I only tell my story once.", "Ada Quillfeather", "Run the discharge hub",
                 "£1,100,000", "Stay within budget", "Disputed resources"]:
        assert text in page, text


def test_a_negative_resource_is_refused(client, editor, partnership, organisation):
    client.force_login(editor)
    response = client.post(reverse("partnerships:resource_add", args=["northshire", partnership.pk]),
                           {"organisation": organisation.pk, "kind": "money", "amount": "-5", "unit": "£", "status": "agreed"})
    assert "Enter an amount of 0 or more." in response.content.decode()


def test_archiving_hides_and_restoring_shows(client, editor, partnership):
    client.force_login(editor)
    list_url = reverse("partnerships:partnership_list", args=["northshire"])
    archive_url = reverse("partnerships:partnership_archive", args=["northshire", partnership.pk])
    assert "Archive partnership: Home First" in client.get(archive_url).content.decode()
    client.post(archive_url)
    partnership.refresh_from_db()
    assert partnership.archived_at is not None
    assert ">Home First</a>" not in client.get(list_url).content.decode()
    assert ">Home First</a>" in client.get(list_url + "?archived=1").content.decode()
    client.post(archive_url)
    partnership.refresh_from_db()
    assert partnership.archived_at is None


def test_archived_outcomes_no_longer_count(client, editor, partnership, outcome):
    client.force_login(editor)
    client.post(reverse("partnerships:outcome_archive", args=["northshire", partnership.pk, outcome.pk]))
    page = client.get(reverse("partnerships:detail", args=["northshire", partnership.pk])).content.decode()
    assert "No outcomes stated" in page
