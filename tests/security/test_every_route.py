"""Isolation over every route, generated from the resolver (issue 14).

Every URL pattern is classified (public, account, respondent, admin,
workspace-scoped); an unclassified one fails. Each workspace-scoped route is
requested with workspace B's records, by GET and POST, as A's owner, editor
and viewer and anonymously, both under B's address and with B's records
under A's address: the answer is always 404, 403, 405 or a redirect to sign
in, never B's data, never a 500, and nothing in the database changes. Every
page carries the security headers. Viewers change nothing; editors cannot
manage members; a removed member loses access at once."""

import hashlib
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from joinedup.workspaces.models import Role, UserRole

from .routes import OWNER_ONLY, VIEWER_MAY_POST, all_routes, one_of_everything

OURS, THEIRS = "Aardvark", "Zebedee"
# Something each view might read from a form; the same for every route.
POST_DATA = {"name": "Changed", "title": "Changed", "text": "Changed", "role": "remove", "verdict": "end",
             "reason": "Changed", "choice": "in", "status": "removed", "code": "ABCD-EFGH-JKMN"}
REFUSED = {403, 404, 405}
# Tables written by signing in, not by the pages under test.
NOT_FINGERPRINTED = {"sessions", "axes", "admin", "contenttypes", "auth", "django_tasks_database"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ours(workspace, owner, editor, viewer):
    return one_of_everything(workspace, OURS, owner)


@pytest.fixture
def theirs(other_workspace, outsider):
    return one_of_everything(other_workspace, THEIRS, outsider)


def workspace_routes():
    return [route for route in all_routes() if route.kind == "workspace"]


def fingerprint():
    """A hash of every row the app keeps, to show that nothing changed."""
    digests = {}
    for model in apps.get_models():
        if model._meta.app_label in NOT_FINGERPRINTED:
            continue
        rows = list(model.objects.order_by("pk").values_list())
        digests[model._meta.label] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return digests


def changed_since(before):
    after = fingerprint()
    return sorted(label for label in after if after[label] != before.get(label))


def signed_in(user):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def check_refused(response, url, who, method):
    where = f"{method} {url} as {who}"
    assert response.status_code != 500, f"500 on {where}"
    assert THEIRS not in response.content.decode(errors="replace"), f"their data shown on {where}"
    if response.status_code == 302:
        target = urlparse(response["Location"]).path
        assert target == reverse("login"), f"{where} redirected to {target}"
        assert who == "anonymous", f"{where} redirected a signed-in user"
    else:
        assert response.status_code in REFUSED, f"{where} gave {response.status_code}"


def test_every_route_is_classified_and_every_argument_understood():
    unclassified = [r.name for r in all_routes() if r.kind is None]
    assert not unclassified, f"classify these routes in tests/security/routes.py: {unclassified}"
    unknown = [(r.name, a) for r in workspace_routes() for a in r.arguments if a != "ws" and r.record_for(a) is None]
    assert not unknown, f"say what these arguments name in tests/security/routes.py: {unknown}"
    assert len(workspace_routes()) >= 90


def test_no_role_of_a_and_no_stranger_reaches_workspace_b(ours, theirs, owner, editor, viewer):
    before = fingerprint()
    checked = 0
    for who, user in [("owner", owner), ("editor", editor), ("viewer", viewer), ("anonymous", None)]:
        client = signed_in(user)
        for route in workspace_routes():
            urls = [route.url("southshire", theirs)]
            if route.names_records:
                # B's records named under A's own address: all of them, and
                # each one alone among A's (their meeting in our partnership).
                urls.append(route.url("northshire", theirs))
                for argument in route.arguments:
                    record = route.record_for(argument)
                    if argument not in ("ws", "kind"):
                        urls.append(route.url("northshire", {**ours, record: theirs[record]}))
                urls = list(dict.fromkeys(urls))
            for url in urls:
                check_refused(client.get(url), url, who, "GET")
                check_refused(client.post(url, POST_DATA), url, who, "POST")
                checked += 2
    assert not changed_since(before)
    # 4 callers x (every route under B's address + those naming records under A's) x GET and POST.
    assert checked > 4 * 2 * 90
    print(f"\ncross-workspace requests checked: {checked} over {len(workspace_routes())} routes")


def test_every_page_carries_the_security_headers(ours, theirs, owner):
    client = signed_in(owner)
    pages = [route.url("northshire", ours) for route in workspace_routes()]
    pages += [reverse("login"), reverse("password_reset"), reverse("password_reset_done"),
              reverse("password_reset_complete"), reverse("workspaces:list"), reverse("workspaces:create"),
              reverse("respond:enter_code"), reverse("respond:thanks"),
              reverse("respond:answer", args=[theirs["survey_key"]]), "/no-such-page/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code != 500, url
        csp = response.get("Content-Security-Policy", "")
        assert "script-src 'self' 'nonce-" in csp and "frame-ancestors 'none'" in csp, url
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0], url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url


def test_a_viewer_changes_nothing_on_any_route(ours, viewer):
    client = signed_in(viewer)
    before = fingerprint()
    for route in workspace_routes():
        if route.name in VIEWER_MAY_POST:
            continue
        url = route.url("northshire", ours)
        response = client.post(url, POST_DATA)
        assert response.status_code in {403, 405}, f"POST {url} as viewer gave {response.status_code}"
    assert not changed_since(before)


def test_an_editor_cannot_manage_members(ours, editor, viewer):
    client = signed_in(editor)
    before = fingerprint()
    viewer_role = UserRole.objects.get(user=viewer).pk
    for route in [r for r in workspace_routes() if r.name in OWNER_ONLY]:
        url = route.url("northshire", {**ours, "role": viewer_role})
        assert client.get(url).status_code in {403, 405}, url
        assert client.post(url, {"role": "owner"}).status_code == 403, url
    invite = client.post(reverse("workspaces:members", args=["northshire"]), {"email": "x@example.org", "role": "owner"})
    assert invite.status_code == 403
    assert not changed_since(before)


def test_a_removed_member_loses_access_at_once(ours, owner, editor):
    editors_client = signed_in(editor)
    partnership = reverse("partnerships:detail", args=["northshire", ours["partnership"]])
    assert editors_client.get(partnership).status_code == 200
    role = UserRole.objects.get(user=editor)
    signed_in(owner).post(reverse("workspaces:change_role", args=["northshire", role.pk]), {"role": "remove"})
    for route in workspace_routes():
        url = route.url("northshire", ours)
        response = editors_client.get(url)
        assert response.status_code in {404, 405}, f"{url} gave {response.status_code} after removal"


def test_a_demoted_owner_loses_owner_pages_at_once(ours, owner, viewer):
    UserRole.objects.filter(user=viewer).update(role=Role.OWNER)
    owners_client = signed_in(owner)
    assert owners_client.get(reverse("workspaces:members", args=["northshire"])).status_code == 200
    UserRole.objects.filter(user=owner).update(role=Role.VIEWER)
    assert owners_client.get(reverse("workspaces:members", args=["northshire"])).status_code == 403


def test_admin_routes_refuse_everyone_but_staff(ours, owner):
    client = signed_in(owner)
    for url in [reverse("admin:index"), reverse("admin:workspaces_workspace_changelist"),
                reverse("admin:auth_user_changelist")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login")), url
