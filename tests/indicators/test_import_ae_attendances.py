"""NHS England's A&E attendances and emergency admissions, April 2025, by provider and site
(tests/data/public/indicators-dev/nhse_ae-attendances-emergency-admissions_england-provider-site_2025-04.csv),
imported through the pages as a user would: the period read from NHS England's code
(`MSitAE-APRIL-2025`), the England TOTAL row left out by choosing the regions to keep, trusts
found by their ODS codes and sites that are in no register added as written. Spot values are
checked against the raw file: "line N" is the line of the CSV (the header is line 1)."""

import csv
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import MultipleChoiceField
from django.urls import reverse

from joinedup.indicators.models import Area, Indicator, Measurement
from tests.indicators.test_import_real_files import DEV, import_through_the_pages

FILE = "nhse_ae-attendances-emergency-admissions_england-provider-site_2025-04.csv"
TYPE_1 = "A&E attendances Type 1"
WAITS_12H = "Patients who have waited 12+ hrs from DTA to admission"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def raw_rows():
    with (DEV / FILE).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def regions_without_the_total(client, indicator):
    """The Parent Org values a user ticks to keep: every region, not TOTAL (read off the page)."""
    upload = reverse("indicators:import_upload", args=["northshire", indicator.pk])
    response = client.post(upload, {"file": SimpleUploadedFile(FILE, (DEV / FILE).read_bytes())})
    form = client.get(response.url).context["form"]
    (name,) = [name for name, header in form.filter_fields if header == "Parent Org"]
    regions = [value for value, _ in form.fields[name].choices if value != "TOTAL"]
    indicator.imports.all().delete()
    return name, regions


def test_ae_type_1_attendances_by_provider_with_the_total_row_left_out(client, editor, partnership):
    indicator = Indicator.objects.create(
        partnership=partnership, name="A&E attendances, type 1", unit="count", direction="lower",
        frequency="month",
    )
    client.force_login(editor)
    parent_org, regions = regions_without_the_total(client, indicator)
    assert len(regions) == 7  # NHS England's seven regions, four of them written with a trailing space

    found, page = import_through_the_pages(
        client, indicator, FILE, own="RXN", period="Period", area_code="Org Code", area_name="Org name",
        value=TYPE_1, **{parent_org: regions},
    )

    raw = raw_rows()
    providers = [row for row in raw if row["Org Code"] != "TOTAL"]
    stored = Measurement.objects.filter(indicator=indicator)
    assert len(raw) == 199 and len(providers) == 198  # lines 2-199; line 200 is TOTAL
    assert stored.count() == 198
    assert stored.values("area").distinct().count() == 198
    # Nothing is suppressed or missing in this file: every cell is a count (77 of them 0).
    assert stored.exclude(status="ok").count() == 0
    assert stored.filter(value=0).count() == sum(row[TYPE_1] == "0" for row in providers) == 77
    # The values add up to the file's own England total (line 200: TOTAL,…,1354645).
    assert sum(m.value for m in stored) == Decimal(raw[-1][TYPE_1]) == Decimal("1354645")
    # Every value is its raw cell, and every period April 2025 from "MSitAE-APRIL-2025".
    # (An area's code is the file's ODS code: no provider here has an ONS code.)
    assert {m.area.ons_code: m.value for m in stored.select_related("area")} == {
        row["Org Code"]: Decimal(row[TYPE_1]) for row in providers
    }
    assert set(stored.values_list("period_label", "period_start", "period_end")) == {
        ("Apr 2025", date(2025, 4, 1), date(2025, 4, 30))
    }
    # Line 198: RXN, Lancashire Teaching Hospitals, 11684 type 1 attendances (the own area).
    own = stored.get(area__is_own_area=True)
    assert (own.value, own.area.name) == (Decimal("11684"), "LANCASHIRE TEACHING HOSPITALS NHS FOUNDATION TRUST")
    # Line 197: RM3, Northern Care Alliance, 25192; line 199: RHW, Royal Berkshire, 10298.
    by_name = {m.area.name: m.value for m in stored.select_related("area")}
    assert by_name["NORTHERN CARE ALLIANCE NHS FOUNDATION TRUST"] == Decimal("25192")
    assert by_name["ROYAL BERKSHIRE NHS FOUNDATION TRUST"] == Decimal("10298")
    # Line 5: a GP walk-in centre (Y02615) and line 3: a site (NTV0B) are in no register: added as written.
    assert by_name["SOUTH BIRMINGHAM GP WALK IN CENTRE"] == 0
    assert by_name["ASHFORD WALK-IN-CENTRE"] == 0
    assert not Area.objects.filter(name="TOTAL").exists()
    assert "Apr 2025" in page


def test_without_leaving_out_the_total_row_the_check_page_names_it(client, editor, partnership):
    """Line 200 (TOTAL in every text column) is not a provider nor a period: imported as it
    is, the check page says so for that row alone and nothing is written."""
    indicator = Indicator.objects.create(
        partnership=partnership, name="12-hour waits from decision to admit", unit="count", direction="lower",
        frequency="month",
    )
    client.force_login(editor)
    upload = reverse("indicators:import_upload", args=["northshire", indicator.pk])
    response = client.post(upload, {"file": SimpleUploadedFile(FILE, (DEV / FILE).read_bytes())})
    form = client.get(response.url).context["form"]
    data = {name: form.initial.get(name) or ([] if isinstance(field, MultipleChoiceField) else "")
            for name, field in form.fields.items()}
    data.update(period="Period", area_code="Org Code", area_name="Org name", value=WAITS_12H)
    response = client.post(response.url, data)
    assert response.status_code == 302, response.context["form"].errors
    preview = client.get(response.url).context["preview"]
    errors = list(preview.errors)
    assert {error.row for error in errors} == {200}
    assert any("'TOTAL' is not a period" in error.message for error in errors)
    # The 198 providers' rows are read (the page shows the first ten): line 2 is the first.
    first = raw_rows()[0]
    assert preview.row_count == 198
    assert (preview.rows[0].area_code, preview.rows[0].value) == (first["Org Code"], Decimal(first[WAITS_12H]))
    assert not Measurement.objects.filter(indicator=indicator).exists()
