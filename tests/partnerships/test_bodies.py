"""The kinds of body of each nation: the catalogue, the choice offered in the
partnership form (only the workspace's nations'), and the docs page."""

from pathlib import Path

from django.urls import reverse

from joinedup.partnerships import bodies
from joinedup.partnerships.models import Partnership

DOCS = Path(__file__).resolve().parents[2] / "docs" / "nations.md"


def test_every_nation_has_bodies_and_codes_are_unique():
    assert {body.nation for body in bodies.BODIES} == {"england", "scotland", "wales", "northern_ireland"}
    assert len(bodies.BY_CODE) == len(bodies.BODIES)
    assert all(len(code) <= 40 for code in bodies.BY_CODE)


def test_the_bodies_of_a_nation_and_their_law():
    scottish = bodies.bodies_of({"scotland"})
    assert [body.name for body in scottish] == [
        "Integration joint board", "Lead agency (integration authority)", "Health and social care partnership",
    ]
    assert str(bodies.BY_CODE["integration_joint_board"].law) == "Public Bodies (Joint Working) (Scotland) Act 2014"
    assert str(bodies.BY_CODE["regional_partnership_board"].law) == (
        "Social Services and Well-being (Wales) Act 2014, Part 9")
    assert not bodies.BY_CODE["place_based_partnership"].statutory


def test_choices_are_flat_for_one_nation_and_grouped_for_several():
    assert bodies.body_choices({"wales"}) == [
        ("regional_partnership_board", "Regional partnership board"), ("public_services_board", "Public services board"),
    ]
    grouped = bodies.body_choices({"northern_ireland", "england"})
    assert [group for group, _ in grouped] == ["England", "Northern Ireland"]


def test_the_docs_page_names_every_body_and_act():
    text = DOCS.read_text()
    for body in bodies.BODIES:
        assert f"| {body.name} |" in text, body.name
        if body.law:
            assert body.law.title in text and body.law.url in text, body.law.title


def add(client, data):
    return client.post(reverse("partnerships:partnership_add", args=["northshire"]),
                       {"form": "pooled_budget", "status": "active", **data})


def test_the_form_offers_only_the_bodies_of_the_workspaces_nations(client, editor, workspace):
    client.force_login(editor)
    page = client.get(reverse("partnerships:partnership_add", args=["northshire"])).content.decode()
    assert 'value="integrated_care_board"' in page and 'value="integration_joint_board"' not in page
    refused = add(client, {"name": "Borders IJB", "body": "integration_joint_board"})
    assert refused.status_code == 200 and "govuk-error-summary" in refused.content.decode()
    assert not Partnership.objects.filter(name="Borders IJB").exists()

    workspace.nations = "scotland"
    workspace.save()
    page = client.get(reverse("partnerships:partnership_add", args=["northshire"])).content.decode()
    assert 'value="integration_joint_board"' in page and 'value="integrated_care_board"' not in page
    response = add(client, {"name": "Borders IJB", "body": "integration_joint_board"})
    partnership = Partnership.objects.get(name="Borders IJB")
    assert partnership.body_entry.name == "Integration joint board"
    assert "Integration joint board" in client.get(response["Location"]).content.decode()


def test_a_partnership_keeps_its_body_after_the_workspace_leaves_that_nation(client, editor, workspace):
    client.force_login(editor)
    workspace.nations = "wales"
    workspace.save()
    add(client, {"name": "Gwent RPB", "body": "regional_partnership_board"})
    workspace.nations = "england"
    workspace.save()
    partnership = Partnership.objects.get(name="Gwent RPB")
    url = reverse("partnerships:partnership_edit", args=["northshire", partnership.pk])
    page = client.get(url).content.decode()
    assert 'value="regional_partnership_board" selected' in page
    client.post(url, {"name": "Gwent RPB", "form": "pooled_budget", "status": "active",
                      "body": "regional_partnership_board"})
    partnership.refresh_from_db()
    assert partnership.body == "regional_partnership_board"


def test_no_body_is_the_default(client, editor):
    client.force_login(editor)
    add(client, {"name": "Frailty Network"})  # the select left at "Not one of these" sends ""
    assert Partnership.objects.get(name="Frailty Network").body == ""
