"""The default pay scale used to cost people's time in meetings.

A workspace starts with the national scales shipped in ``meetings/data/``
(copied unchanged from the compiled public data; see ``data/SOURCES.md``):

* **AfC 2026/27** — NHS Agenda for Change (England), bands 1–9, from
  1 April 2026.
* **NJC 2025/26 (provisional)** — the local government pay spine (England and
  Wales), spinal column points 2–13 only, from 1 April 2025. No 2026/27 award
  was agreed when the data were compiled, and points above 13 could not be
  read, so they are reported by :func:`missing_pay_figures` rather than
  guessed.

and, for the other nations (:func:`pay_bands_for_nation`), NHS Scotland's
Agenda for Change 2026/27, NHS Wales' Agenda for Change 2026/27 (with the NJC
spine) and HSC (Northern Ireland) Agenda for Change 2025/26, the latest
published. A person is costed with the bands of their employer's nation.

The hourly cost of a band is::

    (mid-point salary + employer National Insurance + employer pension)
    ÷ annual working hours

where employer NI is charged only on pay above the secondary threshold
(15% on pay above £5,000 a year in 2025/26 and 2026/27) and the employer
pension rate applies to the whole (pensionable) basic salary. Everything is
exact ``Decimal`` arithmetic; the only rounding is the final one to the penny
(half up). Nothing here touches Django or the database.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from importlib.resources import files

from django.utils.translation import gettext_lazy as _

SCALE_AFC = "AfC 2026/27"
SCALE_NJC = "NJC 2025/26 (provisional)"
SCALE_AFC_SCOTLAND = "NHS Scotland AfC 2026/27"
SCALE_AFC_WALES = "NHS Wales AfC 2026/27"
SCALE_AFC_NI = "HSC AfC 2025/26 (latest published)"

AFC_PAY_FILE = "agenda_for_change_2026-27.csv"
NJC_PAY_FILE = "njc_pay_spine_2025-26.csv"
ON_COSTS_FILE = "on_costs.csv"
WORKING_HOURS_FILE = "working_hours.csv"
SCOTLAND_AFC_PAY_FILE = "nhs_scotland_agenda_for_change_2026-27.csv"
SCOTLAND_ON_COSTS_FILE = "nhs_scotland_on_costs.csv"
WALES_AFC_PAY_FILE = "nhs_wales_agenda_for_change_2026-27.csv"
WALES_ON_COSTS_FILE = "nhs_wales_on_costs.csv"
NI_AFC_PAY_FILE = "hsc_ni_agenda_for_change_2025-26.csv"
NI_ON_COSTS_FILE = "hsc_ni_on_costs.csv"

# The nations of workspaces (workspaces.models.Nation codes).
ENGLAND, SCOTLAND, WALES, NORTHERN_IRELAND = "england", "scotland", "wales", "northern_ireland"

# 365 / 7 rounded to three places: the weeks-per-year figure behind the hourly
# rates that NHS Employers (37.5 h) and the NJC tables (37 h) print.
WEEKS_PER_YEAR = Decimal("52.143")
PENNY = Decimal("0.01")
PERCENT = Decimal(100)

_NJC_MISSING_POINTS = range(14, 44)


class PayFigureMissing(LookupError):
    """A pay figure the default scale does not have; the message says what to do."""


@dataclass(frozen=True)
class OnCosts:
    """Employer on-costs on top of basic pay, as exact decimal fractions.

    ``employer_ni_rate`` applies only to pay above ``employer_ni_threshold``
    (a yearly amount per employee); ``pension_rate`` applies to the whole
    basic salary. Apprenticeship levy, London weighting and overheads are
    not included.
    """

    year: str
    employer_ni_rate: Decimal
    employer_ni_threshold: Decimal
    pension_rate: Decimal
    pension_scheme: str
    source: str

    def annual_amount(self, salary: Decimal) -> Decimal:
        """Employer NI plus pension for a year at ``salary``, exact."""
        ni_pay = max(salary - self.employer_ni_threshold, Decimal(0))
        return self.employer_ni_rate * ni_pay + self.pension_rate * salary


@dataclass(frozen=True)
class PayBand:
    """One band (AfC) or spinal point (NJC) of a pay scale, full-time basis."""

    code: str
    name: str
    scale: str
    annual_salary_min: Decimal
    annual_salary_max: Decimal
    midpoint: Decimal
    on_costs: OnCosts
    annual_working_hours: Decimal
    source: str

    @property
    def on_cost_rate(self) -> Decimal:
        """On-costs as a fraction of the mid-point salary, to 4 places, for display.

        Because NI has a threshold, this effective rate differs from band to
        band; :func:`hourly_cost` uses the exact amounts, not this figure.
        """
        rate = self.on_costs.annual_amount(self.midpoint) / self.midpoint
        return rate.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class MissingPayFigure:
    """A figure the default scale lacks, and what the workspace should do."""

    scale: str
    what: str
    advice: str


def annual_employer_cost(salary: Decimal, on_costs: OnCosts) -> Decimal:
    """Salary plus employer on-costs for one year, exact (no rounding)."""
    return salary + on_costs.annual_amount(salary)


def hourly_cost(band: PayBand) -> Decimal:
    """The cost to the employer of one working hour of someone on ``band``.

    ``(mid-point × (1 + on-costs)) ÷ annual working hours``, with on-costs
    worked out exactly (NI only above its threshold). The division is done
    at 50 significant digits and the result rounded once, to the penny,
    half up: e.g. AfC band 5 is (35,558 + 4,583.70 + 8,455.6924) ÷ 1,955.4
    = 24.8529… → £24.85.
    """
    with localcontext() as context:
        context.prec = 50
        per_hour = annual_employer_cost(band.midpoint, band.on_costs) / band.annual_working_hours
    return per_hour.quantize(PENNY, rounding=ROUND_HALF_UP)


@functools.cache
def default_pay_bands() -> tuple[PayBand, ...]:
    """Every band of the default scale: AfC 2026/27, then NJC 2025/26 (SCP 2–13)."""
    return agenda_for_change_bands() + njc_spine_bands()


def default_pay_band(code: str) -> PayBand:
    """The default band with ``code`` (e.g. ``"AFC-8A"``, ``"NJC-SCP-7"``).

    Raises :class:`PayFigureMissing` for a band the data do not have, saying
    so plainly rather than estimating it.
    """
    wanted = code.strip().upper()
    for band in default_pay_bands():
        if band.code == wanted:
            return band
    if wanted.startswith("NJC-SCP-") and wanted[8:].isdigit():
        if int(wanted[8:]) in _NJC_MISSING_POINTS:
            raise PayFigureMissing(
                f"There is no default figure for NJC spinal point {int(wanted[8:])}: the "
                "published 2025/26 spine could only be read up to point 13. Enter the "
                "annual salary from the LGA pay agreement circular (or your council's "
                "pay policy) as a workspace pay band."
            )
    raise PayFigureMissing(
        f"'{code}' is not a band of the default pay scale (AfC 2026/27 bands "
        "AFC-1 to AFC-9, NJC 2025/26 points NJC-SCP-2 to NJC-SCP-13). Add it as a "
        "workspace pay band with its annual salary."
    )


# The NJC spine's gaps: the same in England and in Wales, whose councils share it.
_NJC_MISSING = (
        MissingPayFigure(
            SCALE_NJC,
            _("NJC spinal column points 14–43 (2025/26)"),
            _("Enter the salaries from the LGA's Local government services pay "
              "agreement 2025 or your council's pay policy."),
        ),
        MissingPayFigure(
            SCALE_NJC,
            _("Any NJC 2026/27 pay award"),
            _("None was agreed when the data were compiled; 2025/26 rates are used and "
              "marked provisional. Update the workspace bands once an award is agreed."),
        ),
        MissingPayFigure(
            SCALE_NJC,
            _("Your council's own LGPS employer rate"),
            _("The default uses the England and Wales average primary rate (19.8%); "
              "enter your pension fund's certified rate for your council."),
        ),
)


def missing_pay_figures() -> list[MissingPayFigure]:
    """Figures the default scale does not have; each must be entered by the user."""
    return [
        *_NJC_MISSING,
        MissingPayFigure(
            "",
            _("London weighting / high-cost-area supplements, chief officers (JNC), "
              "GP partners, police ranks"),
            _("No national default; enter local bands with their annual salaries."),
        ),
    ]


_MISSING_BY_NATION = {
    SCOTLAND: (
        MissingPayFigure(
            _("SJC"),
            _("The Scottish Joint Council (SJC) local government pay scale is not included in joinedup yet"),
            _("Enter the pay for each spinal column point your council's people are on, from your "
            "payroll or COSLA's SJC pay circular (https://www.cosla.gov.uk): the source you name is "
            "kept beside it."),
        ),
        MissingPayFigure(
            _("SJC"),
            _("Your council's Local Government Pension Scheme (Scotland) employer rate"),
            _("Enter your pension fund's certified rate for your council with each SJC point."),
        ),
        MissingPayFigure(
            "",
            _("Chief officers, GP partners and medical staff"),
            _("No national default; enter local bands with their annual salaries."),
        ),
    ),
    WALES: (
        *_NJC_MISSING,
        MissingPayFigure(
            "",
            _("Chief officers, GP partners and medical staff"),
            _("No national default; enter local bands with their annual salaries."),
        ),
    ),
    NORTHERN_IRELAND: (
        MissingPayFigure(
            _("HSC"),
            _("Any HSC Agenda for Change 2026/27 pay award"),
            _("None had been paid when the figures were compiled, so the 2025/26 rates of circular "
              "HSC (AfC) 06/2025 are used and marked as the latest published. Update the workspace "
              "bands from the Department of Health's circular (https://www.health-ni.gov.uk) once "
              "an award is paid."),
        ),
        MissingPayFigure(
            "",
            _("Northern Ireland local government pay is not included in joinedup yet"),
            _("Enter each point's salary from your council's pay policy, with your pension fund's "
            "employer rate."),
        ),
        MissingPayFigure(
            "",
            _("Chief officers, GP partners and medical staff"),
            _("No national default; enter local bands with their annual salaries."),
        ),
    ),
}


def agenda_for_change_bands() -> tuple[PayBand, ...]:
    """AfC 2026/27 bands 1–9, min and max from the entry and top pay points."""
    on_costs = _on_costs(
        "2026-27",
        pension_items=("nhs_pension_employer_rate", "nhs_pension_admin_levy"),
        pension_scheme="NHS Pension Scheme (employer rate plus administration levy)",
    )
    hours = _working_hours_item("afc_hours_per_year_used_for_hourly_rates", "hours_per_year")
    return tuple(
        _band(
            code=f"AFC-{band.upper()}",
            name=f"Agenda for Change band {band}",
            scale=SCALE_AFC,
            salaries=salaries,
            on_costs=on_costs,
            hours=hours,
            sources=sources,
        )
        for band, (salaries, sources) in _points_by_key(AFC_PAY_FILE, "band").items()
    )


def njc_spine_bands() -> tuple[PayBand, ...]:
    """NJC 2025/26 spinal column points 2–13, one band per point (min = max)."""
    on_costs = _on_costs(
        "2025-26",
        pension_items=("lgps_average_primary_rate",),
        pension_scheme="LGPS England and Wales average primary rate (council rates differ)",
    )
    weekly = _working_hours_item("njc_standard_full_time_week", "hours_per_week")
    hours = weekly * WEEKS_PER_YEAR
    return tuple(
        _band(
            code=f"NJC-SCP-{point}",
            name=f"NJC pay spine point {point}",
            scale=SCALE_NJC,
            salaries=salaries,
            on_costs=on_costs,
            hours=hours,
            sources=sources,
        )
        for point, (salaries, sources) in _points_by_key(NJC_PAY_FILE, "spinal_point").items()
    )


def _on_costs_with_own_pension(pension, scheme):
    """2026/27 on-costs: the UK's employer National Insurance, and the pension
    scheme's own employer rate (`pension`, a row of a nation's on-costs file)."""
    ni = _on_costs("2026-27", pension_items=(), pension_scheme="")
    return OnCosts(
        year="2026-27",
        employer_ni_rate=ni.employer_ni_rate,
        employer_ni_threshold=ni.employer_ni_threshold,
        pension_rate=Decimal(pension["value"]) / PERCENT,
        pension_scheme=scheme,
        source=f"{ni.source}, {pension['source_id']}",
    )


def nhs_scotland_bands() -> tuple[PayBand, ...]:
    """NHS Scotland Agenda for Change 2026/27, bands 1–9, from Annex B of
    PCS(AFC)2026/1 (NHS Scotland has its own award, pay points and a 36-hour
    week from 1 April 2026, and its own pension scheme run by SPPA)."""
    scottish = {row["item"]: row for row in _read_csv(SCOTLAND_ON_COSTS_FILE)}
    on_costs = _on_costs_with_own_pension(scottish["nhs_scotland_pension_employer_rate"],
                                          "NHS Pension Scheme (Scotland), employer rate")
    weekly = Decimal(scottish["afc_scotland_standard_full_time_week"]["value"])
    return tuple(
        _band(
            code=f"AFC-{band.upper()}",
            name=f"NHS Scotland Agenda for Change band {band}",
            scale=SCALE_AFC_SCOTLAND,
            salaries=salaries,
            on_costs=on_costs,
            hours=weekly * WEEKS_PER_YEAR,
            sources=sources,
        )
        for band, (salaries, sources) in _points_by_key(SCOTLAND_AFC_PAY_FILE, "band").items()
    )


def nhs_wales_bands() -> tuple[PayBand, ...]:
    """NHS Wales Agenda for Change 2026/27, bands 1–9, from pay letter
    AfC(W) 02/2026. Wales publishes its own table: 3.3% on AfC(W) 02/2025,
    except the points lifted to the Living Wage floor of AfC(W) 01/2026, so
    its figures are not England's. NHS Wales staff are in the NHS Pension
    Scheme (England and Wales), so the on-costs are England's."""
    on_costs = _on_costs(
        "2026-27",
        pension_items=("nhs_pension_employer_rate", "nhs_pension_admin_levy"),
        pension_scheme="NHS Pension Scheme (England and Wales; employer rate plus administration levy)",
    )
    weekly = _item_value(WALES_ON_COSTS_FILE, "afc_wales_standard_full_time_week")
    return _afc_bands(WALES_AFC_PAY_FILE, "NHS Wales Agenda for Change band", SCALE_AFC_WALES, on_costs,
                      _afc_hours(weekly))


