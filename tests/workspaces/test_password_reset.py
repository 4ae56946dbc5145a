"""Resetting a forgotten password with Django's views on GOV.UK pages; the
pages say the same whether or not the address has an account (issue 14)."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

NEW_PASSWORD = "a-brand-new-long-passphrase"


def ask(client, email):
    return client.post(reverse("password_reset"), {"email": email}, follow=True)


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(client, owner):
    known = ask(client, "owner@example.org")
    unknown = ask(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|nonce="[^"]*"')
    assert strip.sub("", known.content.decode()) == strip.sub("", unknown.content.decode())
    assert "If there is a joinedup account with the address you entered" in known.content.decode()
    assert [m.to for m in mail.outbox] == [["owner@example.org"]]


def test_the_e_mailed_link_sets_a_new_password_once(client, owner):
    ask(client, "OWNER@example.org")
    link = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
                       follow=True)
    assert "Your password has been changed" in done.content.decode()
    assert get_user_model().objects.get(pk=owner.pk).check_password(NEW_PASSWORD)
    again = client.get(link, follow=True)
    assert "This link cannot be used" in again.content.decode()


def test_the_sign_in_page_offers_the_reset(client, db):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()
