"""An organisation says which nation it employs its staff in, so that a
cross-border workspace costs its people at their own nation's pay
(tests/meetings/test_nation_pay.py works the cost through)."""

from django.urls import reverse
from django.utils import translation

from joinedup.organisations.forms import OrganisationForm
from joinedup.organisations.models import Organisation


def add(client, workspace, **fields):
    return client.post(reverse("organisations:organisation_add", args=[workspace.slug]),
                       {"name": "Bwrdd Iechyd Powys", "sector": "nhs_community", **fields})


def test_a_cross_border_workspace_asks_which_nation_an_organisation_employs_in(client, editor, workspace):
    workspace.nations = "england,wales"
    workspace.save()
    client.force_login(editor)
    page = client.get(reverse("organisations:organisation_add", args=[workspace.slug])).content.decode()
    assert "Which nation does it employ its staff in?" in page
    assert 'type="radio"' in page and "England, the workspace&#x27;s first nation" in page and ">Wales<" in page
    assert ">Scotland<" not in page  # only the workspace's own nations are offered
    assert add(client, workspace, nation="wales").status_code == 302
    assert Organisation.objects.get(workspace=workspace, name="Bwrdd Iechyd Powys").nation == "wales"


def test_left_blank_it_is_the_workspaces_first_nation(client, editor, workspace):
    workspace.nations = "england,wales"
    workspace.save()
    client.force_login(editor)
    add(client, workspace, nation="")
    assert Organisation.objects.get(workspace=workspace, name="Bwrdd Iechyd Powys").nation == ""


def test_a_nation_outside_the_workspace_is_refused(client, editor, workspace):
    workspace.nations = "england,wales"
    workspace.save()
    client.force_login(editor)
    response = add(client, workspace, nation="scotland")
    assert response.status_code == 200 and not Organisation.objects.filter(name="Bwrdd Iechyd Powys").exists()


def test_a_workspace_of_one_nation_does_not_ask(client, editor, workspace):
    client.force_login(editor)
    page = client.get(reverse("organisations:organisation_add", args=[workspace.slug])).content.decode()
    assert "Which nation does it employ its staff in?" not in page
    assert add(client, workspace).status_code == 302


def test_the_question_is_asked_in_welsh(workspace):
    workspace.nations = "england,wales"
    with translation.override("cy"):
        form = OrganisationForm(workspace=workspace)
        assert str(form.fields["nation"].label) == "Ym mha genedl y mae'n cyflogi ei staff?"
        assert str(form.fields["nation"].choices[0][1]) == "Lloegr, cenedl gyntaf y gofod gwaith"
        assert str(form.fields["nation"].help_text) == "Caiff amser ei bobl ei gostio gyda graddfeydd cyflog y genedl hon."
