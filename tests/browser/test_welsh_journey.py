"""Journey: a partnership manager in Wales switches the service to Welsh with
the switch at the top of the page, creates a workspace and a partnership in
Welsh, signs out and in again and is still in Welsh, on another computer too.
Only the account is made beforehand; axe-core checks every page, with the
pages' and the switch's `lang` attributes.

Given a manager with an account and nothing else,
when they choose Cymraeg and walk workspace → partnership in Welsh,
then every page is in Welsh (lang="cy" and Welsh headings), and the choice
is remembered after signing out and on a fresh browser. Their indicator page (its
values imported from a public monthly file beforehand, as the import pages would)
reads in Welsh too: the statistics' sentences and the chart's months."""

import re

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD, make_user
from ..public_data import PUBLIC
from .conftest import follow, screenshot
from .journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTNERSHIP = "Bwrdd Partneriaeth Rhanbarthol Gorllewin Morgannwg"


def choose(page, axe, language):
    """The switch's link in the language's own words; it brings the same page back."""
    switch = page.get_by_role("navigation", name=re.compile("^(Language|Iaith)$"))
    before = page.url
    with page.expect_navigation():
        switch.get_by_role("link", name=language).click()
    assert page.url == before
    axe.check(page)


def in_welsh(page):
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    switch = page.get_by_role("navigation", name="Iaith")
    expect(switch.locator('[aria-current="true"]')).to_have_text("Cymraeg")
    expect(switch.get_by_role("link", name="English")).to_have_attribute("lang", "en-GB")


def fill_welsh_date(page, legend, day, month, year):
    group = page.get_by_role("group", name=re.compile(f"^{re.escape(legend)}"))
    group.get_by_label("Diwrnod").fill(day)
    group.get_by_label("Mis").fill(month)
    group.get_by_label("Blwyddyn").fill(year)


def save(page, axe, button):
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    axe.check(page)


def sign_in_in_welsh(page, live_server, axe):
    page.goto(f"{live_server.url}/sign-in/")
    in_welsh(page)
    expect(page.get_by_role("heading", name="Mewngofnodi i joinedup")).to_be_visible()
    axe.check(page)
    page.get_by_label("Enw defnyddiwr neu gyfeiriad e-bost").fill("manager")
    page.get_by_label("Cyfrinair").fill(PASSWORD)
    page.get_by_role("button", name="Mewngofnodi").click()
    expect(page.get_by_role("heading", name="Eich gofodau gwaith")).to_be_visible()
    in_welsh(page)
    axe.check(page)


