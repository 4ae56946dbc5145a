"""The language a person reads the pages in (docs/translation.md).

The switch at the top of every page (templates/_language_select.html) leads
to `choose_language`. The choice is remembered twice: in the language cookie,
for everyone, and, for someone signed in, on their account, so that signing
in on another device brings it back. The account's choice wins over the
cookie while signed in; after signing out the cookie keeps the pages in the
language last used.

Nobody is switched to Welsh without choosing it, not even in a workspace in
Wales: there the pages offer Welsh prominently instead (`offers_welsh`)."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .models import LanguagePreference, Nation

SESSION_KEY = "joinedup_language"
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
WELSH = "cy"


def remember_on_account(user, language):
    LanguagePreference.objects.update_or_create(user=user, defaults={"language": language})


def account_language(user):
    preference = LanguagePreference.objects.filter(user=user).values_list("language", flat=True).first()
    return preference if preference in LANGUAGE_CODES else None


def recipient_language(email):
    """The language of an e-mail to `email`: the one the person chose on their account
    here, if there is an account with that address and a choice; else the sender's (the
    language active now). A workspace has no language of its own to fall back on."""
    chosen = (LanguagePreference.objects.filter(user__email__iexact=email)
              .order_by("-chosen_at").values_list("language", flat=True).first())
    return chosen if chosen in LANGUAGE_CODES else translation.get_language()


def set_language_cookie(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language,
        max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN, secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def has_chosen(request):
    """Whether this person has chosen a language: on their account (copied
    into the session at sign-in) or in the cookie."""
    session = getattr(request, "session", {})
    return bool(session.get(SESSION_KEY) or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))


def offers_welsh(request, workspace):
    """A workspace in Wales offers Welsh to someone who has not chosen a
    language yet, who reads the page in English."""
    return bool(
        workspace is not None and Nation.WALES in workspace.nation_list
        and translation.get_language() != WELSH and not has_chosen(request))


@never_cache
@require_safe
def choose_language(request):
    """The switch's links: /language/?lang=cy&next=/the/page/ (a link, as in
    the GOV.UK pattern, so it works without JavaScript or a form). `next` is
    followed only when it is on this host."""
    language = request.GET.get("lang", "")
    if language not in LANGUAGE_CODES:
        return HttpResponseBadRequest("Unknown language")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = reverse("workspaces:list")
    if request.user.is_authenticated:
        remember_on_account(request.user, language)
        request.session[SESSION_KEY] = language
    response = HttpResponseRedirect(next_url)
    set_language_cookie(response, language)
    return response


@receiver(user_logged_in, dispatch_uid="joinedup-account-language")
def bring_back_account_language(sender, request, user, **kwargs):
    """At sign-in, the account's language into the session (read on every
    request without a query by AccountLanguage)."""
    if request is None:
        return
    language = account_language(user)
    if language:
        request.session[SESSION_KEY] = language


class AccountLanguage:
    """After LocaleMiddleware and authentication: a signed-in person's own
    choice wins over the cookie (another person's choice on a shared
    computer), and the cookie is brought into line with it, so that the
    sign-in page after signing out is in the same language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = None
        if request.user.is_authenticated:
            language = request.session.get(SESSION_KEY)
        if language in LANGUAGE_CODES:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language in LANGUAGE_CODES and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            set_language_cookie(response, language)
        return response
