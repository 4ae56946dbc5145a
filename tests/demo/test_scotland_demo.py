"""The second demo locality: Glenmore, a fictional Scottish health and social care partnership."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from joinedup.demo import scotland
from joinedup.demo.loader import load_demo
from joinedup.indicators.models import Area, Indicator, Measurement
from joinedup.meetings.ledger import partnership_ledger
from joinedup.meetings.models import PayBand
from joinedup.meetings.pay_scales import SCALE_AFC_SCOTLAND
from joinedup.organisations.models import Organisation
from joinedup.partnerships.models import Partnership
from joinedup.surveys.models import Response, Wave
from joinedup.workspaces.models import Workspace


@pytest.fixture
def glenmore(db):
    workspace, created = load_demo(locality_name="scotland")
    assert created
    return workspace


def test_glenmore_is_a_scottish_partnership_with_its_ijb_health_board_and_council(glenmore):
    assert glenmore.nation_list == ["scotland"]
    bodies = dict(Partnership.objects.filter(workspace=glenmore).values_list("name", "body"))
    assert bodies == {"Glenmore Integration Joint Board": "integration_joint_board",
                      "Glenmore Health and Social Care Partnership: care at home": "health_and_social_care_partnership"}
    names = set(Organisation.objects.filter(workspace=glenmore).values_list("name", flat=True))
    assert {"NHS Glenmore", "Glenmore Council Social Work Services", "Glenmore Integration Joint Board"} <= names


def test_its_meetings_are_costed_on_scottish_pay_and_the_demo_users_marked_council_grades(glenmore):
    scales = set(PayBand.objects.filter(workspace=glenmore).values_list("scale", flat=True))
    assert scales == {SCALE_AFC_SCOTLAND, scotland.DEMO_SCALE}
    assert "not official" in scotland.DEMO_SCALE
    demo_band = PayBand.objects.get(workspace=glenmore, code="GC 11")
    assert demo_band.source.startswith("Demo figure entered by a fictional user")
    # 46,000 + 0.15 × 41,000 (6,150) + 0.175 × 46,000 (8,050) = 60,200 ÷ 1,929.291 = 31.2027… → £31.20
    assert demo_band.hourly_cost == Decimal("31.20")
    # NHS Scotland band 8a, shipped: £49.20 (tests/meetings/test_nation_pay.py).
    assert PayBand.objects.get(workspace=glenmore, code="AfC 8a").hourly_cost == Decimal("49.20")
    group = Partnership.objects.get(workspace=glenmore, name__endswith="care at home")
    ledger = partnership_ledger(glenmore, group)
    assert ledger.totals.meetings > 20 and ledger.totals.cost > 0


def test_its_indicator_is_dumfries_and_galloways_real_care_at_home_labelled_so(glenmore):
    own = Area.objects.get(workspace=glenmore, is_own_area=True)
    assert (own.name, own.ons_code) == ("Glenmore (figures from Dumfries and Galloway)", "S12000006")
    assert sorted(Area.objects.filter(workspace=glenmore, is_own_area=False).values_list("ons_code", flat=True)) == [
        "S12000017", "S12000020", "S12000026", "S12000035"]
    indicator = Indicator.objects.get(partnership__workspace=glenmore)
    assert Measurement.objects.filter(indicator=indicator).count() == 125  # 5 areas × 25 quarters
    # Line 9 of the file: "S12000006","Dumfries and Galloway","Q1 2018",16.4
    first = Measurement.objects.get(indicator=indicator, area=own, period_label="2018 Q1")
    assert first.value == Decimal("16.4")


def test_it_has_survey_answers(glenmore):
    assert Wave.objects.filter(partnership__workspace=glenmore).count() == 2
    assert Response.objects.filter(wave__partnership__workspace=glenmore).exists()


def test_the_ledger_page_says_scottish_pay_and_what_is_missing(client, glenmore):
    from django.contrib.auth import get_user_model

    from joinedup.demo.loader import ensure_demo_user

    username, _password = ensure_demo_user(glenmore)
    client.force_login(get_user_model().objects.get(username=username))
    board = Partnership.objects.get(workspace=glenmore, body="integration_joint_board")
    page = client.get(reverse("meetings:ledger", args=[glenmore.slug, board.pk])).content.decode()
    assert "pay scale for Scotland" in page and SCALE_AFC_SCOTLAND in page and scotland.DEMO_SCALE in page
    assert "Scottish Joint Council (SJC) local government pay scale is not included" in page


def test_loaddemo_takes_a_locality_and_the_default_stays_northshire(db):
    out = StringIO()
    call_command("loaddemo", "--locality", "scotland", stdout=out)
    assert "Loaded Glenmore (demo, Scotland)" in out.getvalue()
    assert list(Workspace.objects.values_list("slug", flat=True)) == ["glenmore"]
    call_command("loaddemo", stdout=out)
    assert "Loaded Northshire (demo)" in out.getvalue()
    assert sorted(Workspace.objects.values_list("slug", flat=True)) == ["glenmore", "northshire"]
