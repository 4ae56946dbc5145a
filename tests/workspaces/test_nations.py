"""A workspace's nations: chosen with checkboxes when it is created and in
its settings, stored as codes, England for one that never chose."""

from django.urls import reverse

from joinedup.workspaces.models import Workspace, nation_codes, stored_nations


def test_codes_are_read_in_the_order_of_the_nations_and_unknown_ones_dropped():
    assert nation_codes("wales,england") == ["england", "wales"]
    assert nation_codes(" northern_ireland , atlantis") == ["northern_ireland"]
    assert nation_codes("") == []
    assert stored_nations(["scotland", "england", "scotland"]) == "england,scotland"


def test_a_workspace_that_never_chose_is_in_england(db):
    workspace = Workspace.objects.create(name="Oldshire", slug="oldshire")
    assert workspace.nation_list == ["england"]
    assert workspace.nation_names == ["England"]


def test_a_new_workspace_offers_england_ticked_and_keeps_the_nations_chosen(client, viewer):
    client.force_login(viewer)
    page = client.get(reverse("workspaces:create")).content.decode()
    assert 'type="checkbox" value="england" checked' in page
    assert 'value="northern_ireland"' in page
    response = client.post(reverse("workspaces:create"), {
        "name": "Borders", "slug": "borders", "nations": ["scotland", "england"],
    })
    assert response.status_code == 302
    assert Workspace.objects.get(slug="borders").nations == "england,scotland"


def test_a_workspace_needs_at_least_one_nation(client, viewer):
    client.force_login(viewer)
    # Every box unticked: the browser sends no "nations" at all.
    response = client.post(reverse("workspaces:create"), {"name": "Nowhere", "slug": "nowhere"})
    assert response.status_code == 200
    assert "Select the nations the workspace works in" in response.content.decode()
    assert not Workspace.objects.filter(slug="nowhere").exists()


def test_an_owner_changes_the_nations_in_the_settings(client, owner, workspace):
    client.force_login(owner)
    url = reverse("workspaces:settings", args=[workspace.slug])
    page = client.get(url).content.decode()
    assert 'value="england" checked' in page and 'value="wales" checked' not in page
    response = client.post(url, {"name": workspace.name, "description": "",
                                 "nations": ["wales"], "free_text_months": "12"})
    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.nation_list == ["wales"]
    page = client.get(url).content.decode()
    assert 'value="wales" checked' in page and 'value="england" checked' not in page