def hsc_ni_bands() -> tuple[PayBand, ...]:
    """Health and Social Care (Northern Ireland) Agenda for Change, bands 1–9,
    from circular HSC (AfC) 06/2025: the 2025/26 rates, the latest Northern
    Ireland has published (no 2026/27 award had been paid when the figures
    were compiled). The HSC Pension Scheme has its own employer rate."""
    on_costs = _on_costs_with_own_pension(_item_row(NI_ON_COSTS_FILE, "hsc_pension_employer_rate"),
                                          "HSC Pension Scheme (Northern Ireland), employer rate")
    weekly = _item_value(NI_ON_COSTS_FILE, "afc_ni_standard_full_time_week")
    return _afc_bands(NI_AFC_PAY_FILE, "HSC Agenda for Change band", SCALE_AFC_NI, on_costs, _afc_hours(weekly))


def _afc_hours(weekly: Decimal) -> Decimal:
    """Full-time hours a year for an AfC week: the divisor NHS Employers uses for
    37.5 hours (1,955.4, which is 37.5 × 52.143 to one place, and fits the pay
    scale's three decimal places exactly), otherwise ``weekly`` × 52.143."""
    if weekly == _working_hours_item("afc_standard_full_time_week", "hours_per_week"):
        return _working_hours_item("afc_hours_per_year_used_for_hourly_rates", "hours_per_year")
    return weekly * WEEKS_PER_YEAR


