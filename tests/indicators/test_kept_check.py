"""The check page's check of every row is kept with the import (issue 12): turning a page
of areas or choosing their roles does not map and check the rows again; a new mapping, a
new match of an area, or new stored values do."""

from decimal import Decimal

import pytest
from django.urls import reverse

from joinedup.indicators import importing, kept_tables
from joinedup.indicators.models import Area, ImportBatch, Indicator, Measurement

FIRST = b"Area name,Year,Value,Other\nAlpha place,2021,1,10\nBeta place,2021,2,20\nBeta place,2020,3,30\n"
# What the rows would be read as if they were read again.
SECOND = b"Area name,Year,Value,Other\nGamma place,2021,7,70\nGamma place,2020,8,80\nGamma place,2019,9,90\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def indicator(partnership):
    return Indicator.objects.create(partnership=partnership, name="Falls", unit="count",
                                    direction="lower", frequency="year")


def swap_the_file(batch):
    """Put other rows in the upload and drop what was read from it (but not the check), so
    that anything read from the file again shows Gamma place."""
    path = importing.stored_path(batch)
    path.write_bytes(SECOND)
    for kept in path.parent.glob(f"{path.name}.table-*.json"):
        kept.unlink()


def test_roles_are_applied_to_the_kept_check_without_reading_the_rows_again(indicator, editor):
    batch = importing.stage_upload(indicator, editor, "falls.csv", FIRST)
    found = importing.check(batch)
    assert (found.row_count, found.added, [a.name for a in found.areas]) == (3, 3, ["Alpha place", "Beta place"])
    assert kept_tables.check_path(importing.stored_path(batch)).exists()
    swap_the_file(batch)

    beta_skipped = importing.check(batch, {"beta place": "skip", "alpha place": "own"})

    assert (beta_skipped.row_count, beta_skipped.added) == (3, 1)
    assert [(a.name, a.role) for a in beta_skipped.areas] == [("Alpha place", "own"), ("Beta place", "skip")]
    assert [r.value for r in beta_skipped.rows] == [1, 2, 3]
    all_skipped = importing.check(batch, {"beta place": "skip", "alpha place": "skip"})
    assert not all_skipped.can_commit and "Every area is set to 'Do not import'" in str(list(all_skipped.errors))


def test_the_rows_are_checked_again_when_the_mapping_changes(indicator, editor):
    batch = importing.stage_upload(indicator, editor, "falls.csv", FIRST)
    assert importing.check(batch).row_count == 3
    swap_the_file(batch)

    batch.mapping = {**batch.mapping, "value": "Other"}
    batch.save()
    found = importing.check(batch)

    assert (found.row_count, [a.name for a in found.areas], found.rows[0].value) == (3, ["Gamma place"], 70)


def test_the_rows_are_compared_again_when_an_area_is_matched_or_values_are_stored(indicator, editor, workspace):
    ours = Area.objects.create(workspace=workspace, name="Our town", is_own_area=True)
    held = Measurement.objects.create(indicator=indicator, area=ours, period_start="2021-01-01", period_end="2021-12-31",
                               period_label="2021", frequency="year", value=Decimal(1))
    batch = importing.stage_upload(indicator, editor, "falls.csv", FIRST)
    assert (importing.check(batch).added, importing.check(batch).unchanged) == (3, 0)

    # Alpha place is the user's own town under another name: its 2021 value is held already.
    matched = importing.check(batch, {f"{importing.MATCH_PREFIX}alpha place": str(ours.pk)})
    assert (matched.added, matched.unchanged) == (2, 1)

    held.value = Decimal(5)  # as the values' pages and imports write (updated_at)
    held.save()
    changed = importing.check(batch, {f"{importing.MATCH_PREFIX}alpha place": str(ours.pk)})
    assert (changed.added, changed.changed, changed.unchanged) == (2, 1, 0)


def test_turning_a_page_of_areas_on_the_check_page_does_not_read_the_rows_again(client, indicator, editor):
    client.force_login(editor)
    batch = importing.stage_upload(indicator, editor, "falls.csv", FIRST)
    check_url = reverse("indicators:import_preview", args=["northshire", batch.token])
    first = client.get(check_url)
    assert first.status_code == 200 and first.context["preview"].row_count == 3
    swap_the_file(batch)

    posted = client.post(check_url, {"areas_page": "1", "go": "1", "area_0": "own", "area_1": "skip"})
    assert posted.status_code == 302
    again = client.get(posted.url)

    assert again.status_code == 200
    page = again.content.decode()
    assert "Beta place" in page and "Gamma place" not in page
    assert again.context["preview"].added == 1
    assert ImportBatch.objects.get(pk=batch.pk).area_roles["beta place"] == "skip"
