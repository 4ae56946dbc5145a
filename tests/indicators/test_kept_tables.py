"""An upload is read once: the steps after it (table, columns, check, confirm and the background
task) read what it was read into, kept beside it, and never the file again. Shown by changing
the uploaded file under the import after the upload: every step still shows and imports what
was uploaded."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from joinedup.indicators import importing
from joinedup.indicators.models import ImportBatch, ImportStatus, Indicator, Measurement


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def indicator(partnership):
    partnership.start_date = date(2021, 1, 1)
    partnership.save()
    return Indicator.objects.create(partnership=partnership, name="Admissions", unit="count",
                                    direction="lower", frequency="year")


def csv_file(values):
    lines = ["Area code,Area name,Year,Admissions"]
    lines += [f"E0800000{i},Area {i},{2018 + year},{value}" for i in (1, 2)
              for year, value in enumerate(values)]
    return ("\n".join(lines) + "\n").encode()


def upload(client, indicator, name, content):
    response = client.post(reverse("indicators:import_upload", args=["northshire", indicator.pk]),
                           {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response.content.decode()[-2000:]
    return ImportBatch.objects.get(indicator=indicator), response.url


def posted_as_a_browser(form):
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, list | tuple):
            if value:  # unticked checkboxes send nothing
                data[field.html_name] = [str(v) for v in value]
        elif value is not None:
            data[field.html_name] = str(value)
    return data


def test_the_steps_after_the_upload_never_read_the_file_again(client, editor, indicator):
    client.force_login(editor)
    batch, mapping_url = upload(client, indicator, "admissions.csv", csv_file([10, 11, 12, 13, 14]))
    stored = importing.stored_path(batch)
    # The file under the import is replaced by one with other values (and another layout):
    # a step that read it again would show and import those.
    stored.write_bytes(b"Something else entirely;x\n1;2\n")

    mapping = client.get(mapping_url)
    assert mapping.status_code == 200
    assert "Admissions" in mapping.content.decode()
    response = client.post(mapping_url, posted_as_a_browser(mapping.context["form"]))
    assert response.status_code == 302, response.content.decode()[-3000:]
    check = client.get(response.url)
    assert check.status_code == 200
    assert check.context["preview"].row_count == 10
    assert [r.value for r in check.context["rows"][:5]] == [10, 11, 12, 13, 14]

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(response.url, posted_as_a_browser(check.context["area_form"]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED, batch.errors
    values = Measurement.objects.filter(indicator=indicator, area__ons_code="E08000002")
    assert sorted(values.values_list("value", flat=True)) == [10, 11, 12, 13, 14]
    # Nothing of the upload is left behind: the file and what it was read into are deleted.
    assert list(stored.parent.iterdir()) == []


def workbook_bytes():
    book = openpyxl.Workbook()
    contents = book.active
    contents.title = "Contents"
    contents.append(["Admissions to care homes, 2018 to 2022"])
    data = book.create_sheet("Table 1")
    data.append(["Table 1: admissions"])
    data.append(["Source: a test"])
    data.append([])
    data.append(["Area code", "Area name", "Year", "Admissions"])
    for year in range(2018, 2023):
        data.append(["E08000001", "Area 1", str(year), year - 2000])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbooks_sheets_are_read_once(client, editor, indicator):
    client.force_login(editor)
    batch, table_url = upload(client, indicator, "admissions.xlsx", workbook_bytes())
    assert table_url == reverse("indicators:import_table", args=["northshire", batch.token])
    importing.stored_path(batch).write_bytes(b"not a workbook any more")

    table_page = client.get(table_url)
    assert table_page.status_code == 200
    assert table_page.context["shown_sheet"] == "Table 1"
    assert [s.name for s in table_page.context["sheets"]] == ["Contents", "Table 1"]
    assert table_page.context["total_rows"] == 9
    response = client.post(table_url, {"sheet": "Table 1", "header_first": 4, "header_last": 4,
                                       "first_row": 5, "last_row": 9})
    assert response.status_code == 302, response.content.decode()[-3000:]
    mapping = client.get(response.url)
    assert mapping.status_code == 200
    response = client.post(response.url, posted_as_a_browser(mapping.context["form"]))
    assert response.status_code == 302, response.content.decode()[-3000:]
    check = client.get(response.url)
    assert check.status_code == 200
    assert [r.value for r in check.context["preview"].rows] == [18, 19, 20, 21, 22]
