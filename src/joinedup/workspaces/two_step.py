"""Optional two-step sign-in: a code from an authenticator app (TOTP, with
django-otp) after the password. Anyone may turn it on; owners, who can
invite and remove people, are asked to. Once on, a session signed in by
password alone reaches nothing but the code page and sign-out until the
code is given. django-otp slows repeated wrong codes down (doubling waits)."""

from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from joinedup.design_system.error_messages import SpecificErrors


class CodeForm(SpecificErrors, forms.Form):
    required_messages = {"code": _("Enter the 6-number code from your authenticator app")}
    code = forms.CharField(
        label=_("Code from your authenticator app"), max_length=6, min_length=6,
        help_text=_("6 numbers. A new code shows every 30 seconds."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "class": "govuk-input--width-5"}),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("The code is 6 numbers, like 123456"))
        return code


def _wrong(form):
    form.add_error("code", _("That code is not right, or was already used. Wait for the next code and "
                           "try again; after several wrong codes you must wait longer between tries."))


@login_required
def settings_page(request):
    """Turn two-step sign-in on (scan, then confirm with a code) or off."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    form = CodeForm(request.POST or None)
    if confirmed is not None:
        if request.method == "POST" and form.is_valid():
            if confirmed.verify_token(form.cleaned_data["code"]):
                TOTPDevice.objects.filter(user=user).delete()
                messages.success(request, _("Two-step sign-in is off."))
                return redirect("workspaces:two_step")
            _wrong(form)
        return render(request, "workspaces/two_step_on.html", {"form": form})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Two-step sign-in is on. You will be asked for a code each time you sign in."))
            return redirect("workspaces:two_step")
        _wrong(form)
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, title=str(_("QR code for your authenticator app")))
    context = {
        "form": form,
        # segno draws it from the device's own otpauth: address; there is no user text in it.
        "qr": mark_safe(qr),  # noqa: S308
        "secret": " ".join(_groups(b32encode(device.bin_key).decode())),
    }
    return render(request, "workspaces/two_step_set_up.html", context)


def _groups(text, size=4):
    return [text[i:i + size] for i in range(0, len(text), size)]


@login_required
def enter_code(request):
    """The second step of signing in."""
    target = request.GET.get("next") or request.POST.get("next") or reverse("workspaces:list")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = reverse("workspaces:list")
    if request.user.is_verified() or not user_has_device(request.user):
        return redirect(target)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(target)
        _wrong(form)
    return render(request, "workspaces/two_step_code.html", {"form": form, "next": target},
                  status=400 if form.errors else 200)


class TwoStepRequired:
    """Until the code is given, a user with two-step sign-in on reaches only
    the code page, sign-out and static files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._open(request.path):
            if user_has_device(user):
                return redirect(f"{reverse('workspaces:two_step_code')}?next={request.path}")
        return self.get_response(request)

    @staticmethod
    def _open(path):
        from django.conf import settings

        return path in {reverse("workspaces:two_step_code"), reverse("logout")} or path.startswith(settings.STATIC_URL)
