"""An owner resets a forgotten password and turns on two-step sign-in, the
way a person does, and every page on the way passes axe-core (and, as every
browser test, the Content-Security-Policy)."""

import re

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from ..workspaces.test_two_step import code_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reset_a_password_then_turn_on_two_step_sign_in(page, live_server, owner, axe, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    axe.check(page)
    page.get_by_label("Email").fill("owner@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    axe.check(page)

    link = re.search(r"http://\S+/password-reset/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    axe.check(page)
    page.get_by_label("New password", exact=True).fill("a-new-long-passphrase-2026")
    page.get_by_label("New password confirmation").fill("a-new-long-passphrase-2026")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("heading", name="Your password has been changed")).to_be_visible()
    axe.check(page)

    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("User name or e-mail address").fill("owner")
    page.get_by_label("Password").fill("a-new-long-passphrase-2026")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Two-step sign-in").click()
    expect(page.get_by_role("heading", name="Two-step sign-in")).to_be_visible()
    axe.check(page)
    device = TOTPDevice.objects.get(user=owner)
    page.get_by_label("Code from your authenticator app").fill(code_now(device))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_text("Two-step sign-in is on.")).to_be_visible()
    axe.check(page)

    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("User name or e-mail address").fill("owner")
    page.get_by_label("Password").fill("a-new-long-passphrase-2026")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Enter the code from your app")).to_be_visible()
    axe.check(page)
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe.check(page)
    page.get_by_label("Code from your authenticator app").fill(code_now(device, 1))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your workspaces")).to_be_visible()
