"""Starting from a review, the evidence strength it gives, and moving case
studies between instances as JSON: all or nothing, tampering refused."""

import json
from datetime import date

import pytest

from joinedup.demo.loader import load_demo
from joinedup.partnerships.models import Partnership
from joinedup.practice import services
from joinedup.practice.models import CaseStudy, EvidenceStrength, Visibility
from joinedup.review import services as review_services
from joinedup.review.models import Review
from tests.practice.conftest import case_study


@pytest.fixture
def demo(db):
    workspace, _ = load_demo()
    return workspace


def review_of(workspace, name):
    partnership = Partnership.objects.get(workspace=workspace, name=name)
    return review_services.review_partnership(partnership, as_of=date(2026, 11, 22))


def test_a_review_with_an_improvement_gives_statistical_evidence(demo):
    review = review_of(demo, "Home First: leaving hospital well")
    assert review.figures["indicators_improving"] >= 1
    draft = services.draft_from_review(review)
    assert draft.evidence_strength == EvidenceStrength.STATISTICAL and draft.evidence_from_review
    assert draft.title == "Home First: leaving hospital well"
    assert draft.form == review.partnership.form
    assert "nhs_acute" in draft.sectors
    statements = list(review.partnership.outcomes.values_list("statement", flat=True))
    assert all(s in draft.outcomes for s in statements)
    tasks = list(review.partnership.responsibilities.values_list("task", flat=True))
    assert tasks and all(t in draft.what_we_did for t in tasks)
    assert "interrupted time series" in draft.evidence
    assert draft.cost.startswith("Meetings cost £")
    assert all(f["title"] in draft.lessons for f in review.findings)


def test_data_without_an_improvement_is_before_and_after_and_none_is_the_authors_choice():
    assert services.evidence_strength_of(Review(figures={"indicators_measured": 2, "indicators_improving": 0})) \
        == EvidenceStrength.BEFORE_AFTER
    assert services.evidence_strength_of(Review(figures={"indicators": 0, "indicators_measured": 0})) is None
    assert services.evidence_strength_of(Review(figures={})) is None


def test_publishing_keeps_the_first_moment(workspace, owner):
    draft = case_study(workspace, "Pooled budget", visibility="draft")
    assert draft.published_at is None
    draft.visibility = Visibility.WORKSPACE
    services.save(draft, owner)
    first = draft.published_at
    assert first is not None and draft.author == owner
    draft.visibility = Visibility.EVERYONE
    services.save(draft, owner)
    assert draft.published_at == first


def test_export_then_import_gives_the_same_case_studies_as_drafts(workspace, other_workspace, outsider):
    made = [case_study(workspace, "Falls response", sectors=["fire", "nhs_community"], lessons="- *Slow* start"),
            case_study(workspace, "Café for carers — «accents» and emoji 🙂", visibility="draft")]
    exported = services.export_json(made)
    document = json.loads(exported)
    assert document["schema"] == "joinedup.case-studies" and document["schema_version"] == 1
    imported = services.import_json(exported.encode(), other_workspace, outsider)
    assert [c.title for c in imported] == [c.title for c in made]
    for before, after in zip(made, imported, strict=True):
        for name in services.EXCHANGED:
            assert getattr(after, name) == getattr(before, name), name
        assert after.workspace == other_workspace and after.visibility == Visibility.DRAFT
    again = json.loads(services.export_json(imported))
    assert again["case_studies"][0] | {"published_at": None} == document["case_studies"][0] | {"published_at": None}


def problems_of(raw, workspace):
    with pytest.raises(services.UnreadableExport) as caught:
        services.import_json(raw, workspace, None)
    assert CaseStudy.objects.filter(workspace=workspace).count() == 0
    return caught.value.problems


def test_a_bad_file_imports_nothing_and_names_each_problem(workspace, other_workspace):
    good = json.loads(services.export_json([case_study(other_workspace, "Good one")]))
    bad = dict(good["case_studies"][0], form="merger", title="", sectors=["nhs_acute", "martians"], cost=3)
    document = dict(good, case_studies=[good["case_studies"][0], bad], sha256=None)
    problems = problems_of(json.dumps(document), workspace)
    assert "Case study 2 has no title" in problems
    assert any(p.startswith("Case study 2: form 'merger' is not one of") for p in problems)
    assert any(p.startswith("Case study 2: sectors must be a list of") for p in problems)
    assert "Case study 2: cost must be text" in problems
    assert not any(p.startswith("Case study 1") for p in problems)


def test_a_changed_file_is_refused(workspace, other_workspace):
    document = json.loads(services.export_json([case_study(other_workspace, "Good one")]))
    document["case_studies"][0]["outcomes"] = "Everything was perfect."
    assert "changed or damaged" in problems_of(json.dumps(document), workspace)[0]


@pytest.mark.parametrize("raw,says", [
    (b"\xff\xfe\x00garbage", "not JSON text"),
    (b"[1, 2]", "not a joinedup case-studies export"),
    (json.dumps({"schema": "joinedup.case-studies", "schema_version": 99, "case_studies": []}), "schema version 99"),
    (json.dumps({"schema": "joinedup.case-studies", "schema_version": 1, "case_studies": []}), "holds no case studies"),
    (json.dumps({"schema": "joinedup.case-studies", "schema_version": 1, "case_studies": ["x"]}), "not an object"),
])
def test_files_that_are_not_exports_say_what_they_are(workspace, raw, says):
    assert says in problems_of(raw, workspace)[0]
