"""Wrong survey codes from one address are limited, at /s/ and as /s/<code>/;
right codes are never held up by other people's; the limit is per address
(issue 14, item 5)."""

import pytest
from django.urls import reverse

from .conftest import make_links

WRONG = "ABCD-EFGH-JKMN"


@pytest.fixture
def low_limit(settings):
    settings.SURVEY_CODE_ATTEMPTS = 3


def try_code(client, code, address="203.0.113.7"):
    return client.post(reverse("respond:enter_code"), {"code": code}, REMOTE_ADDR=address)


def test_after_the_limit_of_wrong_codes_even_a_right_code_waits(client, wave, link, low_limit):
    for _ in range(3):
        assert try_code(client, WRONG).status_code == 400
    response = try_code(client, link.code)
    assert response.status_code == 429
    assert "Too many codes have been tried" in response.content.decode()


def test_codes_in_the_address_count_too(client, wave, link, low_limit):
    for _ in range(3):
        assert client.get(f"/s/{WRONG.replace('-', '')}/", REMOTE_ADDR="203.0.113.7").status_code == 404
    assert try_code(client, link.code).status_code == 429
    assert client.get(f"/s/{link.code}/", REMOTE_ADDR="203.0.113.7").status_code == 429


def test_a_link_token_is_never_held_back(client, wave, link, low_limit):
    """A token is 128 random bits: nobody guesses one, so someone with their
    own link at an address where others mistyped codes still gets in."""
    for _ in range(3):
        try_code(client, WRONG)
    assert try_code(client, link.code).status_code == 429
    assert client.get(reverse("respond:answer", args=[link.token]), REMOTE_ADDR="203.0.113.7").status_code == 200


def test_another_address_is_not_held_back(client, wave, link, low_limit):
    for _ in range(3):
        try_code(client, WRONG)
    assert try_code(client, link.code, address="198.51.100.9").status_code == 302


def test_right_codes_never_count(client, wave, low_limit):
    links = make_links(wave, count=5)
    for each in links:
        assert try_code(client, each.code).status_code == 302
    assert try_code(client, WRONG).status_code == 400


def test_the_address_is_not_kept_in_the_clear(client, wave, low_limit):
    from django.core.cache import cache

    try_code(client, WRONG)
    keys = list(cache._cache.keys()) if hasattr(cache, "_cache") else []
    assert keys and not any("203.0.113.7" in key for key in keys)


def test_the_too_many_codes_page_is_in_welsh_too(client, wave, link, low_limit):
    for _ in range(3):
        client.post(reverse("respond:enter_code") + "?lang=cy", {"code": WRONG}, REMOTE_ADDR="203.0.113.7")
    page = client.post(reverse("respond:enter_code") + "?lang=cy", {"code": WRONG}, REMOTE_ADDR="203.0.113.7")
    assert page.status_code == 429
    text = page.content.decode()
    assert "Rhoddwyd cynnig ar ormod o godau" in text and "Arhoswch 15 munud" in text
    assert "Too many codes" not in text
