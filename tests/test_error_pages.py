"""Error pages carry the site's header and say nothing they cannot know."""

import pytest
from django.test import Client

from joinedup.views import forbidden, not_found, server_error


@pytest.fixture
def request_factory_get(rf):
    return rf.get("/anything/")


def test_the_server_error_page_carries_the_header_and_claims_nothing_about_saving(request_factory_get):
    html = server_error(request_factory_get).content.decode()
    assert 'class="joinedup-header"' in html
    assert "Skip to main content" in html
    assert "half-saved" not in html
    assert "check whether it was saved" in html


@pytest.mark.parametrize("view", [not_found, forbidden])
def test_the_other_error_pages_carry_the_header(db, request_factory_get, view):
    from django.contrib.auth.models import AnonymousUser

    request_factory_get.user = AnonymousUser()
    html = view(request_factory_get).content.decode()
    assert 'class="joinedup-header"' in html


def test_an_unknown_address_gets_the_not_found_page_with_the_header(db):
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    assert 'class="joinedup-header"' in response.content.decode()
