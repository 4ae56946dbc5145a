"""The social-return page for a reader who chose Welsh."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation


@pytest.fixture(autouse=True)
def english_again_afterwards():
    """The test client leaves the request's language active in this thread:
    put English back so that later tests read English."""
    yield
    translation.deactivate()


def test_the_social_return_page_speaks_welsh(client, viewer, partnership, valuation):
    client.force_login(viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get(reverse("social_return:page", args=["northshire", partnership.pk]),
                      HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert '<h1 class="govuk-heading-xl">Costau uned ac enillion cymdeithasol</h1>' in html
    assert "Costau uned canlyniadau" in html and "Pwysau marw" in html
    assert "Unit costs of outcomes" not in html and "Deadweight" not in html
