"""The good-practice library for a reader who chose Welsh."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.practice.conftest import case_study


@pytest.fixture(autouse=True)
def english_again_afterwards():
    """The test client leaves the request's language active in this thread:
    put English back so that later tests read English."""
    yield
    translation.deactivate()


def test_the_library_speaks_welsh(client, viewer, workspace):
    case_study(workspace, "Home from hospital", visibility="workspace")
    client.force_login(viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get(reverse("practice:library", args=["northshire"]), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert '<h1 class="govuk-heading-xl">Arfer da</h1>' in html
    assert "Chwilio astudiaethau achos" in html and "1 astudiaeth achos" in html
    assert "Search case studies" not in html and "1 case study" not in html
