"""Every response carries the security headers: a Content-Security-Policy
with no inline or evaluated script, nosniff, a referrer policy and frame
denial. The generated every-route test (test_every_route.py) checks them on
every page too; these tests pin the policy itself."""

import re

from django.urls import reverse

from joinedup.security_headers import policy


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def test_the_policy_allows_no_inline_or_evaluated_script_and_no_framing():
    found = directives(policy("abc"))
    assert found["script-src"] == ["'self'", "'nonce-abc'"]
    assert found["frame-ancestors"] == ["'none'"]
    assert found["object-src"] == ["'none'"]
    assert found["base-uri"] == ["'none'"]
    assert not any("unsafe-eval" in v for values in found.values() for v in values)


def test_the_one_inline_script_carries_the_nonce_of_its_own_response(client, db):
    first = client.get(reverse("login"))
    second = client.get(reverse("login"))
    nonces = []
    for response in (first, second):
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert f'<script nonce="{nonce}">' in response.content.decode()
        assert re.findall(r"<script(?![^>]*\b(?:src|nonce|type=\"application/json\")=)[^>]*>", response.content.decode()) == []
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_a_page_has_nosniff_referrer_policy_and_frame_denial(client, db):
    response = client.get(reverse("login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
