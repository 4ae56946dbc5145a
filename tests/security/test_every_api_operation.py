"""Isolation over every API operation, generated from the resolver (issue 14,
issue 17): each operation is called with workspace B's records by A's tokens
(owner's read-and-write, editor's read-and-write, viewer's read-only), with no
token, with a revoked one, with an expired one and with the token of a member
since removed. The answer is never B's data, never a 500, and nothing in the
database changes."""

import functools
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from joinedup.api.models import ApiToken
from joinedup.workspaces.models import UserRole

from .routes import API_ARGUMENTS, API_PLAIN_QUERY, all_routes, one_of_everything
from .test_every_route import THEIRS, changed_since, fingerprint

OURS = "Aardvark"
REFUSED = {401, 403, 404, 405, 422}
# The description of the API itself, the same for everyone and naming no record.
DESCRIPTION = {"api-v1:openapi-json", "api-v1:openapi-view", "api-v1:api-root"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def api_routes():
    return [r for r in all_routes() if r.kind == "api" and r.name not in DESCRIPTION]


def api_url(route, records):
    path = "/" + route.pattern
    for argument in route.arguments:
        path = re.sub(rf"<(?:\w+:)?{argument}>", str(records[API_ARGUMENTS[argument]]), path)
    return path


def bearer(plain):
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"} if plain else {}


@functools.cache
def openapi_paths():
    """The OpenAPI document's paths, built once: building it takes about a
    second, and the tests below ask for a route's arguments hundreds of times."""
    from joinedup.api.v1 import api

    return api.get_openapi_schema()["paths"]


def query_arguments(route):
    """The query arguments the OpenAPI document gives the route's operations."""
    path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route.pattern)
    operations = openapi_paths().get(path, {})
    return {p["name"] for o in operations.values() for p in o.get("parameters", ()) if p["in"] == "query"}


def test_every_api_argument_is_understood():
    unknown = [(r.name, a) for r in api_routes() for a in r.arguments if a not in API_ARGUMENTS]
    unknown += [(r.name, a) for r in api_routes() for a in query_arguments(r) - API_PLAIN_QUERY
                if a not in API_ARGUMENTS]
    assert not unknown, f"say what these API arguments name in tests/security/routes.py: {unknown}"
    assert len(api_routes()) >= 10


def test_no_token_of_a_reaches_workspace_b(workspace, other_workspace, owner, editor, viewer, outsider):
    ours = one_of_everything(workspace, OURS, owner)
    theirs = one_of_everything(other_workspace, THEIRS, outsider)
    callers = {
        "owner": ApiToken.issue(workspace, owner, "o", "write", 30)[1],
        "editor": ApiToken.issue(workspace, editor, "e", "write", 30)[1],
        "viewer": ApiToken.issue(workspace, viewer, "v", "read", 30)[1],
        "no token": None,
        "not a token": "jdu_0000_not-a-real-one",
    }
    revoked, revoked_plain = ApiToken.issue(other_workspace, outsider, "r", "write", 30)
    revoked.revoked_at = timezone.now()
    revoked.save()
    expired, expired_plain = ApiToken.issue(other_workspace, outsider, "x", "write", 30)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    callers.update({"B's revoked token": revoked_plain, "B's expired token": expired_plain})
    client = Client(raise_request_exception=False)
    # Just used (an hour ahead: the calls may take minutes on a busy machine):
    # the use is not recorded again within the minute, so that any change to
    # the tokens' table below would be a change the calls made.
    ApiToken.objects.update(last_used_at=timezone.now() + timedelta(hours=1))
    before = fingerprint()
    checked = 0
    for who, plain in callers.items():
        for route in api_routes():
            urls = {api_url(route, theirs)} if route.arguments else {"/" + route.pattern}
            # Each filter naming one of B's records: refused, never B's data.
            urls |= {f"{url}?{name}={theirs[API_ARGUMENTS[name]]}" for url in set(urls)
                     for name in query_arguments(route) - API_PLAIN_QUERY}
            for url in urls:
                for method in ("get", "post", "patch", "put"):
                    if method == "get":
                        response = client.get(url, **bearer(plain))
                    else:
                        response = getattr(client, method)(url, "{}", content_type="application/json",
                                                           **bearer(plain))
                    where = f"{method.upper()} {url} with {who}"
                    assert response.status_code != 500, where
                    assert THEIRS not in response.content.decode(errors="replace"), f"their data on {where}"
                    if route.arguments or "?" in url or plain is None or who.startswith(("B's", "not")):
                        assert response.status_code in REFUSED, f"{where} gave {response.status_code}"
                    checked += 1
    assert not changed_since(before)
    print(f"\nAPI requests checked: {checked} over {len(api_routes())} operations")
    assert ours  # A's own records exist, so a 404 is not for want of any record


def test_a_removed_member_loses_the_api_at_once(workspace, owner, editor):
    _token, plain = ApiToken.issue(workspace, editor, "e", "write", 30)
    client = Client()
    url = reverse("api-v1:list_partnerships")
    assert client.get(url, **bearer(plain)).status_code == 200
    UserRole.objects.filter(workspace=workspace, user=editor).delete()
    assert client.get(url, **bearer(plain)).status_code == 401
