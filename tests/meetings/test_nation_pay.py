"""Pay scales by nation: a workspace is costed on its own nation's pay, never
silently on England's; a nation without shipped figures says so and is costed
on the bands its users enter. Hourly costs worked out by hand in the comments."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from joinedup.meetings.ledger import partnership_ledger
from joinedup.meetings.models import PayBand
from joinedup.meetings.pay_scales import (
    SCALE_AFC_NI,
    SCALE_AFC_SCOTLAND,
    SCALE_AFC_WALES,
    SCALE_NJC,
    hourly_cost,
    hsc_ni_bands,
    missing_figures_for_nation,
    nhs_scotland_bands,
    nhs_wales_bands,
    pay_bands_for_nation,
)
from joinedup.meetings.scales import (
    missing_figures_for,
    nations_costed,
    pay_scale_for,
    rates_for,
    scale_used_note,
)

from .factories import at, attend, meeting, member, organisation, person

AS_OF = date(2026, 6, 1)


def nhs_scotland(code):
    return next(b for b in nhs_scotland_bands() if b.code == code)


def test_nhs_scotland_band_8a_by_hand():
    band = nhs_scotland("AFC-8A")
    # PCS(AFC)2026/1 Annex B: year 1 £65,125, year 6+ £70,303: mid-point £67,714.
    assert (band.annual_salary_min, band.annual_salary_max, band.midpoint) == (65125, 70303, 67714)
    # NI 0.15 × (67,714 − 5,000) = 9,407.10; pension 0.225 × 67,714 = 15,235.65;
    # 92,356.75 ÷ (36 × 52.143 = 1,877.148 hours) = 49.2005… → £49.20.
    assert band.annual_working_hours == Decimal("1877.148")
    assert hourly_cost(band) == Decimal("49.20")
    assert band.scale == SCALE_AFC_SCOTLAND


def test_nhs_scotland_band_5_by_hand():
    band = nhs_scotland("AFC-5")
    # £34,544 to £43,039: mid-point £38,791.5; NI 0.15 × 33,791.5 = 5,068.725;
    # pension 0.225 × 38,791.5 = 8,728.0875; 52,588.3125 ÷ 1,877.148 = 28.0150… → £28.02.
    assert band.midpoint == Decimal("38791.5")
    assert hourly_cost(band) == Decimal("28.02")


def test_nhs_scotland_has_bands_1_to_9():
    codes = [b.code for b in nhs_scotland_bands()]
    assert codes == ["AFC-1", "AFC-2", "AFC-3", "AFC-4", "AFC-5", "AFC-6", "AFC-7", "AFC-8A", "AFC-8B", "AFC-8C",
                     "AFC-8D", "AFC-9"]


def test_nhs_wales_band_8a_by_hand():
    band = next(b for b in nhs_wales_bands() if b.code == "AFC-8A")
    # AfC(W) 02/2026: entry £58,379, top £65,723: mid-point £62,051.
    assert (band.annual_salary_min, band.annual_salary_max, band.midpoint) == (58379, 65723, 62051)
    # NI 0.15 × 57,051 = 8,557.65; NHS Pension (England and Wales) 0.2378 × 62,051 = 14,755.7278;
    # 85,364.3778 ÷ 1,955.4 hours (NHS Employers' divisor for 37.5 hours) = 43.6557… → £43.66.
    assert band.annual_working_hours == Decimal("1955.4")
    assert hourly_cost(band) == Decimal("43.66") and band.scale == SCALE_AFC_WALES


def test_nhs_wales_band_2_sits_on_the_living_wage_floor():
    band = next(b for b in nhs_wales_bands() if b.code == "AFC-2")
    # Entry and top both £26,300; NI 0.15 × 21,300 = 3,195; pension 0.2378 × 26,300 = 6,254.14;
    # 35,749.14 ÷ 1,955.4 = 18.2822… → £18.28.
    assert band.midpoint == 26300 and hourly_cost(band) == Decimal("18.28")


def test_hsc_ni_band_8a_by_hand():
    band = next(b for b in hsc_ni_bands() if b.code == "AFC-8A")
    # HSC (AfC) 06/2025: entry £55,690, top £62,682: mid-point £59,186.
    assert band.midpoint == 59186 and band.scale == SCALE_AFC_NI
    # NI 0.15 × 54,186 = 8,127.90; HSC Pension 0.232 × 59,186 = 13,731.152;
    # 81,045.052 ÷ 1,955.4 = 41.4467… → £41.45.
    assert hourly_cost(band) == Decimal("41.45")


def test_hsc_ni_band_5_by_hand():
    band = next(b for b in hsc_ni_bands() if b.code == "AFC-5")
    # £31,049 to £37,796: mid-point £34,422.5; NI 0.15 × 29,422.5 = 4,413.375;
    # pension 0.232 × 34,422.5 = 7,986.02; 46,821.895 ÷ 1,955.4 = 23.9449… → £23.94.
    assert band.midpoint == Decimal("34422.5") and hourly_cost(band) == Decimal("23.94")


def test_each_nation_ships_its_own_figures_and_says_what_it_lacks():
    assert {b.scale for b in pay_bands_for_nation("wales")} == {SCALE_AFC_WALES, SCALE_NJC}
    assert {b.scale for b in pay_bands_for_nation("northern_ireland")} == {SCALE_AFC_NI}
    assert {b.scale for b in pay_bands_for_nation("scotland")} == {SCALE_AFC_SCOTLAND}
    scottish = " ".join(str(m.what) for m in missing_figures_for_nation("scotland"))
    assert "Scottish Joint Council (SJC)" in scottish
    welsh = " ".join(str(m.what) for m in missing_figures_for_nation("wales"))
    assert "NJC spinal column points 14–43" in welsh and "LGPS" in welsh
    irish = " ".join(str(m.what) for m in missing_figures_for_nation("northern_ireland"))
    assert "HSC Agenda for Change 2026/27" in irish and "Northern Ireland local government pay" in irish


def test_a_scottish_workspace_is_seeded_with_nhs_scotland_pay(workspace):
    workspace.nations = "scotland"
    workspace.save()
    scale = pay_scale_for(workspace)
    bands = PayBand.objects.filter(workspace=workspace)
    assert {b.scale for b in bands} == {SCALE_AFC_SCOTLAND}
    assert bands.get(code="AfC 8a").hourly_cost == Decimal("49.20")
    assert scale.default_band.code == "AfC 8a" and scale.default_rate == Decimal("49.20")
    assert scale.seeded_from.startswith("Scotland.")
    assert rates_for(workspace).scales == (SCALE_AFC_SCOTLAND,)


def test_a_cross_border_workspace_is_seeded_with_each_nations_pay(workspace):
    workspace.nations = "scotland,england"  # stored in the order of Nation: England first
    workspace.save()
    scale = pay_scale_for(workspace)
    eighta = {b.nation: b.hourly_cost for b in PayBand.objects.filter(workspace=workspace, code="AfC 8a")}
    assert eighta == {"england": Decimal("43.01"), "scotland": Decimal("49.20")}
    assert scale.default_band.nation == "england" and scale.seeded_nations == "england,scotland"


def test_a_welsh_workspace_is_costed_on_nhs_wales_pay_not_englands(workspace, partnership):
    workspace.nations = "wales"
    workspace.save()
    scale = pay_scale_for(workspace)
    assert {b.scale for b in PayBand.objects.filter(workspace=workspace)} == {SCALE_AFC_WALES, SCALE_NJC}
    assert scale.default_rate == Decimal("43.66")
    nhs = organisation(workspace, "Bwrdd Iechyd")
    member(partnership, nhs)
    attend(meeting(partnership, at(2026, 5, 5, 10), minutes=90, prep=0, travel=0), person(workspace, "Ada", "AfC 8a", nhs))
    # 90 minutes × £43.66 ÷ 60 = £65.49
    assert partnership_ledger(workspace, partnership, as_of=AS_OF).totals.cost == Decimal("65.49")


def test_a_northern_irish_trust_is_costed_on_hsc_pay(workspace, partnership):
    workspace.nations = "northern_ireland"
    workspace.save()
    scale = pay_scale_for(workspace)
    assert {b.scale for b in PayBand.objects.filter(workspace=workspace)} == {SCALE_AFC_NI}
    assert scale.seeded_from.startswith("Northern Ireland.") and "HSC (AfC) 06/2025" in scale.seeded_from
    trust = organisation(workspace, "Western Health and Social Care Trust")
    member(partnership, trust)
    attend(meeting(partnership, at(2026, 5, 5, 10), minutes=90, prep=0, travel=0),
           person(workspace, "Siobhan", "AfC 8a", trust))
    # 90 minutes × £41.45 ÷ 60 = £62.175 → £62.18
    assert partnership_ledger(workspace, partnership, as_of=AS_OF).totals.cost == Decimal("62.18")


@pytest.fixture
def border(workspace, partnership):
    """An England and Wales workspace: a trust in England, a health board and a council in Wales."""
    workspace.nations = "england,wales"
    workspace.save()
    trust = organisation(workspace, "Border Hospital NHS Trust")  # no nation: the workspace's first, England
    board = organisation(workspace, "Bwrdd Iechyd Powys")
    board.nation = "wales"
    board.save()
    council = organisation(workspace, "Cyngor Powys", "council_adult_social_care")
    council.nation = "wales"
    council.save()
    for org in (trust, board, council):
        member(partnership, org)
    return trust, board, council


def test_a_cross_border_meeting_costs_each_person_at_their_employers_nations_pay(client, viewer, workspace,
                                                                                 partnership, border):
    trust, board, council = border
    board_meeting = meeting(partnership, at(2026, 5, 5, 10), minutes=90, prep=0, travel=0)
    attend(board_meeting, person(workspace, "Ann", "AfC 8a", trust))  # England: £43.01
    attend(board_meeting, person(workspace, "Bryn", "AfC 8a", board))  # NHS Wales: £43.66
    attend(board_meeting, person(workspace, "Cari", "", board))  # no band: Wales' default, AfC 8a £43.66
    attend(board_meeting, person(workspace, "Dai", "NJC SCP 7", council))  # NJC in Wales: £18.06
    ledger = partnership_ledger(workspace, partnership, as_of=AS_OF)
    # Ann 90 × 43.01 ÷ 60 = 64.515 → £64.52; Bryn and Cari 90 × 43.66 ÷ 60 = £65.49 each;
    # Dai 90 × 18.06 ÷ 60 = £27.09. Total 64.52 + 65.49 + 65.49 + 27.09 = £222.59.
    assert ledger.totals.cost == Decimal("222.59")
    shares = {name: row.cost for name, row in ledger.by_organisation}
    assert shares == {"Border Hospital NHS Trust": Decimal("64.52"), "Bwrdd Iechyd Powys": Decimal("130.98"),
                      "Cyngor Powys": Decimal("27.09")}
    assert ledger.defaulted_people == 1 and not ledger.missing_rate
    # The meeting's own page costs each line the same way.
    client.force_login(viewer)
    page = client.get(reverse("meetings:meeting_detail", args=[workspace.slug, partnership.pk, board_meeting.pk]))
    text = page.content.decode()
    assert "£222.59" in text and "£43.01" in text and "£43.66" in text and "£18.06" in text
    assert "Costed with the workspace&#x27;s pay scale for England, Wales" in text


def test_someone_in_a_nation_without_a_default_is_left_out_and_said_to_be(workspace, partnership, border):
    trust, board, _council = border
    pay_scale_for(workspace)
    PayBand.objects.filter(workspace=workspace, nation="wales", code="AfC 8a").delete()
    board_meeting = meeting(partnership, at(2026, 5, 5, 10), minutes=90, prep=0, travel=0)
    attend(board_meeting, person(workspace, "Ann", "AfC 8a", trust))
    attend(board_meeting, person(workspace, "Cari", "", board))  # Welsh, no band, and Wales has no AfC 8a now
    ledger = partnership_ledger(workspace, partnership, as_of=AS_OF)
    assert ledger.totals.cost == Decimal("64.52") and ledger.missing_rate


@pytest.fixture
def scottish_board(workspace, partnership):
    """A Scottish workspace whose council enters an SJC point itself."""
    workspace.nations = "scotland"
    workspace.save()
    council = organisation(workspace, "Glenmore Council", "council_adult_social_care")
    member(partnership, council)
    return council


def test_a_user_entered_band_costs_the_meeting_and_the_ledger_says_which_scale(
    client, editor, workspace, partnership, scottish_board
):
    client.force_login(editor)
    # The Pay scale page of a Scottish workspace says SJC pay is not included.
    page = client.get(reverse("meetings:payband_list", args=[workspace.slug])).content.decode()
    assert "Scottish Joint Council (SJC) local government pay scale is not included" in page
    assert "NJC" not in page.split('id="bands"')[1]
    response = client.post(reverse("meetings:payband_add", args=[workspace.slug]), {
        "code": "SJC 41", "name": "SJC spinal column point 41", "scale": "SJC 2026/27 (entered by us)",
        "annual_salary": "41000", "employer_ni_rate": "15", "employer_ni_threshold": "5000",
        "pension_rate": "17.5", "annual_working_hours": "1929.291",
        "source": "Glenmore Council payroll, April 2026",
    })
    assert response.status_code == 302
    band = PayBand.objects.get(workspace=workspace, code="SJC 41")
    # 41,000 + 0.15 × 36,000 (5,400) + 0.175 × 41,000 (7,175) = 53,575 ÷ 1,929.291 = 27.7692… → £27.77
    assert band.hourly_cost == Decimal("27.77") and band.source == "Glenmore Council payroll, April 2026"
    attend(meeting(partnership, at(2026, 5, 5, 10), minutes=60, prep=30, travel=0),
           person(workspace, "Morag", "SJC 41", scottish_board))
    # 90 minutes × £27.77 ÷ 60 = £41.655 → £41.66
    ledger = partnership_ledger(workspace, partnership, as_of=AS_OF)
    assert ledger.totals.cost == Decimal("41.66")
    page = client.get(reverse("meetings:ledger", args=[workspace.slug, partnership.pk])).content.decode()
    assert "Costed with the workspace&#x27;s pay scale for Scotland" in page
    assert "SJC 2026/27 (entered by us)" in page and SCALE_AFC_SCOTLAND in page
    form = client.get(reverse("meetings:meeting_add", args=[workspace.slug, partnership.pk])).content.decode()
    assert "Scottish Joint Council (SJC) local government pay scale is not included" in form


def test_a_workspace_moved_to_scotland_is_told_its_bands_are_still_englands(client, viewer, workspace):
    pay_scale_for(workspace)  # seeded in England
    workspace.nations = "scotland"
    workspace.save()
    client.force_login(viewer)
    page = client.get(reverse("meetings:payband_list", args=[workspace.slug])).content.decode()
    assert "It still has AfC 2026/27, NJC 2025/26 (provisional), which are not the pay of Scotland" in page


def test_a_default_hourly_cost_set_by_the_workspace_covers_every_nation(workspace, partnership, border):
    trust, board, _council = border
    scale = pay_scale_for(workspace)
    scale.default_hourly_cost = Decimal("30.00")
    scale.save()
    PayBand.objects.filter(workspace=workspace, nation="wales").delete()
    board_meeting = meeting(partnership, at(2026, 5, 5, 10), minutes=90, prep=0, travel=0)
    attend(board_meeting, person(workspace, "Ann", "AfC 8a", trust))  # England: £43.01 → £64.52
    attend(board_meeting, person(workspace, "Cari", "AfC 8a", board))  # no Welsh bands: the £30 default → £45.00
    ledger = partnership_ledger(workspace, partnership, as_of=AS_OF)
    assert ledger.totals.cost == Decimal("109.52") and ledger.defaulted_people == 1 and not ledger.missing_rate


def test_the_nations_costed_are_read_one_row_a_nation_not_one_an_organisation(workspace):
    """The cost ledger asks this three times a page: DISTINCT over the nations
    only, not over the organisations' names their default ordering adds."""
    for name, nation in [("Bwrdd Iechyd", "wales"), ("Cyngor", "wales"), ("Trust", "england"), ("Board", "scotland")]:
        o = organisation(workspace, name)
        o.nation = nation
        o.save()
    with CaptureQueriesContext(connection) as queries:
        assert nations_costed(workspace) == ["england", "scotland", "wales"]
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert "ORDER BY" not in sql and '"name"' not in sql


def test_the_ledger_page_reads_the_nations_costed_once_and_says_what_reading_them_again_says(
    client, viewer, workspace, partnership, border
):
    client.force_login(viewer)
    url = reverse("meetings:ledger", args=[workspace.slug, partnership.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    asked = [q for q in queries.captured_queries if 'SELECT DISTINCT "organisations_organisation"."nation"' in q["sql"]]
    assert len(asked) == 1
    rates = rates_for(workspace)
    assert rates.costed_nations == tuple(nations_costed(workspace)) == ("england", "wales")
    read_again = replace(rates, costed_nations=())
    assert scale_used_note(workspace, rates) == scale_used_note(workspace, read_again)
    assert missing_figures_for(workspace, rates.costed_nations) == missing_figures_for(workspace)
    assert "Costed with the workspace&#x27;s pay scale for England, Wales" in page
