"""Pay scales by nation: a workspace is costed on its own nation's pay, never
silently on England's; a nation without shipped figures says so and is costed
on the bands its users enter. Hourly costs worked out by hand in the comments."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from joinedup.meetings.ledger import partnership_ledger
from joinedup.meetings.models import PayBand
from joinedup.meetings.pay_scales import (
    SCALE_AFC_SCOTLAND,
    hourly_cost,
    missing_figures_for_nation,
    nhs_scotland_bands,
    pay_bands_for_nation,
)
from joinedup.meetings.scales import pay_scale_for, rates_for

from .factories import at, attend, meeting, member, organisation, person

AS_OF = date(2026, 6, 1)


def nhs_scotland(code):
    return next(b for b in nhs_scotland_bands() if b.code == code)


def test_nhs_scotland_band_8a_by_hand():
    band = nhs_scotland("AFC-8A")
    # Year 1 £65,032, year 2+ £70,202: mid-point £67,617.
    assert (band.annual_salary_min, band.annual_salary_max, band.midpoint) == (65032, 70202, 67617)
    # NI 0.15 × (67,617 − 5,000) = 9,392.55; pension 0.225 × 67,617 = 15,213.825;
    # 92,223.375 ÷ (36 × 52.143 = 1,877.148 hours) = 49.1295… → £49.13.
    assert band.annual_working_hours == Decimal("1877.148")
    assert hourly_cost(band) == Decimal("49.13")
    assert band.scale == SCALE_AFC_SCOTLAND


def test_nhs_scotland_band_5_by_hand():
    band = nhs_scotland("AFC-5")
    # £34,494 to £42,977: mid-point £38,735.5; NI 5,060.325; pension 8,715.4875;
    # 52,511.3125 ÷ 1,877.148 = 27.9739… → £27.97.
    assert band.midpoint == Decimal("38735.5")
    assert hourly_cost(band) == Decimal("27.97")


def test_nhs_scotland_has_bands_2_to_9_and_no_band_1():
    codes = [b.code for b in nhs_scotland_bands()]
    assert codes == ["AFC-2", "AFC-3", "AFC-4", "AFC-5", "AFC-6", "AFC-7", "AFC-8A", "AFC-8B", "AFC-8C",
                     "AFC-8D", "AFC-9"]


def test_only_england_and_scotland_ship_figures():
    assert pay_bands_for_nation("wales") == () and pay_bands_for_nation("northern_ireland") == ()
    assert {b.scale for b in pay_bands_for_nation("scotland")} == {SCALE_AFC_SCOTLAND}
    scottish = " ".join(str(m.what) for m in missing_figures_for_nation("scotland"))
    assert "Scottish Joint Council (SJC)" in scottish
    welsh = " ".join(str(m.what) for m in missing_figures_for_nation("wales"))
    assert "NHS Wales' Agenda for Change figures are not included" in welsh
    irish = " ".join(str(m.what) for m in missing_figures_for_nation("northern_ireland"))
    assert "Health and Social Care (Northern Ireland)" in irish


def test_a_scottish_workspace_is_seeded_with_nhs_scotland_pay(workspace):
    workspace.nations = "scotland"
    workspace.save()
    scale = pay_scale_for(workspace)
    bands = PayBand.objects.filter(workspace=workspace)
    assert {b.scale for b in bands} == {SCALE_AFC_SCOTLAND}
    assert bands.get(code="AfC 8a").hourly_cost == Decimal("49.13")
    assert scale.default_band.code == "AfC 8a" and scale.default_rate == Decimal("49.13")
    assert scale.seeded_from.startswith("Scotland.")
    assert rates_for(workspace).scales == (SCALE_AFC_SCOTLAND,)


def test_a_cross_border_workspace_takes_its_first_nations_pay(workspace):
    workspace.nations = "scotland,england"  # stored in the order of Nation: England first
    workspace.save()
    pay_scale_for(workspace)
    assert PayBand.objects.get(workspace=workspace, code="AfC 8a").hourly_cost == Decimal("43.01")


def test_a_welsh_workspace_gets_no_english_bands_and_costs_nobody_on_a_guess(workspace, partnership):
    workspace.nations = "wales"
    workspace.save()
    scale = pay_scale_for(workspace)
    assert not PayBand.objects.filter(workspace=workspace).exists()
    assert scale.default_rate is None
    nhs = organisation(workspace, "Bwrdd Iechyd")
    member(partnership, nhs)
    attend(meeting(partnership, at(2026, 5, 5, 10), minutes=60, prep=0, travel=0), person(workspace, "Ada", "AfC 8a", nhs))
    ledger = partnership_ledger(workspace, partnership, as_of=AS_OF)
    assert ledger.totals.cost == 0 and ledger.defaulted_people == 1 and ledger.missing_rate


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
