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


def answer_with_keyboard(page, text="It would help if the teams shared one record"):
    """Tab through the form: Space on each radio group and checkbox, type into
    boxes, and press Enter on "Send my answers". No clicks."""
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(ACTIVE)
        if focused["tag"] == "BUTTON" and focused["value"] == "send":
            page.keyboard.press("Enter")
            return
        if focused["type"] in ("radio", "checkbox"):
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
    stored = Response.objects.get()
    assert stored.instrument == instrument and len(stored.answers) >= 3
    if instrument == "culture":
        assert stored.respondent_group == "Northshire Council"


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
        assert Response.objects.get().answers["services_talk"] == "yes"
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
    for instrument, heading in [("health_check", "Perspective gaps: where groups see things differently"),
                                ("culture", "Culture clashes: how an organisation sees itself and how partners see it")]:
        page.goto(f"{live_server.url}/w/northshire/voice/waves/{bcf_wave.pk}/results/?instrument={instrument}")
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        axe.check(page)
        screenshot(page, f"survey-results-{instrument}")
    page.goto(f"{live_server.url}/w/northshire/partnerships/{bcf_wave.partnership.pk}/voice/")
    axe.check(page)
    page.goto(f"{live_server.url}/w/northshire/voice/waves/{bcf_wave.pk}/")
    axe.check(page)
