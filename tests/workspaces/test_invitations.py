import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from joinedup.workspaces.language import remember_on_account
from joinedup.workspaces.models import Invitation, Role, UserRole

from ..conftest import PASSWORD


def invite(client, owner, email="new.person@example.org", role="editor"):
    client.force_login(owner)
    response = client.post(reverse("workspaces:members", args=["northshire"]), {"email": email, "role": role})
    assert response.status_code == 302
    client.logout()
    link = re.search(r"http://testserver(/invitations/\S+/)", mail.outbox[-1].body).group(1)
    return link


def test_an_owner_invites_by_email_and_the_link_creates_an_account(client, owner):
    link = invite(client, owner)
    assert mail.outbox[-1].to == ["new.person@example.org"]
    page = client.get(link)
    assert "Join Northshire" in page.content.decode()
    response = client.post(link, {"name": "Nia Moonacre", "password": "a-long-unusual-passphrase"})
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new.person@example.org")
    assert user.check_password("a-long-unusual-passphrase")
    assert UserRole.objects.get(user=user).role == Role.EDITOR


def test_the_link_works_once(client, owner):
    link = invite(client, owner)
    client.post(link, {"name": "Nia Moonacre", "password": "a-long-unusual-passphrase"})
    client.logout()
    assert client.get(link).status_code == 410


def test_an_expired_or_forged_link_is_refused(client, owner):
    link = invite(client, owner)
    Invitation.objects.update(created_at=Invitation.objects.get().created_at - timedelta(days=15))
    assert client.get(link).status_code == 410
    assert client.get("/invitations/forged-token/").status_code == 404


def test_a_weak_password_is_refused_with_a_message(client, owner):
    link = invite(client, owner)
    response = client.post(link, {"name": "Nia Moonacre", "password": "password"})
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert not get_user_model().objects.filter(email="new.person@example.org").exists()


def test_an_existing_user_signs_in_then_accepts(client, owner, outsider):
    link = invite(client, owner, email="outsider@example.org", role="viewer")
    assert client.get(link)["Location"].startswith(reverse("login"))
    client.post(reverse("login"), {"username": "outsider", "password": PASSWORD})
    client.post(link)
    assert UserRole.objects.get(user=outsider, workspace__slug="northshire").role == Role.VIEWER


def test_someone_else_cannot_use_the_link(client, owner, viewer):
    link = invite(client, owner)
    client.force_login(viewer)
    assert client.post(link).status_code == 403
    assert Invitation.objects.get().accepted_at is None


def test_inviting_an_existing_member_is_an_error(client, owner, viewer):
    client.force_login(owner)
    response = client.post(reverse("workspaces:members", args=["northshire"]), {"email": "viewer@example.org", "role": "editor"})
    assert "already a member" in response.content.decode()


def invitation_in(client, owner, email, owner_language=None):
    if owner_language:
        client.cookies["django_language"] = owner_language
    client.force_login(owner)
    response = client.post(reverse("workspaces:members", args=["northshire"]), {"email": email, "role": "viewer"},
                           follow=True)
    return mail.outbox[-1], response.content.decode()


def test_an_invitation_is_in_the_language_the_invited_person_chose(client, owner, outsider):
    """The outsider has an account here and chose Welsh: the e-mail is in Welsh, while the
    owner's page and its message stay in the owner's English."""
    remember_on_account(outsider, "cy")
    sent, page = invitation_in(client, owner, outsider.email.upper())
    assert sent.subject == "Rydych wedi'ch gwahodd i Northshire ar joinedup"
    assert "Derbyniwch y gwahoddiad yma" in sent.body
    assert "Invitation sent to" in page


def test_an_invitation_to_someone_who_chose_english_is_in_english(client, owner, outsider):
    remember_on_account(outsider, "en-gb")
    sent, page = invitation_in(client, owner, outsider.email, owner_language="cy")
    assert sent.subject == "You are invited to Northshire on joinedup"
    assert "as viewer" in sent.body
    assert "Anfonwyd gwahoddiad at" in page


def test_an_invitation_to_a_newcomer_is_in_the_owners_language(client, owner):
    sent, _page = invitation_in(client, owner, "new.person@example.org", owner_language="cy")
    assert sent.subject == "Rydych wedi'ch gwahodd i Northshire ar joinedup"
    sent, _page = invitation_in(client, owner, "other.person@example.org", owner_language="en-gb")
    assert sent.subject == "You are invited to Northshire on joinedup"
