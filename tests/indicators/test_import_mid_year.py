"""ONS mid-2023 population estimates, sheet MYE4 (tests/data/public/indicators-dev/
ons_mid-year-population-estimates_england-wales-la_2023.xlsx): wide by period, newest first,
headers `Mid-2023` … `Mid-2011` on row 8 under seven rows of notes. Imported through the
pages; a mid-year estimate is the population on 30 June, stored as that day, once a year."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.forms import MultipleChoiceField
from django.test import TestCase

from joinedup.indicators.mapping import Layout
from joinedup.indicators.models import ImportBatch, ImportStatus, Indicator, Measurement
from tests.indicators.test_import_screens import MYE, choose_rows, step_after_upload, upload, url


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_mid_year_estimates_wide_by_period_are_stored_at_30_june_each_year(client, editor, partnership):
    indicator = Indicator.objects.create(partnership=partnership, name="Population", unit="count",
                                         direction="higher", frequency="year")
    client.force_login(editor)
    upload(client, indicator, MYE)
    batch = ImportBatch.objects.get()
    choose_rows(client, batch, "MYE4", 8, 8, 9, 365)

    mapping_page = client.get(url("import_mapping", batch))
    form = mapping_page.context["form"]
    # The Mid-2023 … Mid-2011 headers are periods: a column for each period is proposed.
    assert form.initial["layout"] == str(Layout.WIDE_PERIODS)
    data = {name: form.initial.get(name) or ([] if isinstance(field, MultipleChoiceField) else "")
            for name, field in form.fields.items()}
    (geography,) = [name for name, header in form.filter_fields if header == "Geography"]
    data.update(area_code="Code", area_name="Name", **{geography: ["Country"]})
    response = client.post(url("import_mapping", batch), data)
    assert response.status_code == 302, response.context["form"].errors

    check = client.get(response.url)
    found = check.context["preview"]
    assert not found.errors, list(found.errors)[:3]
    roles = {name: "own" if key == "W92000004" else "comparator"
             for name, key in check.context["area_form"].area_fields}
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(response.url, roles)
    assert response.status_code == 302
    assert indicator.imports.get().status == ImportStatus.COMMITTED

    stored = Measurement.objects.filter(indicator=indicator)
    assert stored.count() == 3 * 13  # England and Wales, England, Wales; Mid-2011 to Mid-2023
    assert stored.exclude(status="ok").count() == 0
    # Row 9, D9: England and Wales, Mid-2023, 60,854,727; row 11, P11: Wales, Mid-2011, 3,063,758.
    newest = stored.get(area__ons_code="K04000001", period_label="Mid-2023")
    assert (newest.value, newest.period_start, newest.period_end, newest.frequency) == (
        Decimal("60854727"), date(2023, 6, 30), date(2023, 6, 30), "year"
    )
    oldest = stored.get(area__ons_code="W92000004", period_label="Mid-2011")
    assert (oldest.value, oldest.period_start, oldest.area.is_own_area) == (
        Decimal("3063758"), date(2011, 6, 30), True
    )
    # Row 10, E10: England, Mid-2022, 57,112,542.
    assert stored.get(area__ons_code="E92000001", period_start=date(2022, 6, 30)).value == Decimal("57112542")


MID_YEARS = {f"Mid-{year}" for year in range(2011, 2024)}


def test_a_column_that_is_not_values_is_left_out_and_remembered_for_the_next_file(client, editor, partnership):
    """MYE4 has a text column, `Geography` (Country, Region, Unitary Authority …), beside the
    Mid-2023 … Mid-2011 columns. Read as values, each of its 357 cells is an error; left out,
    it is neither checked nor imported, and the next upload of the layout leaves it out too."""
    indicator = Indicator.objects.create(partnership=partnership, name="Population", unit="count",
                                         direction="higher", frequency="year")
    client.force_login(editor)
    upload(client, indicator, MYE)
    batch = ImportBatch.objects.get()
    choose_rows(client, batch, "MYE4", 8, 8, 9, 365)
    mapping_page = client.get(url("import_mapping", batch))
    form = mapping_page.context["form"]
    # joinedup's proposal takes the period columns as values: Geography is shown left out.
    assert form.initial["left_out"] == ["Geography"]
    html = mapping_page.content.decode()
    assert "Columns that are not values: leave out" in html
    assert re.search(r'<input class="govuk-checkboxes__input" id="[^"]+" name="left_out" type="checkbox" '
                     r'value="Geography" checked>', html)
    assert re.search(r'name="left_out" type="checkbox" value="Mid-2023">', html)
    data = {name: form.initial.get(name) or ([] if isinstance(field, MultipleChoiceField) else "")
            for name, field in form.fields.items()}
    data.update(area_code="Code", area_name="Name")

    # Unticked, Geography is a column of values: its header is not a period (row 8) and its
    # text is refused row by row (rows 9 to 365).
    response = client.post(url("import_mapping", batch), {**data, "left_out": []})
    assert response.status_code == 302, response.context["form"].errors
    found = client.get(response.url).context["preview"]
    assert found.errors.total == 1 + 357
    assert {error.column for error in found.errors} == {"Geography"}
    assert [error.row for error in found.errors][:3] == [8, 9, 10]

    response = client.post(url("import_mapping", batch), {**data, "left_out": ["Geography"]})
    assert response.status_code == 302, response.context["form"].errors
    # The workspace is in England: Welsh areas are left out by default until the
    # import is widened to every nation.
    assert client.post(response.url, {"area_nations": "all"}).status_code == 302
    check = client.get(response.url)
    found = check.context["preview"]
    assert not found.errors, list(found.errors)[:3]
    assert found.row_count == 357 * 13
    roles = {name: "comparator" for name, _ in check.context["area_form"].area_fields}
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url("import_preview", batch), roles)
    assert response.status_code == 302
    assert indicator.imports.get().status == ImportStatus.COMMITTED

    stored = Measurement.objects.filter(indicator=indicator)
    # 357 areas (rows 9 to 365) by 13 mid-years, and nothing from the Geography column.
    assert stored.count() == 357 * 13
    assert set(stored.values_list("period_label", flat=True)) == MID_YEARS
    assert stored.exclude(status="ok").count() == 0
    # D9: England and Wales, Mid-2023, 60,854,727; J108: East Lindsey, Mid-2017, 140,072;
    # P365: Newport, Mid-2011, 145,785.
    assert stored.get(area__ons_code="K04000001", period_label="Mid-2023").value == Decimal("60854727")
    assert stored.get(area__ons_code="E07000137", period_label="Mid-2017").value == Decimal("140072")
    assert stored.get(area__ons_code="W06000022", period_label="Mid-2011").value == Decimal("145785")

    # The same layout again: straight to the check page, Geography left out as before (the
    # remembered mapping names the column left out, not the columns kept).
    response = upload(client, indicator, MYE)
    again = ImportBatch.objects.filter(status=ImportStatus.PENDING).get()
    assert step_after_upload(client, response) == url("import_preview", again)
    again.refresh_from_db()
    assert (again.mapping["left_out"], again.mapping["wide_columns"]) == (["Geography"], [])
    found = client.get(url("import_preview", again)).context["preview"]
    assert not found.errors, list(found.errors)[:3]
    assert (found.row_count, found.unchanged) == (357 * 13, 357 * 13)
