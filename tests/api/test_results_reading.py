"""Reading what a workspace has found out through the API (issue 17): survey
results suppressed as on the results page (no answers, no quotes), reviews
with their verdicts and findings, the case studies the workspace may read,
and the agreement written through its form."""

from datetime import date

import pytest
from django.urls import reverse

from joinedup.api.models import ApiToken
from joinedup.audit.models import Entry
from joinedup.practice.models import CaseStudy
from joinedup.review import services
from joinedup.surveys.models import Response, Wave

pytestmark = pytest.mark.django_db
SECRET_COMMENT = "my manager Brenda ignores the rota"


@pytest.fixture
def reader(workspace, viewer):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(workspace, viewer, 'r', 'read', 30)[1]}"}


def test_survey_results_are_the_pages_suppressed_tables_and_never_answers(client, reader, partnership, workspace,
                                                                        viewer):
    wave = Wave.objects.create(partnership=partnership, name="Spring 2026", opens_on=date(2026, 3, 1),
                               instruments=["staff_pulse"], respondent_groups=["Hospitals", "Council"])
    for group, count in (("Hospitals", 7), ("Council", 3)):
        for i in range(count):
            Response.objects.create(wave=wave, released=True, instrument="staff_pulse", respondent_group=group,
                                    answers={"morale": 4, "job_satisfaction": 4, "role_clear": i % 5 + 1,
                                             "comments": SECRET_COMMENT})
    listed = client.get(reverse("api-v1:list_waves", args=[partnership.pk]), **reader).json()
    assert [w["name"] for w in listed["items"]] == ["Spring 2026"]
    response = client.get(reverse("api-v1:get_wave_results", args=[wave.pk]), **reader)
    assert response.status_code == 200
    body = response.json()
    assert body["smallest_group_shown"] == 5 and body["tables"]
    text = response.content.decode()
    assert SECRET_COMMENT not in text and "Brenda" not in text
    council = [row for table in body["tables"] for row in table["rows"] if row and row[0] == "Council"]
    assert council and all(set(row[1:]) <= {"hidden", "Hidden", ""} or "idden" in " ".join(row) for row in council)
    assert Entry.objects.filter(workspace=workspace, actor=viewer, kind="export",
                                action="read survey results through the API").count() == 1


def test_reviews_give_their_verdicts_and_findings(client, reader, partnership):
    review = services.review_partnership(partnership)
    items = client.get(reverse("api-v1:list_reviews", args=[partnership.pk]), **reader).json()["items"]
    assert [(r["id"], r["verdict"], r["final_verdict"]) for r in items] == [
        (review.pk, review.verdict, review.final_verdict)]
    assert [f["rule_id"] for f in items[0]["findings"]] == [f["rule_id"] for f in review.findings]


def test_case_studies_are_only_those_the_workspace_may_read(client, reader, workspace, other_workspace):
    def study(ws, title, visibility):
        return CaseStudy.objects.create(workspace=ws, title=title, problem="p", user_group="u",
                                        form="co_location", what_we_did="w", outcomes="o", visibility=visibility)
    study(workspace, "Our draft", "draft")
    study(other_workspace, "Their own", "workspace")
    study(other_workspace, "Their published", "everyone")
    items = client.get(reverse("api-v1:list_case_studies"), **reader).json()["items"]
    assert {(c["title"], c["ours"]) for c in items} == {("Our draft", True), ("Their published", False)}


def test_the_agreement_is_written_whole_through_its_form(client, workspace, editor, partnership):
    writer = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(workspace, editor, 'w', 'write', 30)[1]}"}
    url = reverse("api-v1:put_agreement", args=[partnership.pk])
    assert client.get(url, **writer).status_code == 404
    bad = client.put(url, {"summary": "Pooled budget", "signed_on": "2025-04-01", "review_on": "2025-01-01"},
                     content_type="application/json", **writer)
    assert bad.status_code == 422 and [e["field"] for e in bad.json()["errors"]] == ["review_on"]
    made = client.put(url, {"summary": "Pooled budget", "signed_on": "2025-04-01"}, content_type="application/json",
                      **writer)
    assert made.status_code == 200 and made.json()["signed_on"] == "2025-04-01"
    assert client.get(url, **writer).json()["summary"] == "Pooled budget"
    assert Entry.objects.filter(workspace=workspace, kind="agreement", action="added", actor=editor).exists()
