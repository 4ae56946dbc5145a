"""Journeys: respondents answer every survey with the keyboard only, in
English, Welsh and easy read, and with JavaScript off; links that cannot be
used and wrong codes get pages that say why. axe-core checks every page.

Given a partnership of three organisations with two outcomes and an open wave
of every survey, all made by its manager through the pages (only the manager's
account is made beforehand), and invitation links made on the wave's page,
when a respondent opens their link and answers,
then their answers are stored as they gave them, in their language and survey.
Each test makes its partnership and wave once and walks several respondents
through them. A reader sees the demo's results at the end."""

import re

import pytest
from playwright.sync_api import expect

from joinedup.partnerships.models import Outcome
from joinedup.surveys.models import Response

from ..conftest import make_user
from .conftest import screenshot
from .journeys import (
    add_member,
    add_organisation,
    add_outcome,
    add_partnership,
    close_survey_wave,
    create_workspace,
    make_invitation_links,
    open_survey_wave,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSPITALS, COUNCIL, LATER_LIFE = "Northshire Hospitals", "Northshire Council", "Later Life Northshire"
SURVEYS = {
    "health_check": "Partnership health check",
    "culture": "Culture check: how each partner decides and communicates",
    "staff_pulse": "Staff pulse",
    "service_user": "Your experience of services",
}
OUTCOMES = ["I only have to tell my story once.", "I get home from hospital quickly."]


def given_an_open_wave_of_every_survey(page, live_server, axe):
    """The manager makes the partnership, its members and outcomes, and opens a
    wave of every survey asked of every group. Ends on the wave's page."""
    make_user("manager")  # an account is made by an administrator; all else through the pages
    sign_in(page, live_server, "manager", axe)
    create_workspace(page, axe, "Northshire", "northshire")
    for name, sector in [(HOSPITALS, "NHS acute"), (COUNCIL, "Council adult social care"),
                         (LATER_LIFE, "Voluntary and community")]:
        add_organisation(page, axe, name, sector)
    add_partnership(page, axe, "Home First", "People go home from hospital well.",
                    "Joint or lead commissioning", "2022-04-01")
    for name in (HOSPITALS, COUNCIL, LATER_LIFE):
        add_member(page, axe, name)
    for statement in OUTCOMES:
        add_outcome(page, axe, statement)
    open_survey_wave(page, axe, "Spring 2026", SURVEYS.values(),
                     [HOSPITALS, COUNCIL, LATER_LIFE, "Service users", "Carers"], "2026-03-01")
    return page.url


def links_for(page, axe, group="Service users", instrument="service_user", **options):
    """One link's address and printed code, made on the wave's page."""
    return make_invitation_links(page, axe, group, SURVEYS[instrument], **options)[0]


def answers_sent_since(before):
    """The one response stored since ``before`` (the stored responses' ids then)."""
    return Response.stored.exclude(pk__in=before).get()


def stored_ids():
    return set(Response.stored.values_list("pk", flat=True))


ACTIVE = """() => { const e = document.activeElement;
  return {tag: e.tagName, type: e.type || '', value: e.value || '', id: e.id || ''}; }"""


def answer_with_keyboard(page, text="It would help if the teams shared one record", radio_key="Space"):
    """Tab through the form: ``radio_key`` in each radio group (Space picks
    the first answer, ArrowDown the second), Space on each checkbox, type into
    boxes, and press Enter on "Send my answers". No clicks."""
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(ACTIVE)
        if focused["tag"] == "BUTTON" and focused["value"] == "send":
            page.keyboard.press("Enter")
            return
        if focused["type"] == "radio":
            page.keyboard.press(radio_key)
        elif focused["type"] == "checkbox":
            page.keyboard.press("Space")
        elif focused["tag"] == "TEXTAREA":
            page.keyboard.type(text)
        elif focused["tag"] == "INPUT" and focused["type"] == "text":
            page.keyboard.type("3")
    raise AssertionError("Never reached the send button by keyboard")


KEYBOARD_CASES = [
    ("health_check", "Service users"), ("culture", COUNCIL),
    ("staff_pulse", HOSPITALS), ("service_user", "Service users"),
]


def test_each_survey_can_be_answered_with_the_keyboard_only(page, live_server, axe):
    given_an_open_wave_of_every_survey(page, live_server, axe)
    links = {case: links_for(page, axe, group=case[1], instrument=case[0]) for case in KEYBOARD_CASES}
    for (instrument, _group), (url, _code) in links.items():
        before = stored_ids()
        page.goto(url)
        axe.check(page)
        answer_with_keyboard(page)
        expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
        axe.check(page)
        stored = answers_sent_since(before)
        assert stored.instrument == instrument and len(stored.answers) >= 3
        if instrument == "culture":
            assert stored.respondent_group == COUNCIL


def test_easy_read_and_welsh_surveys_can_be_answered_with_the_keyboard_only(page, live_server, axe):
    given_an_open_wave_of_every_survey(page, live_server, axe)
    cases = [  # language, easy read, the thanks, the language as the link form names it
        ("en-gb", True, "Thank you", "English"), ("cy", False, "Diolch", "Cymraeg (Welsh)"),
        ("cy", True, "Diolch", "Cymraeg (Welsh)"),
    ]
    links = [links_for(page, axe, language=named, easy_read=easy_read) for _, easy_read, _, named in cases]
    outcomes = sorted(str(pk) for pk in Outcome.objects.filter(statement__in=OUTCOMES).values_list("pk", flat=True))
    assert len(outcomes) == 2
    for (language, easy_read, thanks, _), (url, _code) in zip(cases, links, strict=True):
        before = stored_ids()
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        axe.check(page)
        # Arrow keys move within each radio group and choose the second answer.
        answer_with_keyboard(page, text="Help for carers", radio_key="ArrowDown")
        expect(page.get_by_role("heading", name=thanks)).to_be_visible()
        assert page.locator("html").get_attribute("lang") == language
        axe.check(page)
        stored = answers_sent_since(before)
        assert stored.instrument == ("service_user_easy_read" if easy_read else "service_user")
        assert stored.language == language
        answers = stored.answers
        assert answers["passed_between"] == "no" and answers["services_talk"] == "no"
        assert answers["told_story"] == ("1" if easy_read else 3)  # easy read: Never, then Once
        assert answers["missing"] == answers["what_matters"] == "Help for carers"
        assert sorted(answers["outcomes"]) == outcomes


def test_links_that_cannot_be_used_get_pages_that_pass_axe(page, live_server, axe):
    wave_url = given_an_open_wave_of_every_survey(page, live_server, axe)
    used, too_big, closed = make_invitation_links(page, axe, "Service users", SURVEYS["service_user"], count=3)
    cases = [  # the link, what is wrong with it, the heading that says so; closing the wave comes last
        (f"{live_server.url}/s/not-a-real-link/", None, "unknown", "This link or code does not work"),
        (used[0], used[1], "used", "These answers have already been sent"),
        (too_big[0], too_big[1], "too_big", "Your answers are too long to send"),
        (closed[0], closed[1], "closed", "This survey has closed"),
    ]
    for url, code, kind, heading in cases:
        if kind == "used":
            page.goto(url)
            axe.check(page)
            page.get_by_role("button", name="Send my answers").press("Enter")
            expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
            axe.check(page)
        elif kind == "closed":
            page.goto(wave_url)
            close_survey_wave(page, axe)
        before = stored_ids()
        page.goto(url)
        if kind == "too_big":
            axe.check(page)
            page.locator("#q-missing").fill("x" * 70_000)
            page.get_by_role("button", name="Send my answers").press("Enter")
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        axe.check(page)
        screenshot(page, f"survey-unusable-{kind}")
        if kind in ("used", "closed"):
            # The printed short code for the same invitation leads to the same page.
            page.goto(f"{live_server.url}/s/")
            page.get_by_label("Enter your survey code").fill(code)
            page.get_by_role("button", name="Continue").press("Enter")
            expect(page.get_by_role("heading", name=heading)).to_be_visible()
            axe.check(page)
        assert stored_ids() == before  # nothing more is stored from a link that cannot be used
    assert Response.stored.count() == 1  # only the used link's answers


@pytest.mark.parametrize("language, entered, message", [
    ("en-gb", "", "Enter the code from your invitation"),
    ("en-gb", "ABCD-EFGH-JKMN", "Enter the code exactly as it is printed, like ABCD-EFGH-JKMN"),
    ("cy", "", "Rhowch y cod o'ch gwahoddiad"),
], ids=["blank", "wrong", "Welsh blank"])
def test_the_short_code_page_errors_pass_axe(page, live_server, axe, language, entered, message):
    """The code page needs nothing made: anyone may open it."""
    page.goto(f"{live_server.url}/s/?lang={language}")
    box = page.locator("#code")
    box.fill(entered)
    box.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem" if language == "en-gb" else "Mae problem wedi codi")
    expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(page.locator("#code-error")).to_contain_text(message)
    assert page.title().startswith("Error:" if language == "en-gb" else "Gwall:")
    assert "code-error" in box.get_attribute("aria-describedby")
    axe.check(page)
    screenshot(page, f"survey-code-error-{language}-{'blank' if not entered else 'wrong'}")
    summary.get_by_role("link", name=message).press("Enter")
    expect(box).to_be_focused()


def test_errors_drafts_welsh_easy_read_and_codes_pass_axe(page, live_server, axe):
    given_an_open_wave_of_every_survey(page, live_server, axe)
    (url, _), (welsh, _), (easy, _), (_, code) = [
        links_for(page, axe), links_for(page, axe, language="Cymraeg (Welsh)"),
        links_for(page, axe, easy_read=True), links_for(page, axe),
    ]
    page.goto(url)
    page.get_by_label("In the last year, how many times").fill("lots")
    page.get_by_role("button", name="Send my answers").press("Enter")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.title().startswith("Error:")
    axe.check(page)
    screenshot(page, "survey-error")
    page.get_by_label("In the last year, how many times").fill("2")
    page.get_by_role("button", name="Save and come back later").press("Enter")
    expect(page.get_by_role("heading", name="Your answers are saved")).to_be_visible()
    axe.check(page)
    page.goto(url)
    assert page.get_by_label("In the last year, how many times").input_value() == "2"
    axe.check(page)

    page.goto(welsh)
    assert page.locator("html").get_attribute("lang") == "cy"
    # GOV.UK Frontend's character count, written by its script, speaks Welsh too.
    expect(page.locator(".govuk-character-count__status").first).to_contain_text("nod ar ôl")
    box = page.locator("textarea").first
    box.fill("x" * 2001)
    expect(page.locator(".govuk-character-count__status").first).to_contain_text("Mae gennych 1 nod yn ormod")
    box.fill("")
    axe.check(page)
    screenshot(page, "survey-welsh")
    page.get_by_role("link", name="English").press("Enter")
    expect(page.get_by_role("heading", name="Your experience of services")).to_be_visible()
    axe.check(page)

    page.goto(easy)
    expect(page.get_by_role("heading", name="Tell us about your help")).to_be_visible()
    axe.check(page)
    screenshot(page, "survey-easy-read")

    page.goto(f"{live_server.url}/s/")
    axe.check(page)
    page.get_by_label("Enter your survey code").fill(code.lower())
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your experience of services")).to_be_visible()
    axe.check(page)
    screenshot(page, "survey-service-user")
    page.goto(f"{live_server.url}/s/not-a-real-link/")
    expect(page.get_by_role("heading", name="This link or code does not work")).to_be_visible()
    axe.check(page)


def answer_without_javascript(page, text="Help for carers"):
    """Pick the first answer of each radio group and checkbox list, fill the
    boxes and send: plain HTML form controls, no script."""
    seen = set()
    for choice in page.locator("input[type=radio], input[type=checkbox]").all():
        name = choice.get_attribute("name")
        if name not in seen:
            seen.add(name)
            choice.check()
    for box in page.locator("textarea").all():
        box.fill(text)
    for box in page.locator("input[type=text][inputmode=numeric]").all():
        box.fill("2")
    page.get_by_role("button", name="Send my answers").click()
    return seen


NO_SCRIPT_CASES = [  # survey, group, easy read, the group stored
    # A mixed batch asks which organisation: the first listed is picked.
    ("health_check", "Service users", False, LATER_LIFE),
    ("culture", COUNCIL, False, COUNCIL),
    ("staff_pulse", LATER_LIFE, False, LATER_LIFE),
    ("service_user", "Carers", False, "Carers"),
    ("service_user", "Service users", True, "Service users"),
]


def test_every_survey_can_be_answered_and_sent_with_javascript_off(page, browser, live_server, axe):
    """The links are made in the manager's browser (axe-core checks those pages);
    respondents answer on a phone-sized browser with JavaScript off."""
    given_an_open_wave_of_every_survey(page, live_server, axe)
    links = [links_for(page, axe, group=group, instrument=instrument, easy_read=easy_read)[0]
             for instrument, group, easy_read, _ in NO_SCRIPT_CASES]
    plain = links_for(page, axe)[0]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    context.set_default_timeout(30_000)
    phone = context.new_page()
    try:
        for (instrument, _group, easy_read, stored_group), url in zip(NO_SCRIPT_CASES, links, strict=True):
            before = stored_ids()
            phone.goto(url)
            # GOV.UK Frontend's script has not run: no character count is live.
            expect(phone.locator("body")).not_to_have_class(re.compile("govuk-frontend-supported"))
            chosen = answer_without_javascript(phone)
            expect(phone.get_by_role("heading", name="Thank you")).to_be_visible()
            stored = answers_sent_since(before)
            assert stored.instrument == ("service_user_easy_read" if easy_read else instrument)
            assert stored.respondent_group == stored_group
            assert chosen and chosen <= set(stored.answers)
            assert all(value == "Help for carers" for key, value in stored.answers.items()
                       if key in ("improve", "misunderstood", "obstacle", "what_matters", "missing", "working_change"))

        # One answer at a time, as someone on a phone without script would.
        before = stored_ids()
        phone.goto(plain)
        phone.get_by_label("In the last year, how many times").fill("1")
        phone.locator("#q-services_talk-0").check()
        phone.get_by_label(OUTCOMES[0]).check()
        phone.locator("#q-missing").fill("Help for carers")
        screenshot(phone, "survey-phone-no-javascript")
        phone.get_by_role("button", name="Send my answers").click()
        expect(phone.get_by_role("heading", name="Thank you")).to_be_visible()
        assert answers_sent_since(before).answers["services_talk"] == "yes"
    finally:
        context.close()


def test_a_reader_sees_the_demo_results_and_they_pass_axe(page, live_server, axe):
    from joinedup.demo.loader import ensure_demo_user, load_demo
    from joinedup.surveys.models import Wave

    page.set_default_timeout(60_000)
    workspace, _ = load_demo()
    _, password = ensure_demo_user(workspace)
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("User name or e-mail address").fill("demo")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    bcf_wave = Wave.objects.get(partnership__name="Better Care Fund pooled budget", name="Spring 2026")
    # Each survey's results are in parts: the gaps in the summary, the clashes in "How partners see each other".
    for instrument, part, heading in [
        ("health_check", "summary", "Perspective gaps: where groups see things differently"),
        ("culture", "culture", "Culture clashes: how an organisation sees itself and how partners see it"),
    ]:
        page.goto(f"{live_server.url}/w/northshire/voice/waves/{bcf_wave.pk}/results/"
                  f"?instrument={instrument}&section={part}")
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        axe.check(page)
        screenshot(page, f"survey-results-{instrument}")
    page.goto(f"{live_server.url}/w/northshire/partnerships/{bcf_wave.partnership.pk}/voice/")
    axe.check(page)
    page.goto(f"{live_server.url}/w/northshire/voice/waves/{bcf_wave.pk}/")
    axe.check(page)
