from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView


class SignInForm(AuthenticationForm):
    """Django's sign-in form with labels in plain words. Invited users' user
    names are their e-mail addresses, so either works."""

    username = forms.CharField(
        label="User name or e-mail address",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct user name (or e-mail address) and password. "
        "Passwords are case-sensitive.",
    }


class SignInView(LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True