def _afc_bands(filename, name, scale, on_costs, hours) -> tuple[PayBand, ...]:
    return tuple(
        _band(code=f"AFC-{band.upper()}", name=f"{name} {band}", scale=scale, salaries=salaries,
              on_costs=on_costs, hours=hours, sources=sources)
        for band, (salaries, sources) in _points_by_key(filename, "band").items()
    )


def _item_row(filename: str, item: str) -> dict[str, str]:
    for row in _read_csv(filename):
        if row["item"] == item:
            return row
    raise PayFigureMissing(f"{filename} has no {item}.")


def _item_value(filename: str, item: str) -> Decimal:
    return Decimal(_item_row(filename, item)["value"])


def pay_bands_for_nation(nation: str) -> tuple[PayBand, ...]:
    """The shipped bands for people employed in ``nation``: England's AfC and
    NJC; NHS Scotland's AfC; NHS Wales' AfC and the NJC spine (which covers
    England and Wales); HSC Agenda for Change for Northern Ireland. Another
    nation's figures are never used in place of a nation's own."""
    if nation == ENGLAND:
        return default_pay_bands()
    if nation == SCOTLAND:
        return nhs_scotland_bands()
    if nation == WALES:
        return nhs_wales_bands() + njc_spine_bands()
    if nation == NORTHERN_IRELAND:
        return hsc_ni_bands()
    return ()


