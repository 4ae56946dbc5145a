"""The library's pages: search and filters, reading, writing and publishing,
starting from a review, export and import, the feed; and that no page, feed
or export shows another workspace's drafts or workspace-only case studies."""

import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from joinedup.practice import services
from joinedup.practice.models import CaseStudy, Visibility
from joinedup.review import services as review_services
from tests.practice.conftest import case_study


def url(name, *args, ws="northshire"):
    return reverse(f"practice:{name}", args=[ws, *args])


@pytest.fixture
def theirs(other_workspace):
    return {
        "draft": case_study(other_workspace, "Their hospital draft", visibility="draft"),
        "workspace": case_study(other_workspace, "Their hospital note", visibility="workspace"),
        "everyone": case_study(other_workspace, "Their hospital story for all", visibility="everyone"),
    }


def test_the_library_searches_and_filters(client, viewer, workspace):
    case_study(workspace, "Falls response with the fire service", sectors=["fire"], form="co_location",
               evidence_strength="before_after", evidence_strength_reason="Calls before and after.")
    case_study(workspace, "Falls clinic", sectors=["nhs_community"])
    client.force_login(viewer)
    page = client.get(url("library"), {"q": "falls"}).content.decode()
    assert "2 case studies for “falls”" in page
    page = client.get(url("library"), {"q": "falls", "sector": "fire"}).content.decode()
    assert "1 case study for “falls”" in page and "Falls response with the fire service" in page
    page = client.get(url("library"), {"form": "co_location", "strength": "before_after"}).content.decode()
    assert "1 case study" in page
    assert "Write a case study" not in page  # a viewer reads only


def test_results_come_in_pages(client, viewer, workspace):
    for n in range(25):
        case_study(workspace, f"Hospital case {n:02}")
    client.force_login(viewer)
    first = client.get(url("library"), {"q": "hospital"})
    assert len(first.context["results"]) == 20 and "Page 1 of 2" in first.content.decode()
    second = client.get(url("library"), {"q": "hospital", "page": "2"})
    assert len(second.context["results"]) == 5
    assert client.get(url("library"), {"page": "banana"}).status_code == 200


def test_other_workspaces_see_only_what_was_published_to_everyone(client, viewer, theirs):
    client.force_login(viewer)
    page = client.get(url("library"), {"q": "hospital"}).content.decode()
    assert "Their hospital story for all" in page and "from Southshire" in page
    assert "Their hospital draft" not in page and "Their hospital note" not in page
    assert client.get(url("detail", theirs["everyone"].pk)).status_code == 200
    for hidden in (theirs["draft"], theirs["workspace"]):
        assert client.get(url("detail", hidden.pk)).status_code == 404
        assert client.get(url("edit", hidden.pk)).status_code in (403, 404)
    feed = client.get(url("feed")).content.decode()
    assert "Their hospital story for all" in feed and "Their hospital note" not in feed and "draft" not in feed
    exported = json.loads(client.get(url("export")).content)
    assert exported["case_studies"] == []


def test_an_editor_cannot_change_another_workspaces_published_case_study(client, editor, theirs):
    client.force_login(editor)
    assert client.get(url("edit", theirs["everyone"].pk)).status_code == 404
    assert client.post(url("edit", theirs["everyone"].pk), {"title": "Mine now"}).status_code == 404
    theirs["everyone"].refresh_from_db()
    assert theirs["everyone"].title == "Their hospital story for all"


def test_outsiders_and_viewers_cannot_write(client, viewer, outsider, workspace):
    mine = case_study(workspace, "Ours", visibility="draft")
    client.force_login(outsider)
    for name, args in [("library", []), ("detail", [mine.pk]), ("feed", []), ("export", []), ("add", [])]:
        assert client.get(url(name, *args)).status_code == 404
    client.logout()
    assert client.get(url("feed")).status_code == 404
    client.force_login(viewer)
    assert client.get(url("add")).status_code == 403
    assert client.post(url("import"), {}).status_code == 403


