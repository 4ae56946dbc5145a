"""Choosing which series of a file to import (`?series=`): only a series the
file holds is accepted; anything else is a message, never a 500 and never
stored (issue 14)."""

import pytest
from django.urls import reverse

from joinedup.indicators import importing
from joinedup.indicators.mapping import ColumnMapping
from joinedup.indicators.models import ImportBatch, Indicator
from tests.public_data import PUBLIC

from .test_pages import upload


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staged(client, editor, partnership):
    weekly = Indicator.objects.create(partnership=partnership, name="A&E attendances", unit="count",
                                      direction="lower", frequency="week")
    client.force_login(editor)
    upload(client, weekly, (PUBLIC / "scotland_ae_attendances_2020.csv").read_bytes(), name="ae.csv")
    batch = ImportBatch.objects.get()
    mapping = ColumnMapping.from_dict(batch.mapping)
    mapping.indicator = "Category"
    batch.mapping = mapping.to_dict()
    batch.save()
    return batch


def preview_url(batch):
    return reverse("indicators:import_preview", args=["northshire", batch.token])


@pytest.mark.parametrize("series", ["not a series in the file", "A\x00B", "x" * 301, ""])
def test_a_series_the_file_does_not_hold_is_refused_with_a_message(client, staged, series):
    response = client.get(preview_url(staged), {"series": series})
    assert response.status_code == 200
    page = response.content.decode()
    expected = "Select the series that is this indicator" if series == "" else "Choose one of the series listed"
    assert expected in page
    staged.refresh_from_db()
    assert staged.series == ""


def test_a_series_the_file_holds_is_chosen(client, staged):
    name = importing.series_in(staged)[0]
    response = client.get(preview_url(staged), {"series": name})
    assert response.status_code == 200
    staged.refresh_from_db()
    assert staged.series == name
