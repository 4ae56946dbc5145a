from joinedup.demo.loader import load_demo
from joinedup.practice import search
from joinedup.practice.models import CaseStudy, EvidenceStrength, Visibility


def test_the_demo_has_a_varied_library_with_honest_failures(db):
    workspace, _ = load_demo()
    library = CaseStudy.objects.filter(workspace=workspace)
    assert library.count() == 13
    assert {c.evidence_strength for c in library} == set(EvidenceStrength.values)
    assert {c.visibility for c in library} == set(Visibility.values)
    assert len({c.form for c in library}) == 6
    failures = [c for c in library if "unwound" in c.title or "never met" in c.title or "too wide" in c.title]
    assert len(failures) == 3
    from_review = library.get(review__isnull=False)
    assert from_review.evidence_from_review and from_review.evidence_strength == EvidenceStrength.STATISTICAL
    found = search.search(search.visible_to(workspace), "tell my story once").case_studies
    assert found[0].title.startswith("Telling my story once")
