"""The meetings pages for a reader who chose Welsh."""

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


def test_the_meetings_overview_and_pay_scale_speak_welsh(client, viewer, partnership):
    client.force_login(viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get(reverse("meetings:home", args=["northshire"]), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert '<h1 class="govuk-heading-xl">Cyfarfodydd a chost</h1>' in html
    assert "Cyfriflyfr costau" in html
    assert "Every partnership meeting costs the hours" not in html and ">Cost ledger<" not in html
    html = client.get(reverse("meetings:payband_list", args=["northshire"]),
                      HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert '<h1 class="govuk-heading-xl">Graddfa gyflog</h1>' in html
    assert "Pobl heb fand cyflog" in html and "People without a pay band" not in html
