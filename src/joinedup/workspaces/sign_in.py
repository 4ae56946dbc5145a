from datetime import timedelta

from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joinedup.design_system.error_messages import SpecificErrors


class SignInForm(SpecificErrors, AuthenticationForm):
    """Django's sign-in form with labels in plain words. Invited users' user
    names are their e-mail addresses, so either works."""

    required_messages = {"username": _("Enter your user name or e-mail address"), "password": _("Enter your password")}

    username = forms.CharField(
        label=_("User name or e-mail address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Enter a correct user name (or e-mail address) and password. "
        "Passwords are case-sensitive."),
    }


def too_many_user_names(request):
    """True when wrong passwords for many different user names have come from
    this address within the cool-off time: one password tried against many
    accounts. Axes pauses one user name from one address after five wrong
    passwords; this pauses the address, at a higher count, so that a shared
    office connection is not paused by a few people's typing."""
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    names = (
        AccessAttempt.objects.filter(ip_address=get_client_ip_address(request), attempt_time__gte=since)
        .values("username").distinct().count()
    )
    return names >= settings.SIGN_IN_USER_NAMES_PER_ADDRESS


class SignInView(LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if too_many_user_names(request):
            return render(request, "registration/locked_out.html", {"by_address": True}, status=429)
        return super().post(request, *args, **kwargs)
