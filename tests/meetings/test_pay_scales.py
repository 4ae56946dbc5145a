import hashlib
import re
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest

from joinedup.meetings.pay_scales import (
    SCALE_AFC,
    SCALE_NJC,
    OnCosts,
    PayBand,
    PayFigureMissing,
    agenda_for_change_bands,
    annual_employer_cost,
    default_pay_band,
    default_pay_bands,
    hourly_cost,
    missing_pay_figures,
    njc_spine_bands,
)

DATA = files("joinedup.meetings").joinpath("data")


def test_it_ships_the_csv_files_unchanged_from_the_checksums_in_sources():
    sources = DATA.joinpath("SOURCES.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"\| `([\w.-]+\.csv)` \| `([0-9a-f]{64})` \|", sources))
    assert set(listed) == {
        "agenda_for_change_2026-27.csv",
        "njc_pay_spine_2025-26.csv",
        "on_costs.csv",
        "working_hours.csv",
        "nhs_scotland_agenda_for_change_2026-27.csv",
        "nhs_scotland_on_costs.csv",
        "nhs_wales_agenda_for_change_2026-27.csv",
        "nhs_wales_on_costs.csv",
        "hsc_ni_agenda_for_change_2025-26.csv",
        "hsc_ni_on_costs.csv",
    }
    for name, checksum in listed.items():
        assert hashlib.sha256(DATA.joinpath(name).read_bytes()).hexdigest() == checksum, name


def test_it_does_not_ship_the_non_commercial_unit_costs():
    names = [entry.name for entry in DATA.iterdir()]
    assert not [name for name in names if "unit_costs" in name]


def test_it_has_every_agenda_for_change_band():
    bands = agenda_for_change_bands()
    assert [band.code for band in bands] == [
        "AFC-1", "AFC-2", "AFC-3", "AFC-4", "AFC-5", "AFC-6", "AFC-7",
        "AFC-8A", "AFC-8B", "AFC-8C", "AFC-8D", "AFC-9",
    ]  # fmt: skip
    assert {band.scale for band in bands} == {SCALE_AFC}
    assert {band.annual_working_hours for band in bands} == {Decimal("1955.4")}


def test_it_has_only_the_njc_points_the_data_hold():
    bands = njc_spine_bands()
    assert [band.code for band in bands] == [f"NJC-SCP-{point}" for point in range(2, 14)]
    assert {band.scale for band in bands} == {SCALE_NJC}
    # 37 hours a week x 52.143 weeks
    assert {band.annual_working_hours for band in bands} == {Decimal("1929.291")}
    assert default_pay_bands() == agenda_for_change_bands() + njc_spine_bands()


def test_it_takes_a_bands_range_and_midpoint_from_its_pay_points():
    band = default_pay_band("AFC-5")
    assert band.name == "Agenda for Change band 5"
    # entry £32,073, intermediate £34,592, top £39,043
    assert band.annual_salary_min == Decimal("32073")
    assert band.annual_salary_max == Decimal("39043")
    assert band.midpoint == Decimal("35558")  # (32,073 + 39,043) / 2
    assert "NHSE_PAY_2627" in band.source
    assert "HMRC_TIIN_2024" in band.source


def test_it_keeps_a_half_pound_midpoint_exact():
    # band 4: (28,392 + 31,157) / 2 = 29,774.5
    assert default_pay_band("AFC-4").midpoint == Decimal("29774.5")


def test_it_loads_the_on_costs_for_each_scale():
    nhs = default_pay_band("AFC-7").on_costs
    assert nhs.employer_ni_rate == Decimal("0.15")
    assert nhs.employer_ni_threshold == Decimal("5000")
    assert nhs.pension_rate == Decimal("0.2378")  # 23.7% + 0.08% levy
    council = default_pay_band("NJC-SCP-7").on_costs
    assert council.pension_rate == Decimal("0.198")  # LGPS average primary rate
    assert council.year == "2025-26"


def test_it_costs_an_afc_band_5_hour():
    # mid-point              35,558
    # NI  0.15 x (35,558 - 5,000) = 0.15 x 30,558 =  4,583.70
    # pension 0.2378 x 35,558                     =  8,455.6924
    # employer cost per year                      = 48,597.3924
    # / 1,955.4 hours = 24.85292... -> £24.85
    band = default_pay_band("AFC-5")
    assert annual_employer_cost(band.midpoint, band.on_costs) == Decimal("48597.3924")
    assert hourly_cost(band) == Decimal("24.85")
    # 13,039.3924 / 35,558 = 0.366707...
    assert band.on_cost_rate == Decimal("0.3667")


def test_it_costs_an_afc_band_4_hour_with_a_half_pound_midpoint():
    # 29,774.5 + 0.15 x 24,774.5 (3,716.175) + 0.2378 x 29,774.5 (7,080.3761)
    # = 40,571.0511 / 1,955.4 = 20.74821... -> £20.75
    assert hourly_cost(default_pay_band("AFC-4")) == Decimal("20.75")


def test_it_costs_an_afc_band_8d_hour():
    # 101,585 + 0.15 x 96,585 (14,487.75) + 0.2378 x 101,585 (24,156.913)
    # = 140,229.663 / 1,955.4 = 71.71405... -> £71.71
    assert hourly_cost(default_pay_band("afc-8d")) == Decimal("71.71")


def test_it_costs_an_njc_point_7_hour():
    # 26,403 + 0.15 x 21,403 (3,210.45) + 0.198 x 26,403 (5,227.794)
    # = 34,841.244 / (37 x 52.143 = 1,929.291) = 18.05909... -> £18.06
    assert hourly_cost(default_pay_band("NJC-SCP-7")) == Decimal("18.06")


def _band(midpoint: str, hours: str, on_costs: OnCosts) -> PayBand:
    salary = Decimal(midpoint)
    return PayBand("X", "test", "test", salary, salary, salary, on_costs, Decimal(hours), "test")


NO_ON_COSTS = OnCosts("2026-27", Decimal(0), Decimal(5000), Decimal(0), "none", "test")


def test_it_rounds_half_a_penny_up_only_at_the_end():
    # 10,005 / 1,000 = 10.005 exactly: half up gives 10.01 (banker's rounding would give 10.00)
    assert hourly_cost(_band("10005", "1000", NO_ON_COSTS)) == Decimal("10.01")
    # 10,004.99 / 1,000 = 10.00499 -> 10.00
    assert hourly_cost(_band("10004.99", "1000", NO_ON_COSTS)) == Decimal("10.00")


def test_it_charges_no_ni_below_the_threshold():
    on_costs = OnCosts("2026-27", Decimal("0.15"), Decimal(5000), Decimal(0), "none", "test")
    assert on_costs.annual_amount(Decimal(4000)) == Decimal(0)
    # 0.15 x (6,000 - 5,000) = 150
    assert on_costs.annual_amount(Decimal(6000)) == Decimal("150.00")


def test_it_says_an_njc_point_above_13_is_missing_rather_than_guessing():
    with pytest.raises(PayFigureMissing, match="spinal point 20.*up to point 13"):
        default_pay_band("NJC-SCP-20")


def test_it_says_an_unknown_band_is_not_in_the_default_scale():
    with pytest.raises(PayFigureMissing, match="'Band 10' is not a band of the default pay scale"):
        default_pay_band("Band 10")


def test_it_lists_the_missing_figures_the_user_must_enter():
    missing = missing_pay_figures()
    assert missing[0].what == "NJC spinal column points 14–43 (2025/26)"
    assert "LGA" in missing[0].advice
    assert any("2026/27" in figure.what for figure in missing)
    assert any("LGPS" in figure.what for figure in missing)


def test_the_costing_guide_shows_the_default_scale_as_the_code_computes_it():
    guide = (Path(__file__).parents[2] / "docs" / "costing.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ((?:AFC|NJC)-[\w-]+) \|.*\| £([\d.]+) \|$", guide, re.MULTILINE)
    assert dict(rows) == {band.code: str(hourly_cost(band)) for band in default_pay_bands()}
