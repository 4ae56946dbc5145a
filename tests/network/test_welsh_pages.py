"""The network page for a reader who chose Welsh."""

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


pytestmark = pytest.mark.django_db


def test_the_network_page_speaks_welsh(client, viewer, workspace, locality):
    client.force_login(viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get(reverse("network:home", args=[workspace.slug]) + "?as_at=30/6/2026",
                      HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert '<h1 class="govuk-heading-xl">Rhwydwaith</h1>' in html
    assert "Y we gyfan" in html and "Pobl mewn llawer o ystafelloedd" in html
    assert "30 Mehefin 2026" in html
    assert "The whole web" not in html and "People in many rooms" not in html
