"""ONS mid-2023 population estimates, sheet MYE4 (tests/data/public/indicators-dev/
ons_mid-year-population-estimates_england-wales-la_2023.xlsx): wide by period, newest first,
headers `Mid-2023` … `Mid-2011` on row 8 under seven rows of notes. Imported through the
pages; a mid-year estimate is the population on 30 June, stored as that day, once a year."""

from datetime import date
from decimal import Decimal

import pytest
from django.forms import MultipleChoiceField
from django.test import TestCase

from joinedup.indicators.mapping import Layout
from joinedup.indicators.models import ImportBatch, ImportStatus, Indicator, Measurement
from tests.indicators.test_import_screens import MYE, choose_rows, upload, url


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
