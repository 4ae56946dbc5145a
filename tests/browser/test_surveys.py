"""Respondents answer every survey with the keyboard only, in English, Welsh
and easy read, and with JavaScript off; axe-core checks every respondent
page. A reader sees the demo's results."""

import pytest
from playwright.sync_api import expect

from joinedup.surveys.models import Response

from ..surveys.conftest import make_links, members, outcomes, wave  # noqa: F401 (fixtures)
from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

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


@pytest.mark.parametrize("instrument, group", [
    ("health_check", "Service users"), ("culture", "Northshire Council"),
    ("staff_pulse", "Northshire Hospitals"), ("service_user", "Service users"),
])
def test_each_survey_can_be_answered_with_the_keyboard_only(page, live_server, axe, wave, instrument, group):  # noqa: F811 (fixture)
    page.set_default_timeout(30_000)
    link = make_links(wave, group=group, instrument=instrument)[0]
    page.goto(f"{live_server.url}/s/{link.token}/")
    axe.check(page)
    answer_with_keyboard(page)
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    axe.check(page)
    stored = Response.stored.get()
    assert stored.instrument == instrument and len(stored.answers) >= 3
    if instrument == "culture":
        assert stored.respondent_group == "Northshire Council"


@pytest.mark.parametrize("language, easy_read, thanks", [
    ("en-gb", True, "Thank you"), ("cy", False, "Diolch"), ("cy", True, "Diolch"),
], ids=["easy read", "Welsh", "Welsh easy read"])
def test_easy_read_and_welsh_surveys_can_be_answered_with_the_keyboard_only(
    page, live_server, axe, wave, outcomes, language, easy_read, thanks,  # noqa: F811 (fixture)
):
    link = make_links(wave, language=language, easy_read=easy_read)[0]
    page.goto(f"{live_server.url}/s/{link.token}/")
    assert page.locator("html").get_attribute("lang") == language
    axe.check(page)
    # Arrow keys move within each radio group and choose the second answer.
    answer_with_keyboard(page, text="Help for carers", radio_key="ArrowDown")
    expect(page.get_by_role("heading", name=thanks)).to_be_visible()
    assert page.locator("html").get_attribute("lang") == language
    axe.check(page)
    stored = Response.stored.get()
    assert stored.instrument == ("service_user_easy_read" if easy_read else "service_user")
    assert stored.language == language
    answers = stored.answers
    assert answers["passed_between"] == "no" and answers["services_talk"] == "no"
    assert answers["told_story"] == ("1" if easy_read else 3)  # easy read: Never, then Once
    assert answers["missing"] == answers["what_matters"] == "Help for carers"
    assert sorted(answers["outcomes"]) == sorted(str(o.pk) for o in outcomes)


@pytest.mark.parametrize("kind, heading", [
    ("unknown", "This link or code does not work"),
    ("used", "These answers have already been sent"),
    ("closed", "This survey has closed"),
    ("too_big", "Your answers are too long to send"),
])
def test_links_that_cannot_be_used_get_pages_that_pass_axe(page, live_server, axe, wave, kind, heading):  # noqa: F811 (fixture)
    link = make_links(wave)[0]
    url = f"{live_server.url}/s/{link.token}/"
    if kind == "unknown":
        url = f"{live_server.url}/s/not-a-real-link/"
    elif kind == "used":
        page.goto(url)
        page.get_by_role("button", name="Send my answers").press("Enter")
        expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    elif kind == "closed":
        wave.status = "closed"
        wave.save()
    page.goto(url)
    if kind == "too_big":
        page.locator("#q-missing").fill("x" * 70_000)
        page.get_by_role("button", name="Send my answers").press("Enter")
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    axe.check(page)
    screenshot(page, f"survey-unusable-{kind}")
    if kind in ("used", "closed"):
        # The printed short code for the same invitation leads to the same page.
        page.goto(f"{live_server.url}/s/")
        page.get_by_label("Enter your survey code").fill(link.printed_code)
        page.get_by_role("button", name="Continue").press("Enter")
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        axe.check(page)
    if kind != "used":
        assert Response.stored.count() == 0