FORM = {
    "title": "Carers' breaks commissioned together",
    "problem": "I never got a break from caring for my husband.",
    "user_group": "carers", "outcome_area": "carers' breaks", "form": "joint_commissioning",
    "sectors": ["council_adult_social_care", "voluntary_community"],
    "partners": "- The council commissioned\n- The carers' centre ran it",
    "what_we_did": "One **joint** specification.", "outcomes": "More carers had a break.",
    "evidence": "Carers' survey.", "evidence_strength": "anecdote", "evidence_strength_reason": "",
    "cost": "", "lessons": "It took a year to agree.", "contact": "carers.lead@example.org",
    "licence": "CC BY 4.0", "visibility": "draft",
}


def test_write_then_publish_a_case_study(client, editor, workspace):
    client.force_login(editor)
    response = client.post(url("add"), FORM)
    made = CaseStudy.objects.get(workspace=workspace)
    assert response.status_code == 302 and made.visibility == Visibility.DRAFT and made.author == editor
    assert made.sectors == ["council_adult_social_care", "voluntary_community"]
    page = client.get(url("detail", made.pk)).content.decode()
    assert "<strong>joint</strong>" in page and "Draft" in page
    client.post(url("edit", made.pk), {**FORM, "visibility": "everyone"})
    made.refresh_from_db()
    assert made.visibility == Visibility.EVERYONE and made.published_at is not None


def test_the_form_says_what_is_missing(client, editor):
    client.force_login(editor)
    response = client.post(url("add"), {**FORM, "title": "", "form": "", "evidence_strength": "comparison"})
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: Write a case study" in page
    assert "Enter a title" in page and "Choose the form of partnership" in page
    assert "Say why the evidence is this strong" in page
    assert not CaseStudy.objects.exists()


def test_start_a_case_study_from_a_review(client, editor, workspace, partnership, outcome):
    review = review_services.review_partnership(partnership, as_of=date(2026, 11, 22))
    client.force_login(editor)
    page = client.get(reverse("review:case_study", args=["northshire", review.pk])).content.decode()
    assert "Filled in from the review of Home First" in page
    assert "I only have to tell my story once." in page
    client.post(reverse("review:case_study", args=["northshire", review.pk]), {**FORM, "title": "Home First", "visibility": "workspace"})
    made = CaseStudy.objects.get(workspace=workspace)
    assert made.review == review and made.partnership == partnership and made.published_at is not None


def test_a_review_of_another_workspace_cannot_start_a_case_study(client, outsider, partnership):
    review = review_services.review_partnership(partnership, as_of=date(2026, 11, 22))
    client.force_login(outsider)
    assert client.get(reverse("review:case_study", args=["southshire", review.pk])).status_code == 404


def test_import_through_the_page(client, editor, workspace, other_workspace):
    exported = services.export_json([case_study(other_workspace, "Brought over")])
    client.force_login(editor)
    response = client.post(url("import"), {"file": SimpleUploadedFile("cs.json", exported.encode())})
    assert response.status_code == 302
    assert CaseStudy.objects.get(workspace=workspace).title == "Brought over"
    response = client.post(url("import"), {"file": SimpleUploadedFile("cs.json", b"not json")})
    assert "The file is not JSON text" in response.content.decode() and "Nothing was imported." in response.content.decode()
    assert CaseStudy.objects.filter(workspace=workspace).count() == 1


def test_the_partnership_page_shows_examples_from_elsewhere(client, viewer, workspace, other_workspace,
                                                             partnership, outcome):
    case_study(other_workspace, "Telling the story once in Southshire", visibility="everyone",
               problem="I had to tell my story to four people.")
    case_study(other_workspace, "Their private story once", visibility="workspace")
    client.force_login(viewer)
    page = client.get(reverse("partnerships:detail", args=["northshire", partnership.pk])).content.decode()
    assert "Examples from elsewhere" in page
    assert "Telling the story once in Southshire" in page and "(Southshire, evidence: stories and views)" in page
    assert "Their private story once" not in page
