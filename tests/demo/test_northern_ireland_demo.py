"""The third demo locality: Loughside, a fictional Northern Irish trust area."""

import csv
import hashlib
import re
from decimal import Decimal
from importlib.resources import files
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from joinedup.demo import northern_ireland
from joinedup.demo.loader import ensure_demo_user, load_demo
from joinedup.indicators.models import Area, Indicator, Measurement
from joinedup.meetings.ledger import partnership_ledger
from joinedup.meetings.models import Meeting, PayBand
from joinedup.meetings.pay_scales import SCALE_AFC_NI
from joinedup.meetings.presenters import MeetingPresenter
from joinedup.meetings.scales import rates_for
from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Agreement, Outcome, Partnership
from joinedup.review.models import Review
from joinedup.surveys.models import Response, Wave
from joinedup.workspaces.models import Workspace

CORPUS = Path(__file__).parents[1] / "data" / "public" / "indicators-dev"
DEMO_DATA = files("joinedup.demo").joinpath("data")


@pytest.fixture
def loughside(db):
    workspace, created = load_demo(locality_name="northern-ireland")
    assert created
    return workspace


def _counts(workspace):
    return (
        Organisation.objects.filter(workspace=workspace).count(),
        Person.objects.filter(workspace=workspace).count(),
        Partnership.objects.filter(workspace=workspace).count(),
        Outcome.objects.filter(partnership__workspace=workspace).count(),
        Agreement.objects.filter(partnership__workspace=workspace).count(),
        Meeting.objects.filter(partnership__workspace=workspace).count(),
        Measurement.objects.filter(indicator__partnership__workspace=workspace).count(),
        Wave.objects.filter(partnership__workspace=workspace).count(),
        Response.objects.filter(wave__partnership__workspace=workspace).count(),
    )


def _content(workspace):
    """What the seed decides: people's names and each meeting's attendance and decisions."""
    people = sorted(Person.objects.filter(workspace=workspace).values_list("name", "role_title"))
    meetings = [
        (m.title, m.starts_at, sorted((a.person.name, a.status) for a in m.attendances.all()),
         sorted(m.decisions.values_list("text", flat=True)))
        for m in Meeting.objects.filter(partnership__workspace=workspace).order_by("starts_at", "title")
        .prefetch_related("attendances__person")
    ]
    return people, meetings


def test_loughside_is_a_northern_irish_trust_area_with_its_partners(loughside):
    assert loughside.nation_list == ["northern_ireland"]
    assert _counts(loughside)[:5] == (6, 13, 3, 4, 1)
    sectors = dict(Organisation.objects.filter(workspace=loughside).values_list("name", "sector"))
    assert sectors["Loughside Health and Social Care Trust"] == "hsc_trust"
    assert sectors["Loughside Borough Council"] == "council_other"
    assert {"voluntary_community", "user_led"} <= set(sectors.values())
    bodies = dict(Partnership.objects.filter(workspace=loughside).values_list("name", "body"))
    assert bodies["Loughside Area Integrated Partnership Board"] == "ni_integrated_care_partnership"
    statements = Outcome.objects.filter(partnership__workspace=loughside).values_list("statement", flat=True)
    assert all(s.startswith(("I ", "When I ")) for s in statements)  # in the service user's words


def test_the_names_are_not_a_real_trust_or_council():
    real = {"Belfast", "Northern", "South Eastern", "Southern", "Western", "Antrim and Newtownabbey",
            "Ards and North Down", "Armagh City, Banbridge and Craigavon", "Causeway Coast and Glens",
            "Derry City and Strabane", "Fermanagh and Omagh", "Lisburn and Castlereagh", "Mid and East Antrim",
            "Mid Ulster", "Newry, Mourne and Down"}
    for _key, name, _sector, _code in northern_ireland.ORGANISATIONS:
        assert not any(name.startswith(place + " ") for place in real)


