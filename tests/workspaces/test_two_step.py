"""Optional two-step sign-in (TOTP): turned on by scanning and confirming a
code; afterwards a password alone reaches nothing but the code page; codes
work once; it is turned off only with a code (issue 14, item 5)."""

import time

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..conftest import PASSWORD


def code_now(device, steps_ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def turn_on(client, user):
    client.force_login(user)
    page = client.get(reverse("workspaces:two_step"))
    assert "Scan this QR code" in page.content.decode() and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("workspaces:two_step"), {"code": code_now(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def sign_in_with_password(client):
    client.logout()
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_a_wrong_code_does_not_turn_it_on(client, owner):
    client.force_login(owner)
    client.get(reverse("workspaces:two_step"))
    response = client.post(reverse("workspaces:two_step"), {"code": "000000"})
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=owner, confirmed=True).exists()


def test_after_turning_it_on_a_password_alone_reaches_only_the_code_page(client, owner, workspace, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code below would otherwise hold the right one back
    device = turn_on(client, owner)
    sign_in_with_password(client)
    home = reverse("workspaces:home", args=["northshire"])
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workspaces:two_step_code"))
    for url in [reverse("workspaces:members", args=["northshire"]), reverse("workspaces:list"), "/admin/"]:
        assert client.get(url)["Location"].startswith(reverse("workspaces:two_step_code")), url
    wrong = client.post(reverse("workspaces:two_step_code"), {"code": "000000", "next": home})
    assert wrong.status_code == 400
    right = client.post(reverse("workspaces:two_step_code"), {"code": code_now(device, 1), "next": home})
    assert right["Location"] == home
    assert client.get(home).status_code == 200


def test_a_code_works_once(client, owner, workspace):
    device = turn_on(client, owner)
    used = code_now(device, 1)
    sign_in_with_password(client)
    assert client.post(reverse("workspaces:two_step_code"), {"code": used}).status_code == 302
    sign_in_with_password(client)
    again = client.post(reverse("workspaces:two_step_code"), {"code": used})
    assert again.status_code == 400


def test_the_code_page_does_not_send_you_off_site(client, owner):
    device = turn_on(client, owner)
    sign_in_with_password(client)
    response = client.post(reverse("workspaces:two_step_code"),
                           {"code": code_now(device, 1), "next": "https://evil.example/"})
    assert response["Location"] == reverse("workspaces:list")


def test_turning_it_off_needs_a_code(client, owner, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = turn_on(client, owner)
    refused = client.post(reverse("workspaces:two_step"), {"code": "000000"})
    assert "That code is not right" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=owner).exists()
    client.post(reverse("workspaces:two_step"), {"code": code_now(device, 1)})
    assert not TOTPDevice.objects.filter(user=owner).exists()
    sign_in_with_password(client)
    assert client.get(reverse("workspaces:list")).status_code == 200


def test_users_without_it_are_not_asked(client, owner):
    sign_in_with_password(client)
    assert client.get(reverse("workspaces:list")).status_code == 200


def test_after_a_wrong_code_even_the_right_one_waits(client, owner):
    device = turn_on(client, owner)
    sign_in_with_password(client)
    assert client.post(reverse("workspaces:two_step_code"), {"code": "000000"}).status_code == 400
    assert client.post(reverse("workspaces:two_step_code"), {"code": code_now(device, 1)}).status_code == 400
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # the held-back try is not counted as wrong