def missing_figures_for_nation(nation: str) -> list[MissingPayFigure]:
    """The figures a workspace in ``nation`` must enter itself, and where to find them."""
    if nation == ENGLAND:
        return missing_pay_figures()
    return list(_MISSING_BY_NATION.get(nation, ()))


def _band(
    *,
    code: str,
    name: str,
    scale: str,
    salaries: list[Decimal],
    on_costs: OnCosts,
    hours: Decimal,
    sources: set[str],
) -> PayBand:
    low, high = min(salaries), max(salaries)
    return PayBand(
        code=code,
        name=name,
        scale=scale,
        annual_salary_min=low,
        annual_salary_max=high,
        midpoint=(low + high) / 2,
        on_costs=on_costs,
        annual_working_hours=hours,
        source=f"pay: {', '.join(sorted(sources))}; on-costs: {on_costs.source}",
    )


def _points_by_key(filename: str, key: str) -> dict[str, tuple[list[Decimal], set[str]]]:
    grouped: dict[str, tuple[list[Decimal], set[str]]] = {}
    for row in _read_csv(filename):
        salaries, sources = grouped.setdefault(row[key], ([], set()))
        salaries.append(Decimal(row["annual_salary_gbp"]))
        sources.add(row["source_id"])
    return grouped


def _on_costs(year: str, *, pension_items: tuple[str, ...], pension_scheme: str) -> OnCosts:
    rows = {(row["year"], row["item"]): row for row in _read_csv(ON_COSTS_FILE)}

    def figure(item: str) -> tuple[Decimal, str]:
        row = rows.get((year, item))
        if row is None:
            raise PayFigureMissing(f"{ON_COSTS_FILE} has no {year} figure for {item}.")
        return Decimal(row["value"]), row["source_id"]

    ni_rate, ni_source = figure("employer_ni_rate")
    threshold, _ = figure("employer_ni_secondary_threshold")
    pension = [figure(item) for item in pension_items]
    sources = [ni_source] + [source for _, source in pension]
    return OnCosts(
        year=year,
        employer_ni_rate=ni_rate / PERCENT,
        employer_ni_threshold=threshold,
        pension_rate=sum((value for value, _ in pension), Decimal(0)) / PERCENT,
        pension_scheme=pension_scheme,
        source=", ".join(dict.fromkeys(sources)),
    )


def _working_hours_item(item: str, unit: str) -> Decimal:
    for row in _read_csv(WORKING_HOURS_FILE):
        if row["item"] == item and row["unit"] == unit:
            return Decimal(row["value"])
    raise PayFigureMissing(f"{WORKING_HOURS_FILE} has no {item} in {unit}.")


def _read_csv(filename: str) -> list[dict[str, str]]:
    text = files("joinedup.meetings").joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))