def test_loading_is_deterministic_idempotent_and_replace_rebuilds(loughside):
    counts, content = _counts(loughside), _content(loughside)
    again, created = load_demo(locality_name="northern-ireland")
    assert not created and again.pk == loughside.pk and _counts(again) == counts
    rebuilt, created = load_demo(locality_name="northern-ireland", replace=True)
    assert created and rebuilt.pk != loughside.pk
    assert Workspace.objects.filter(slug="loughside").count() == 1
    assert _counts(rebuilt) == counts and _content(rebuilt) == content


def test_its_meetings_are_costed_on_hsc_agenda_for_change_and_one_huddle_by_hand(loughside):
    assert set(PayBand.objects.filter(workspace=loughside).values_list("scale", flat=True)) == {SCALE_AFC_NI}
    # HSC band 8a £41.45 and band 5 £23.94 an hour (tests/meetings/test_nation_pay.py works both out).
    assert PayBand.objects.get(workspace=loughside, code="AfC 8a").hourly_cost == Decimal("41.45")
    assert PayBand.objects.get(workspace=loughside, code="AfC 5").hourly_cost == Decimal("23.94")
    huddle = Meeting.objects.filter(partnership__workspace=loughside, title="Multidisciplinary team huddle") \
        .order_by("starts_at").first()
    bands = sorted(a.person.pay_band for a in huddle.attendances.select_related("person"))
    assert bands == ["AfC 5", "AfC 5", "AfC 8a", "AfC 8a"]
    assert (huddle.length_minutes, huddle.preparation_minutes, huddle.travel_minutes) == (60, 15, 0)
    # 75 minutes each: 8a £41.45 × 75 ÷ 60 = £51.8125 → £51.81; band 5 £23.94 × 75 ÷ 60 = £29.925 → £29.93;
    # 2 × £51.81 + 2 × £29.93 = £163.48.
    assert MeetingPresenter(huddle, rates_for(loughside)).cost.total == Decimal("163.48")
    team = Partnership.objects.get(workspace=loughside, name=northern_ireland.MDT.name)
    ledger = partnership_ledger(loughside, team)
    assert ledger.meetings[0].cost == Decimal("163.48")
    assert ledger.totals.meetings > 20 and ledger.totals.cost == Decimal("163.48") * ledger.totals.meetings


def test_every_partnership_is_reviewed_with_a_verdict(loughside):
    reviews = Review.objects.filter(partnership__workspace=loughside)
    assert reviews.count() == 3 and all(review.verdict for review in reviews)


def test_its_gp_figures_are_antrim_and_newtownabbeys_real_ones_labelled_so(loughside):
    own = Area.objects.get(workspace=loughside, is_own_area=True)
    assert (own.name, own.ons_code) == ("Loughside (figures from Antrim and Newtownabbey)", "N09000001")
    assert sorted(Area.objects.filter(workspace=loughside, is_own_area=False).values_list("ons_code", flat=True)) \
        == ["N09000004", "N09000007", "N09000008", "N09000009"]
    gps = Indicator.objects.get(partnership__workspace=loughside, name__startswith="GPs per 100,000")
    assert Measurement.objects.filter(indicator=gps).count() == 40  # 5 districts × 8 years, 2017 to 2024
    # Table 4.2a, 2017: Antrim and Newtownabbey, 79 GPs, 127,816 patients, 61.8 per 100,000.
    first = Measurement.objects.get(indicator=gps, area=own, period_label="2017")
    assert (first.value, first.numerator, first.denominator) == (Decimal("61.8"), 79, 127816)


def test_its_deprivation_figure_is_one_year_of_nimdm_said_to_be_context(loughside):
    deprivation = Indicator.objects.get(partnership__workspace=loughside, name__startswith="Small areas")
    assert "one year only" in deprivation.source
    values = Measurement.objects.filter(indicator=deprivation)
    assert set(values.values_list("period_label", flat=True)) == {"2017"}
    # 10 of Antrim and Newtownabbey's 72 super output areas rank 1 to 178 for health: 13.9%.
    own = values.get(area__is_own_area=True)
    assert (own.numerator, own.denominator, own.value) == (10, 72, Decimal("13.9"))


def test_it_has_survey_answers(loughside):
    assert Wave.objects.filter(partnership__workspace=loughside).count() == 2
    assert Response.objects.filter(wave__partnership__workspace=loughside).exists()