def test_a_manager_works_in_welsh_and_the_choice_follows_them(page, browser, live_server, axe):
    make_user("manager")  # an administrator makes accounts; everything else through the pages
    sign_in(page, live_server, "manager", axe)
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")

    choose(page, axe, "Cymraeg")
    in_welsh(page)
    expect(page.get_by_role("heading", name="Eich gofodau gwaith")).to_be_visible()

    # A workspace in Wales.
    follow(page.get_by_role("link", name="Creu gofod gwaith"))
    expect(page.get_by_role("heading", name="Creu gofod gwaith")).to_be_visible()
    in_welsh(page)
    axe.check(page)
    page.get_by_label("Enw", exact=True).fill("Gorllewin Morgannwg")
    page.get_by_label("Enw byr ar gyfer cyfeiriadau gwe").fill("gorllewin-morgannwg")
    page.get_by_label("Cymru").check()
    page.get_by_label("Lloegr").uncheck()
    save(page, axe, "Creu gofod gwaith")
    expect(page.get_by_text("Crëwyd y gofod gwaith: Gorllewin Morgannwg")).to_be_visible()
    expect(page).to_have_title(re.compile("^Trosolwg – Gorllewin Morgannwg"))
    expect(page.get_by_text("Eich rôl yn y gofod gwaith hwn yw perchennog.", exact=False)).to_be_visible()
    in_welsh(page)

    # A partnership, through the Welsh form.
    follow(page.get_by_role("link", name="Ychwanegu partneriaeth"))
    in_welsh(page)
    axe.check(page)
    page.get_by_role("button", name="Cadw").click()
    expect(page.get_by_role("heading", name="Mae problem")).to_be_visible()
    expect(page.get_by_role("link", name="Rhowch enw'r bartneriaeth")).to_be_visible()
    axe.check(page)
    page.get_by_label("Enw", exact=True).fill(PARTNERSHIP)
    page.get_by_label("Pwrpas a gweledigaeth").fill("Pobl hŷn yn mynd adref o'r ysbyty yn dda.")
    page.get_by_label("Comisiynu ar y cyd neu gomisiynu arweiniol").check()
    page.get_by_label("Math o gorff").select_option(label="Bwrdd partneriaeth rhanbarthol")
    page.get_by_label("Gweithredol", exact=True).check()
    fill_welsh_date(page, "Dyddiad dechrau", "1", "4", "2016")
    save(page, axe, "Cadw")
    expect(page.get_by_role("heading", name=PARTNERSHIP, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Yn gryno")).to_be_visible()
    expect(page.get_by_text("Comisiynu ar y cyd neu gomisiynu arweiniol · Bwrdd partneriaeth rhanbarthol")).to_be_visible()
    in_welsh(page)

    # The list of partnerships names it, in Welsh around it.
    follow(page.get_by_role("navigation", name="Gofod gwaith").get_by_role("link", name="Partneriaethau", exact=True))
    expect(page.get_by_role("heading", name="Partneriaethau", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=PARTNERSHIP)).to_be_visible()
    in_welsh(page)
    axe.check(page)

    # An indicator with three years of monthly values (delayed transfers of care), imported
    # from the public file as the import pages do; its page is in Welsh, chart and all.
    welsh_indicator_page(page, axe)

    # Signed out, the sign-in page stays Welsh; signed in again, so does everything.
    with page.expect_navigation():
        page.get_by_role("button", name="Allgofnodi").click()
    sign_in_in_welsh(page, live_server, axe)

    # Another computer: no cookie, but the account remembers.
    other = browser.new_page()
    try:
        other.goto(f"{live_server.url}/sign-in/")
        expect(other.locator("html")).to_have_attribute("lang", "en-gb")
        other.get_by_label("User name or e-mail address").fill("manager")
        other.get_by_label("Password").fill(PASSWORD)
        other.get_by_role("button", name="Sign in").click()
        expect(other.get_by_role("heading", name="Eich gofodau gwaith")).to_be_visible()
        in_welsh(other)
        axe.check(other)

        # And back to English there, with the switch.
        choose(other, axe, "English")
        expect(other.get_by_role("heading", name="Your workspaces")).to_be_visible()
        expect(other.locator("html")).to_have_attribute("lang", "en-gb")
    finally:
        other.close()


def welsh_indicator_page(page, axe):
    from django.contrib.auth import get_user_model

    from joinedup.indicators import importing
    from joinedup.indicators.models import Indicator
    from joinedup.partnerships.models import Partnership

    partnership = Partnership.objects.get(name=PARTNERSHIP)
    indicator = Indicator.objects.create(partnership=partnership, name="Oedi wrth drosglwyddo gofal",
                                         unit="days", direction="lower", frequency="month")
    manager = get_user_model().objects.get(username="manager")
    path = PUBLIC / "trafford_dashboard_dtoc.csv"
    batch = importing.stage_upload(indicator, manager, path.name, path.read_bytes())
    importing.commit(batch, manager, {c.key: "own" if c.name == "Trafford" else "comparator"
                                      for c in importing.preview(batch).areas})

    follow(page.get_by_role("navigation", name="Gofod gwaith").get_by_role("link", name="Tystiolaeth", exact=True))
    follow(page.get_by_role("link", name=PARTNERSHIP))
    follow(page.get_by_role("link", name="Oedi wrth drosglwyddo gofal"))
    in_welsh(page)
    expect(page.get_by_role("heading", name="Beth mae’r ystadegau’n ei ddweud")).to_be_visible()
    spc = page.locator("#reading-spc")
    expect(spc).to_contain_text("Mae’r pwynt diweddaraf (")
    expect(spc).to_contain_text("Terfynau presennol y broses yw")
    expect(spc).not_to_contain_text("The latest point")
    # The chart's time axis (drawn on the server and by vega in the page) names months in Welsh.
    ticks = page.locator("#chart-series-fallback text").all_text_contents()
    assert any(re.fullmatch(r"(Ion|Ebr|Gor|Hyd) 20\d\d", t) for t in ticks), ticks
    assert not any(re.fullmatch(r"(Jan|Apr|Jul|Oct) 20\d\d", t) for t in ticks), ticks
    assert "Gorffennaf" in page.locator("#chart-series-spec").text_content()  # the spec vega draws in the page
    screenshot(page, "welsh-indicator")
    axe.check(page)