@pytest.mark.parametrize("language, entered, message", [
    ("en-gb", "", "Enter the code from your invitation"),
    ("en-gb", "ABCD-EFGH-JKMN", "Enter the code exactly as it is printed, like ABCD-EFGH-JKMN"),
    ("cy", "", "Rhowch y cod o'ch gwahoddiad"),
], ids=["blank", "wrong", "Welsh blank"])
def test_the_short_code_page_errors_pass_axe(page, live_server, axe, wave, language, entered, message):  # noqa: F811 (fixture)
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


def test_errors_drafts_welsh_easy_read_and_codes_pass_axe(page, live_server, axe, wave):  # noqa: F811 (fixture)
    page.set_default_timeout(30_000)
    link = make_links(wave)[0]
    page.goto(f"{live_server.url}/s/{link.token}/")
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
    page.goto(f"{live_server.url}/s/{link.token}/")
    assert page.get_by_label("In the last year, how many times").input_value() == "2"

    welsh = make_links(wave, language="cy")[0]
    page.goto(f"{live_server.url}/s/{welsh.token}/")
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

    easy = make_links(wave, easy_read=True)[0]
    page.goto(f"{live_server.url}/s/{easy.token}/")
    expect(page.get_by_role("heading", name="Tell us about your help")).to_be_visible()
    axe.check(page)
    screenshot(page, "survey-easy-read")

    code = make_links(wave)[0]
    page.goto(f"{live_server.url}/s/")
    axe.check(page)
    page.get_by_label("Enter your survey code").fill(code.printed_code.lower())
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


@pytest.mark.parametrize("instrument, group, easy_read, stored_group", [
    # A mixed batch asks which organisation: the first listed is picked.
    ("health_check", "Service users", False, "Later Life Northshire"),
    ("culture", "Northshire Council", False, "Northshire Council"),
    ("staff_pulse", "Later Life Northshire", False, "Later Life Northshire"),
    ("service_user", "Carers", False, "Carers"),
    ("service_user", "Service users", True, "Service users"),
], ids=["health check", "culture check", "staff pulse", "service user", "easy read"])
def test_every_survey_can_be_answered_and_sent_with_javascript_off(
    browser, live_server, wave, instrument, group, easy_read, stored_group,  # noqa: F811 (fixture)
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        link = make_links(wave, group=group, instrument=instrument, easy_read=easy_read)[0]
        page.goto(f"{live_server.url}/s/{link.token}/")
        # GOV.UK Frontend's script has not run: no character count is live.
        expect(page.locator("body")).not_to_have_class("govuk-frontend-supported")
        chosen = answer_without_javascript(page)
        expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
        stored = Response.stored.get()
        assert stored.instrument == ("service_user_easy_read" if easy_read else instrument)
        assert stored.respondent_group == stored_group
        assert chosen and chosen <= set(stored.answers)
        assert all(value == "Help for carers" for key, value in stored.answers.items()
                   if key in ("improve", "misunderstood", "obstacle", "what_matters", "missing", "working_change"))
    finally:
        context.close()


def test_a_survey_works_with_javascript_off(browser, live_server, wave):  # noqa: F811 (fixture)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        link = make_links(wave)[0]
        page.goto(f"{live_server.url}/s/{link.token}/")
        page.get_by_label("In the last year, how many times").fill("1")
        page.locator("#q-services_talk-0").check()
        page.get_by_label("I only have to tell my story once.").check()
        page.locator("#q-missing").fill("Help for carers")
        screenshot(page, "survey-phone-no-javascript")
        page.get_by_role("button", name="Send my answers").click()
        expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
        assert Response.stored.get().answers["services_talk"] == "yes"
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