def test_its_pages_render(client, loughside):
    username, _password = ensure_demo_user(loughside)
    client.force_login(get_user_model().objects.get(username=username))
    board = Partnership.objects.get(workspace=loughside, body="ni_integrated_care_partnership")
    gps = Indicator.objects.get(partnership=board)
    huddle = Meeting.objects.filter(partnership__workspace=loughside, title__startswith="Multi").first()
    slug = loughside.slug
    pages = {
        "home": reverse("workspaces:home", args=[slug]),
        "portfolio": reverse("review:portfolio", args=[slug]),
        "indicator": reverse("indicators:indicator_detail", args=[slug, gps.pk]),
        "meeting": reverse("meetings:meeting_detail", args=[slug, huddle.partnership_id, huddle.pk]),
    }
    for partnership in Partnership.objects.filter(workspace=loughside):
        pages[partnership.name] = reverse("partnerships:detail", args=[slug, partnership.pk])
    # The deprivation indicator has one year: its page still renders.
    for indicator in Indicator.objects.filter(partnership__workspace=loughside).exclude(pk=gps.pk):
        pages[indicator.name] = reverse("indicators:indicator_detail", args=[slug, indicator.pk])
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
    ledger = client.get(reverse("meetings:ledger", args=[slug, board.pk])).content.decode()
    assert "pay scale for Northern Ireland" in ledger and SCALE_AFC_NI in ledger
    assert "Northern Ireland local government pay is not included in joinedup yet" in ledger
    indicator = client.get(pages["indicator"]).content.decode()
    assert "Loughside (figures from Antrim and Newtownabbey)" in indicator


def test_loaddemo_takes_northern_ireland_and_the_default_stays_northshire(db):
    out = StringIO()
    call_command("loaddemo", "--locality", "northern-ireland", stdout=out)
    assert "Loaded Loughside (demo, Northern Ireland)" in out.getvalue()
    call_command("loaddemo", "--locality", "northern-ireland", stdout=out)
    assert "Already present: Loughside (demo, Northern Ireland)" in out.getvalue()
    assert list(Workspace.objects.values_list("slug", flat=True)) == ["loughside"]


def test_the_demo_extracts_are_the_corpus_files_figures():
    """The package's extracts (demo/data/SOURCES.md) hold the public files' figures unchanged."""
    workbook = openpyxl.load_workbook(
        CORPUS / "bso-ni_gms-annual-statistics-annex_ni-lcg-lgd-federation_2023-24.xlsx", read_only=True)
    expected, year = [], None
    for row in workbook["4.2"].iter_rows(values_only=True):
        first = row[0]
        if isinstance(first, str) and (found := re.match(r"Table 4\.2[a-z]: .* (\d{4})$", first.strip())):
            year = found.group(1)
        elif year and isinstance(first, str) and isinstance(row[1], int) and first != "Northern Ireland":
            expected.append([year, first, str(row[1]), str(row[2]), str(row[3])])
    gps = list(csv.reader(DEMO_DATA.joinpath(northern_ireland.GPS_FILE).read_text(encoding="utf-8").splitlines()))
    assert gps[1:] == expected and len(expected) == 88
    with open(CORPUS / "nisra_nimdm-2017-soa-indicators_ni-lgd-soa_2017.csv", encoding="utf-8") as source:
        columns = ["LGD2014code", "LGD2014name", "SOA2001", "MDM_rank", "D3_Health_rank"]
        expected = [[row[c] for c in columns] for row in csv.DictReader(source)]
    ranks = DEMO_DATA.joinpath(northern_ireland.DEPRIVATION_FILE).read_text(encoding="utf-8")
    assert list(csv.reader(ranks.splitlines())) == [columns, *expected] and len(expected) == 890
    sums = {name: hashlib.sha256(DEMO_DATA.joinpath(name).read_bytes()).hexdigest()
            for name in (northern_ireland.GPS_FILE, northern_ireland.DEPRIVATION_FILE)}
    sources = DEMO_DATA.joinpath("SOURCES.md").read_text(encoding="utf-8")
    assert all(digest in sources for digest in sums.values())
