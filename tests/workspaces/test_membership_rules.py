"""A workspace always keeps an owner; accepting an invitation never lowers a
role; a new invitation to an address revokes the old one (issue 14, item 3)."""

import re
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse

from joinedup.workspaces import membership
from joinedup.workspaces.models import Invitation, Role, UserRole

from ..conftest import PASSWORD, make_user


def send_invitation(client, owner, email, role):
    client.force_login(owner)
    response = client.post(reverse("workspaces:members", args=["northshire"]), {"email": email, "role": role})
    assert response.status_code == 302
    return re.search(r"http://testserver(/invitations/\S+/)", mail.outbox[-1].body).group(1)


def role_of(user):
    return UserRole.objects.filter(user=user, workspace__slug="northshire").values_list("role", flat=True).first()


def test_the_reported_sequence_leaves_the_new_member_owner(client, owner):
    """Invite as viewer and as owner, accept the owner link, the first owner
    leaves, open the viewer link: the workspace still has its owner."""
    viewer_link = send_invitation(client, owner, "nia@example.org", "viewer")
    owner_link = send_invitation(client, owner, "nia@example.org", "owner")
    nia = make_user("nia")
    client.force_login(nia)
    client.post(owner_link)
    assert role_of(nia) == Role.OWNER
    client.force_login(owner)
    assert client.post(reverse("workspaces:leave", args=["northshire"])).status_code == 302
    assert role_of(owner) is None
    client.force_login(nia)
    response = client.post(viewer_link)
    assert response.status_code in (404, 410)
    assert role_of(nia) == Role.OWNER
    assert UserRole.objects.filter(workspace__slug="northshire", role=Role.OWNER).count() == 1


def test_a_new_invitation_revokes_the_earlier_one(client, owner):
    first = send_invitation(client, owner, "nia@example.org", "viewer")
    second = send_invitation(client, owner, "NIA@example.org", "editor")
    client.logout()
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    assert list(Invitation.objects.values_list("role", flat=True)) == [Role.EDITOR]
    client.force_login(owner)
    page = client.get(reverse("workspaces:members", args=["northshire"])).content.decode()
    assert page.count("nia@example.org as") == 1


def test_accepting_an_invitation_never_lowers_a_role(workspace, owner):
    # An invitation issued before the person became owner some other way.
    invitation = Invitation.objects.create(workspace=workspace, email="owner@example.org", role=Role.VIEWER)
    role = membership.accept(invitation, owner)
    assert role.role == Role.OWNER
    assert role_of(owner) == Role.OWNER
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_accepting_a_higher_role_raises_it(workspace, viewer):
    invitation = Invitation.objects.create(workspace=workspace, email="viewer@example.org", role=Role.EDITOR)
    assert membership.accept(invitation, viewer).role == Role.EDITOR


def test_accepting_a_lower_invitation_tells_the_member_their_role_is_kept(client, workspace, editor):
    invitation = Invitation.objects.create(workspace=workspace, email="editor@example.org", role=Role.VIEWER)
    client.force_login(editor)
    response = client.post(reverse("workspaces:accept", args=[invitation.token]), follow=True)
    assert "did not change your role" in response.content.decode()
    assert role_of(editor) == Role.EDITOR


def test_the_last_owner_cannot_leave(client, owner, viewer):
    client.force_login(owner)
    response = client.post(reverse("workspaces:leave", args=["northshire"]), follow=True)
    assert "A workspace needs at least one owner" in response.content.decode()
    assert role_of(owner) == Role.OWNER


def test_the_last_owner_cannot_be_removed_or_demoted(client, owner):
    own_role = UserRole.objects.get(user=owner)
    client.force_login(owner)
    for change in ["remove", "editor", "viewer"]:
        response = client.post(reverse("workspaces:change_role", args=["northshire", own_role.pk]), {"role": change}, follow=True)
        assert "A workspace needs at least one owner" in response.content.decode()
        assert role_of(owner) == Role.OWNER


def test_one_of_two_owners_may_step_down_and_is_sent_where_they_still_may_go(client, owner, viewer):
    UserRole.objects.filter(user=viewer).update(role=Role.OWNER)
    own_role = UserRole.objects.get(user=owner)
    client.force_login(owner)
    response = client.post(reverse("workspaces:change_role", args=["northshire", own_role.pk]), {"role": "viewer"})
    assert response["Location"] == reverse("workspaces:home", args=["northshire"])
    assert role_of(owner) == Role.VIEWER
    with pytest.raises(membership.LastOwner):
        membership.set_role(UserRole.objects.get(user=viewer), Role.EDITOR)


def test_any_member_may_leave_and_loses_access_at_once(client, owner, editor):
    client.force_login(editor)
    assert client.post(reverse("workspaces:leave", args=["northshire"]))["Location"] == reverse("workspaces:list")
    assert client.get(reverse("workspaces:home", args=["northshire"])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_owners_demoting_each_other_at_once_leave_one_owner(owner, viewer):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; CI runs this suite on it too")
    UserRole.objects.filter(user=viewer).update(role=Role.OWNER)
    start = threading.Barrier(2)
    outcomes = []

    def demote(user):
        start.wait()
        try:
            membership.set_role(UserRole.objects.get(user=user), Role.EDITOR)
            outcomes.append("done")
        except membership.LastOwner:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=demote, args=(u,)) for u in (owner, viewer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done", "refused"]
    assert UserRole.objects.filter(role=Role.OWNER).count() == 1


def test_sign_up_when_a_user_name_equals_the_invited_address_is_a_clear_message(client, owner):
    link = send_invitation(client, owner, "nia@example.org", "editor")
    get_user_model().objects.create_user(username="nia@example.org", email="nia.other@example.org", password=PASSWORD)
    client.logout()
    response = client.post(link, {"name": "Nia Moonacre", "password": "a-long-unusual-passphrase"})
    assert response.status_code == 200
    assert "already exists but has a different e-mail address" in response.content.decode()
    assert not UserRole.objects.filter(user__email="nia@example.org").exists()


@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_on_one_link_at_once_make_one_account_and_no_error(workspace, owner):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; CI runs this suite on it too")
    invitation = Invitation.objects.create(workspace=workspace, email="nia@example.org", role=Role.EDITOR)
    link = reverse("workspaces:accept", args=[invitation.token])
    # Both requests are held just before creating the account, so both have
    # passed every check that reads the database first (the reported race).
    both_creating = threading.Barrier(2)

    def hold(sender, instance, **kwargs):
        if instance.pk is None:
            try:
                both_creating.wait(timeout=3)
            except threading.BrokenBarrierError:
                pass  # after the fix the second request waits on the lock instead

    pre_save.connect(hold, sender=get_user_model())
    statuses = []

    def sign_up():
        try:
            client = Client(raise_request_exception=False)
            response = client.post(link, {"name": "Nia Moonacre", "password": "a-long-unusual-passphrase"})
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        pre_save.disconnect(hold, sender=get_user_model())
    assert sorted(statuses) == [302, 410]
    assert get_user_model().objects.filter(email="nia@example.org").count() == 1
