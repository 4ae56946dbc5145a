import pytest

from joinedup.practice.models import CaseStudy


def case_study(workspace, title, visibility="everyone", **fields):
    defaults = {
        "problem": "People told their story again and again.", "user_group": "older people",
        "form": "coordinated_working", "what_we_did": "We met.", "outcomes": "Fewer repeats.",
    }
    from django.utils import timezone

    return CaseStudy.objects.create(
        workspace=workspace, title=title, visibility=visibility,
        published_at=None if visibility == "draft" else timezone.now(), **{**defaults, **fields},
    )


@pytest.fixture
def make_case_study():
    return case_study
