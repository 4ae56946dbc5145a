"""More files of tests/data/public/indicators-dev imported through the pages (upload → table
→ columns → check → confirm) with Django's client, where the table step matters: a block
chosen out of stacked ones, a header over two rows, notes and filter rows above the header.
Spot values are checked against the raw cells ("line N" of a CSV, "H60" of a sheet)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.forms import MultipleChoiceField
from django.test import TestCase

from joinedup.indicators.models import ImportBatch, ImportStatus, Indicator, Measurement
from tests.indicators.test_import_real_files import DEV
from tests.indicators.test_import_screens import choose_rows, upload, url

CPI = DEV / "ons_cpi-tobacco-index-d7cb_uk_1988-to-2021-06.csv"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_quarterly_block_of_an_ons_time_series_download(client, editor, partnership):
    """ONS time series D7CB (CPI index for tobacco, 2015=100): eight metadata rows, then three
    blocks stacked in one two-column table with no header of its own: years (lines 9-41),
    quarters written `1988 Q1` (lines 42-174) and months written `2021 MAR` (lines 175-577)."""
    indicator = Indicator.objects.create(partnership=partnership, name="CPI tobacco", unit="count",
                                         direction="lower", frequency="quarter")
    client.force_login(editor)
    upload(client, indicator, CPI)
    batch = ImportBatch.objects.get()
    # The block has no header: line 8 ("Important notes,") stands above it as one.
    choose_rows(client, batch, "", 8, 8, 42, 174)
    form = client.get(url("import_mapping", batch)).context["form"]
    headers = [value for value, _ in form.fields["value"].choices if value]
    data = {name: form.initial.get(name) or ([] if isinstance(field, MultipleChoiceField) else "")
            for name, field in form.fields.items()}
    data.update(layout="long", period=headers[0], value=headers[1], area_code="", area_name="",
                file_period="")
    response = client.post(url("import_mapping", batch), data)
    assert response.status_code == 302, response.context["form"].errors
    check = client.get(response.url)
    assert not check.context["preview"].errors, list(check.context["preview"].errors)[:3]
    roles = {name: "own" for name, _ in check.context["area_form"].area_fields}
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(response.url, roles)
    assert indicator.imports.get().status == ImportStatus.COMMITTED

    stored = Measurement.objects.filter(indicator=indicator).order_by("period_start")
    assert stored.count() == 174 - 42 + 1  # 1988 Q1 to 2021 Q1
    assert stored.exclude(status="ok").count() == 0
    assert stored.values("area").distinct().count() == 1  # one UK-wide series, no area column
    # Line 42: "1988 Q1,16.3"; line 174: "2021 Q1,133.4".
    first, last = stored.first(), stored.last()
    assert (first.period_label, first.period_start, first.period_end, first.value) == (
        "1988 Q1", date(1988, 1, 1), date(1988, 3, 31), Decimal("16.3")
    )
    assert (last.period_label, last.period_end, last.value) == ("2021 Q1", date(2021, 3, 31), Decimal("133.4"))


RTT = DEV / "nhse_rtt-overview-timeseries_england_2007-04-to-2023-07.xlsx"


def test_rtt_financial_year_merged_down_beside_month_dates_with_fractions(client, editor, partnership):
    """NHS England RTT overview: header over rows 10-11 (groups over sub-columns), the
    financial year `2007/08` merged down twelve rows (B12:B23) beside month dates, `% within
    18 weeks` written as a fraction and `-` where not collected; rows 208 on are months to come,
    left out by the last row chosen."""
    indicator = Indicator.objects.create(partnership=partnership, name="Waiting under 18 weeks",
                                         unit="percentage", direction="higher", frequency="month")
    client.force_login(editor)
    upload(client, indicator, RTT)
    batch = ImportBatch.objects.get()
    choose_rows(client, batch, "Full Time Series", 10, 11, 12, 207)
    form = client.get(url("import_mapping", batch)).context["form"]
    headers = [value for value, _ in form.fields["value"].choices if value]
    within = "Incomplete RTT pathways · % within 18 weeks"
    assert {"Year", "Month", within} <= set(headers), headers
    data = {name: form.initial.get(name) or ([] if isinstance(field, MultipleChoiceField) else "")
            for name, field in form.fields.items()}
    data.update(layout="long", period="Year", period_month="Month", period_dates="month", value=within,
                area_code="", area_name="", numerator="", denominator="", indicator="", percentages="fractions")
    response = client.post(url("import_mapping", batch), data)
    assert response.status_code == 302, response.context["form"].errors
    check = client.get(response.url)
    assert not check.context["preview"].errors, list(check.context["preview"].errors)[:3]
    roles = {name: "own" for name, _ in check.context["area_form"].area_fields}
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(response.url, roles)
    assert indicator.imports.get().status == ImportStatus.COMMITTED

    stored = Measurement.objects.filter(indicator=indicator).order_by("period_start")
    assert stored.count() == 207 - 12 + 1  # Apr 2007 to Jul 2023
    # H12:H15 are "-" (not collected in Apr-Jul 2007): missing with the marker, never 0.
    gaps = stored.exclude(status="ok")
    assert [(m.period_label, m.status, m.marker, m.value) for m in gaps] == [
        (label, "missing", "-", None) for label in ("Apr 2007", "May 2007", "Jun 2007", "Jul 2007")
    ]
    # H60: 2011/12 (merged from B60) with Apr-11, 0.9045385821933314 → 90.45385821933314%.
    april = stored.get(period_start=date(2011, 4, 1))
    assert (april.period_label, april.period_end) == ("Apr 2011", date(2011, 4, 30))
    # (SQLite keeps 15 significant digits, PostgreSQL all the cell's.)
    assert abs(april.value - Decimal("90.45385821933314")) < Decimal("1e-12")
    # H59: March 2011 still belongs to 2010/11; H207: Jul 2023, 0.5860285570644534.
    assert abs(stored.get(period_label="Mar 2011").value - Decimal("89.44931710368555")) < Decimal("1e-12")
    assert abs(stored.last().value - Decimal("58.60285570644534")) < Decimal("1e-12")


NOMIS = DEV / "nomis_population-estimates-aged-16plus_uk-lad_2019.xlsx"


def test_a_nomis_download_of_names_only_gets_ons_codes_for_every_uk_council(client, editor, partnership):
    """Nomis, population aged 16+ in 2019 by UK local authority: title, copyright and filter
    rows above the header on row 7 (`local authority: district / unitary (as of April 2019)`,
    and the year as the number 2019), then 382 areas by name only (rows 8-389), of all four
    nations, some abolished since. The period is the year at the head of the value column."""
    indicator = Indicator.objects.create(partnership=partnership, name="Population 16+", unit="count",
                                         direction="higher", frequency="year")
    client.force_login(editor)
    upload(client, indicator, NOMIS)
    batch = ImportBatch.objects.get()
    choose_rows(client, batch, "Data", 7, 7, 8, 389)
    form = client.get(url("import_mapping", batch)).context["form"]
    data = {name: form.initial.get(name) or ([] if isinstance(field, MultipleChoiceField) else "")
            for name, field in form.fields.items()}
    data.update(layout="long", period="", file_period="2019", value="2019", area_code="",
                area_name="local authority: district / unitary (as of April 2019)")
    response = client.post(url("import_mapping", batch), data)
    assert response.status_code == 302, response.context["form"].errors
    check = client.get(response.url)
    found = check.context["preview"]
    assert not found.errors, list(found.errors)[:3]
    assert [choice.label for choice in found.areas if choice.registered is None] == []  # all in the register
    # The workspace is in England: Scottish, Welsh and Northern Irish councils are left out
    # by default (comparators in its own nation) until the import is widened to every nation.
    assert found.other_nation_areas and all(c.registered.nation != "England" for c in found.other_nation_areas)
    assert client.post(response.url, {"area_nations": "all"}).status_code == 302
    check = client.get(response.url)
    assert not check.context["preview"].other_nation_areas
    roles = {name: "own" if index == 0 else "comparator"
             for index, (name, _) in enumerate(check.context["area_form"].area_fields)}
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(response.url, roles)
    assert indicator.imports.get().status == ImportStatus.COMMITTED

    stored = Measurement.objects.filter(indicator=indicator).select_related("area")
    assert stored.count() == 382
    assert {m.period_label for m in stored} == {"2019"}
    codes = {m.area.name: m.area.ons_code for m in stored}
    assert all(codes.values()), [name for name, code in codes.items() if not code]
    # Row 8: Darlington 86,628; row 381: Belfast 275,075; row 389: Ards and North Down 131,544.
    by_code = {m.area.ons_code: m.value for m in stored}
    assert by_code["E06000005"] == Decimal("86628")
    assert by_code["N09000003"] == Decimal("275075")
    assert by_code["N09000011"] == Decimal("131544")
    assert {code[0] for code in by_code} == {"E", "W", "S", "N"}


DEATHS = DEV / "ons_weekly-death-registrations-compiled_england-wales_2010-to-2020.xlsx"


@pytest.mark.parametrize("series, values, kept", [
    # Row 8: B8 12,644 (week ending 7 January 2011), AA8 8,710 (1 July), BA8 8,472 (30 December).
    ("Total deaths, all ages", {date(2011, 1, 7): "12644", date(2011, 7, 1): "8710", date(2011, 12, 30): "8472"}, 0),
    # Row 13: B13 2,645, then ':' (not available) in the other 51 weeks.
    ("All respiratory diseases (ICD-10 J00-J99) ICD-10 v 2001", {date(2011, 1, 7): "2645"}, 51),
])
def test_weekly_deaths_wide_by_week_ended_with_text_and_real_dates(client, editor, partnership, series, values, kept):
    """ONS weekly death registrations, sheet 2011: one row per measure, a column per week, the
    `Week ended` row (5) holding text dates (`7-Jan-11`) in some columns and real dates in
    others; `:` where a figure is not available."""
    indicator = Indicator.objects.create(partnership=partnership, name="Deaths registered", unit="count",
                                         direction="lower", frequency="week")
    client.force_login(editor)
    upload(client, indicator, DEATHS)
    batch = ImportBatch.objects.get()
    choose_rows(client, batch, "2011", 5, 5, 8, 13)
    form = client.get(url("import_mapping", batch)).context["form"]
    assert form.initial["layout"] == "wide_periods"
    data = {name: form.initial.get(name) or ([] if isinstance(field, MultipleChoiceField) else "")
            for name, field in form.fields.items()}
    data.update(indicator="Week ended", period_dates="week ending", area_code="", area_name="")
    response = client.post(url("import_mapping", batch), data)
    assert response.status_code == 302, response.context["form"].errors
    client.get(response.url, {"series": series})
    check = client.get(response.url)
    assert not check.context["preview"].errors, list(check.context["preview"].errors)[:3]
    roles = {name: "own" for name, _ in check.context["area_form"].area_fields}
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(response.url, roles)
    assert indicator.imports.get().status == ImportStatus.COMMITTED

    stored = Measurement.objects.filter(indicator=indicator)
    assert stored.count() == 52
    assert stored.filter(status="missing", marker=":", value=None).count() == kept
    assert stored.exclude(status="ok").count() == kept
    for ending, value in values.items():
        week = stored.get(period_end=ending)
        assert (week.period_start, week.period_label, week.value) == (
            ending - timedelta(days=6), f"week ending {ending.isoformat()}", Decimal(value)
        )


LIFESTYLES = DEV / "statswales_adult-lifestyles-national-survey_wales-lhb-la_2021-22-and-2022-23.csv"


def test_a_statswales_export_wide_by_area_names_with_pooled_survey_years(client, editor, partnership):
    """StatsWales, National Survey for Wales adult lifestyles: breadcrumb and filter rows above
    the header (line 9), which names Wales, 7 health boards and 22 councils with trailing
    spaces and no codes; column A holds the group on its first row only and has no header;
    the years are only in the filter row `Year: 2021-22 & 2022-23` (two survey years pooled)."""
    indicator = Indicator.objects.create(partnership=partnership, name="Adults who smoke", unit="percentage",
                                         direction="lower", frequency="several_years")
    client.force_login(editor)
    upload(client, indicator, LIFESTYLES)
    batch = ImportBatch.objects.get()
    choose_rows(client, batch, "", 9, 9, 10, 38)
    form = client.get(url("import_mapping", batch)).context["form"]
    data = {name: form.initial.get(name) or ([] if isinstance(field, MultipleChoiceField) else "")
            for name, field in form.fields.items()}
    data.update(layout="wide_areas", indicator="Column B", file_period="2021-22 & 2022-23", period="",
                area_code="", area_name="", value="", numerator="", denominator="")
    response = client.post(url("import_mapping", batch), data)
    assert response.status_code == 302, response.context["form"].errors
    client.get(response.url, {"series": "Smoker"})
    check = client.get(response.url)
    found = check.context["preview"]
    assert not found.errors, list(found.errors)[:3]
    assert [choice.label for choice in found.areas if choice.registered is None] == []
    roles = {name: "own" if key == "cardiff" else "comparator"
             for name, key in check.context["area_form"].area_fields}
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(response.url, roles)
    assert indicator.imports.get().status == ImportStatus.COMMITTED

    stored = Measurement.objects.filter(indicator=indicator).select_related("area")
    assert stored.count() == 30  # Wales, 7 health boards, 22 councils
    assert {(m.period_label, m.period_start, m.period_end, m.frequency) for m in stored} == {
        ("2021/22 to 2022/23", date(2021, 4, 1), date(2023, 3, 31), "several_years")
    }
    by_code = {m.area.ons_code: m.value for m in stored}
    # Line 11: Smoker: C11 Wales 12.804476, D11 Betsi Cadwaladr 11.601053, Z11 Cardiff 13.058074,
    # E11 Powys Teaching Health Board and Q11 Powys (the council) both 9.790505.
    assert by_code["W92000004"] == Decimal("12.804476")
    assert by_code["W11000023"] == Decimal("11.601053")
    assert by_code["W06000015"] == Decimal("13.058074")
    assert by_code["W11000024"] == by_code["W06000023"] == Decimal("9.790505")
    assert stored.get(area__is_own_area=True).area.ons_code == "W06000015"


BIRTHS = DEV / "statswales_live-births-by-birth-weight_wales-lhb-la_2023.csv"


def test_a_statswales_hierarchy_imports_its_councils_by_keeping_the_rows_that_name_one(
    client, editor, partnership
):
    """StatsWales live births by birth weight, 2023: Wales, health board and council in three
    columns (A-C, no headers), each blank below its first row; councils are the rows with a
    name in column C. Chosen with the breakdown filter on column C (22 councils, not 'Not
    stated' and not blank); the year only in the filter row `Year: 2023`."""
    indicator = Indicator.objects.create(partnership=partnership, name="Births under 2,000 g", unit="count",
                                         direction="lower", frequency="year")
    client.force_login(editor)
    upload(client, indicator, BIRTHS)
    batch = ImportBatch.objects.get()
    choose_rows(client, batch, "", 7, 7, 8, 37)
    form = client.get(url("import_mapping", batch)).context["form"]
    data = {name: form.initial.get(name) or ([] if isinstance(field, MultipleChoiceField) else "")
            for name, field in form.fields.items()}
    (councils,) = [name for name, header in form.filter_fields if header == "Column C"]
    keep = [value for value, _ in form.fields[councils].choices if value not in ("", "Not stated")]
    assert len(keep) == 22
    data.update(layout="long", area_name="Column C", area_code="", value="<2000g", period="", file_period="2023",
                numerator="", denominator="", indicator="", **{councils: keep})
    response = client.post(url("import_mapping", batch), data)
    assert response.status_code == 302, response.context["form"].errors
    check = client.get(response.url)
    found = check.context["preview"]
    assert not found.errors, list(found.errors)[:3]
    roles = {name: "own" if key == "newport" else "comparator"
             for name, key in check.context["area_form"].area_fields}
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(response.url, roles)
    assert indicator.imports.get().status == ImportStatus.COMMITTED

    stored = Measurement.objects.filter(indicator=indicator).select_related("area")
    assert stored.count() == 22
    assert {m.area.ons_code[:3] for m in stored} == {"W06"}
    by_name = {m.area.name: m.value for m in stored}
    # D10 Isle of Anglesey 15, D26 Cardiff 83, D36 Newport 46 (the own area); the Wales row
    # (D8, 684) and the health boards' rows are not imported.
    assert (by_name["Isle of Anglesey"], by_name["Cardiff"], by_name["Newport"]) == (15, 83, 46)
    assert sum(by_name.values()) == 684 - 5  # Wales less the births whose area is not stated (D37)
    assert stored.get(area__is_own_area=True).area.ons_code == "W06000022"
