from django.contrib.auth import get_user_model
from django.urls import reverse

from ..conftest import PASSWORD


def test_passwords_are_hashed_with_a_slow_hash(owner):
    from django.conf import global_settings

    from joinedup import settings as production_settings

    # The suite swaps in a fast hasher; production keeps Django's default (PBKDF2).
    assert not hasattr(production_settings, "PASSWORD_HASHERS")
    stored = get_user_model().objects.get(pk=owner.pk).password
    assert PASSWORD not in stored
    assert stored.startswith("md5$")
    assert global_settings.PASSWORD_HASHERS[0].endswith("PBKDF2PasswordHasher")


def test_sign_in_works_with_the_right_password(client, owner):
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("workspaces:list")


def test_a_wrong_password_gets_a_gov_uk_error_summary(client, owner):
    response = client.post(reverse("login"), {"username": "owner", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Enter a correct user name (or e-mail address) and password." in page


def test_sign_in_is_locked_after_five_failures(client, owner):
    for _ in range(5):
        client.post(reverse("login"), {"username": "owner", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()


def test_one_password_tried_against_many_user_names_pauses_the_address(client, owner, settings):
    settings.SIGN_IN_USER_NAMES_PER_ADDRESS = 4
    for name in ["ann", "bob", "cat", "dan"]:
        response = client.post(reverse("login"), {"username": name, "password": "Summer2026!"})
        assert response.status_code == 200
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 429
    assert "many different user names" in response.content.decode()
    other = client.post(reverse("login"), {"username": "owner", "password": PASSWORD}, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302
