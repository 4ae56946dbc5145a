"""A file of thousands of areas (Scotland's 6,976 SIMD data zones) through the real import pages:
the check step posts only the areas on its page, the choices for the rest are kept with the
import, and the file imports (no 400 from Django's limit on posted fields)."""

from datetime import date

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from joinedup.indicators.import_views import AREAS_PER_PAGE
from joinedup.indicators.models import Area, ImportBatch, ImportStatus, Indicator, Measurement

ZONES = 7_000


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def data_zones_csv(count=ZONES):
    lines = ["Data zone code,Data zone name,Year,Count"]
    lines += [f"S01{n:06d},Zone {n:04d} of the test city,2020,{n % 97}" for n in range(1, count + 1)]
    return ("\n".join(lines) + "\n").encode()


def posted_as_a_browser(form):
    """What a browser posts for a form left as it is shown: each radio's checked (initial)
    choice and each select's selected option."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, list | tuple):
            if value:  # unticked checkboxes send nothing
                data[field.html_name] = [str(v) for v in value]
        elif value is not None:
            data[field.html_name] = str(value)
    return data


def test_seven_thousand_areas_import_through_the_pages(client, editor, partnership):
    assert django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000  # Django's default: the limit that was hit
    partnership.start_date = date(2019, 4, 1)
    partnership.save()
    indicator = Indicator.objects.create(partnership=partnership, name="Children in low-income families",
                                         unit="count", direction="lower", frequency="year")
    # One of the workspace's own areas is spelt differently in the file: the user matches it.
    own = Area.objects.create(workspace=partnership.workspace, name="Our test zone", is_own_area=True)
    client.force_login(editor)
    response = client.post(reverse("indicators:import_upload", args=["northshire", indicator.pk]),
                           {"file": SimpleUploadedFile("simd_zones.csv", data_zones_csv())})
    assert response.status_code == 302
    batch = ImportBatch.objects.get(indicator=indicator)
    mapping = client.get(response.url)
    assert mapping.status_code == 200
    form = mapping.context["form"]
    response = client.post(response.url, posted_as_a_browser(form))
    assert response.status_code == 302, response.content.decode()[-3000:]
    check_url = response.url

    check = client.get(check_url)
    assert check.status_code == 200
    pages = check.context["area_pages"]
    assert pages["count"] == ZONES and pages["pages"] == -(-ZONES // AREAS_PER_PAGE)
    page_one = posted_as_a_browser(check.context["area_form"])
    assert len(page_one) <= 2 * AREAS_PER_PAGE
    assert f"{ZONES:,} areas" in check.content.decode()

    # Page 1: zone 3 is not imported; go to page 2 (the choices are kept, nothing imported yet).
    page_one.update({"area_2": "skip", "areas_page": "1", "go": "2"})
    response = client.post(check_url, page_one)
    assert response.status_code == 302 and "areas_page=2" in response.url
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PENDING and batch.area_roles["S01000003"] == "skip"

    # Page 2: zone 51 is our own area, spelt another way; the other 6,900-odd areas are left as shown.
    page_two = client.get(response.url)
    assert page_two.status_code == 200 and page_two.context["area_pages"]["page"] == 2
    form = page_two.context["area_form"]
    data = posted_as_a_browser(form)
    assert "area_0" not in data and f"area_{AREAS_PER_PAGE}" in data
    data.update({f"area_{AREAS_PER_PAGE}": "own", f"match_{AREAS_PER_PAGE}": str(own.pk), "areas_page": "2"})
    assert len(data) < django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(check_url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert response.url == reverse("indicators:import_progress", args=["northshire", batch.token])

    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED, batch.errors
    assert batch.added == ZONES - 1
    values = Measurement.objects.filter(indicator=indicator)
    assert values.count() == ZONES - 1
    assert not values.filter(area__ons_code="S01000003").exists()
    assert values.get(area=own).value == 51 % 97
    assert values.get(area__ons_code="S01006976").value == 6976 % 97
    assert Area.objects.filter(workspace=partnership.workspace).count() == ZONES - 1
