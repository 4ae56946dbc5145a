"""The pages people answer surveys on. No account, no session, no IP address:
the link's token (or the short code typed at /s/) is the only key.

These views are exempt from CSRF checks on purpose: the secret token in the
address is what authorises a submission, and a forged cross-site request
would need it too. Their language is the invitation batch's, or the one
chosen with the language link."""

import functools

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from . import code_attempts, respond
from .instruments import instrument as instrument_of
from .invitations import looks_like_code, normalise_code
from .respondent_presenter import error_summary, language_for, question_rows, unusable_text


def _language(request, default="en-gb"):
    return language_for(request.GET.get("lang"), default)


def _render(request, template, context, language, status=200):
    with translation.override(language):
        context = {**context, "language": language, "other_language": "en-gb" if language == "cy" else "cy"}
        return render(request, template, context, status=status)


@functools.cache
def _thanks_address(script_prefix, language):
    # Worked out once per prefix and language: every submission ends here, and
    # reverse() (and redirect()'s trying to reverse a path) cost more than a
    # quarter of a submission's Python.
    return reverse("respond:thanks") + f"?lang={language}"


def _unusable(request, kind, language):
    title, body = unusable_text(kind)
    status = {"unknown": 404, "too_big": 413, "not_open": 403, "too_many": 429}.get(kind, 410)
    return _render(request, "surveys/respond_unusable.html", {"title": title, "body": body}, language, status)


@csrf_exempt
@never_cache
def enter_code(request):
    """/s/: type the short code printed on a paper invitation."""
    language = _language(request)
    error = ""
    code = ""
    if request.method == "POST":
        if code_attempts.held_back(request):
            return _unusable(request, "too_many", language)
        code = request.POST.get("code", "")[:64]
        if not normalise_code(code):
            error = _("Enter the code from your invitation")
        else:
            try:
                respond.open_invitation(code)
            except respond.Unusable as problem:
                if problem.kind != "unknown":
                    return _unusable(request, problem.kind, language)
                code_attempts.count_wrong_code(request)
                error = _("Enter the code exactly as it is printed, like ABCD-EFGH-JKMN")
            else:
                return redirect(reverse("respond:answer", args=[normalise_code(code)]) + f"?lang={language}")
    return _render(request, "surveys/respond_code.html", {"error": error, "code": code}, language,
                   status=400 if error else 200)


@csrf_exempt
@never_cache
def answer(request, key):
    """/s/<token>/: the survey itself."""
    # Only a short code can be guessed: a link's token is 128 random bits, so
    # holding it back would protect nothing and would stop someone with their
    # own link at an address (a library, a care home) where others mistyped.
    if looks_like_code(key) and code_attempts.held_back(request):
        return _unusable(request, "too_many", _language(request))
    try:
        invitation = respond.open_invitation(key)
    except respond.Unusable as problem:
        if problem.kind == "unknown":
            code_attempts.count_wrong_code(request)
        return _unusable(request, problem.kind, _language(request, problem.language or "en-gb"))
    batch = invitation.batch
    language = _language(request, batch.language)
    if request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > respond.MAX_POST_BYTES:
        return _unusable(request, "too_big", language)
    with translation.override(language):
        survey, fixed = respond.survey_for(batch)
        questions = respond.asked_questions(survey, fixed)
        draft_key = request.COOKIES.get(respond.DRAFT_COOKIE) or None  # a deleted cookie comes back empty
        errors, values = {}, respond.load_draft(invitation, draft_key)
        if request.method == "POST":
            values = respond.raw_answers(survey, request.POST)
            if request.POST.get("action") == "save":
                return _saved(request, key, invitation, values, draft_key, language, survey)
            try:
                outcome = respond.send(invitation, values, draft_key, ready=(survey, fixed))
            except respond.Unusable as problem:
                return _unusable(request, problem.kind, language)
            if outcome.sent:
                # HttpResponseRedirect checks and quotes an address given by a
                # caller; this one is ours, and every submission ends here.
                response = HttpResponse(status=302, headers={"Location": _thanks_address(
                    get_script_prefix(), language)})
                if respond.DRAFT_COOKIE in request.COOKIES:
                    response.delete_cookie(respond.DRAFT_COOKIE, path=request.path)
                return response
            errors = outcome.errors
        rows = question_rows(questions, values, errors, survey.grouped_by_partner)
        context = {
            "survey": survey,
            "easy_read": bool(instrument_of(batch.instrument_code).easy_read_of),
            "questions": rows,
            "errors": error_summary(rows),
            "key": key,
        }
    return _render(request, "surveys/respond.html", context, language, status=400 if errors else 200)


def _saved(request, key, invitation, values, draft_key, language, survey):
    draft_key = respond.save_draft(invitation, values, draft_key, survey)
    response = _render(request, "surveys/respond_saved.html", {"key": key}, language)
    response.set_cookie(
        respond.DRAFT_COOKIE, draft_key, max_age=respond.DRAFT_DAYS * 24 * 3600, path=request.path,
        httponly=True, samesite="Lax", secure=request.is_secure(),
    )
    return response


@never_cache
def thanks(request):
    return _render(request, "surveys/respond_thanks.html", {}, _language(request))
