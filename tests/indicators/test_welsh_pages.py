"""The evidence and comparison pages in Welsh: a browser asking for Welsh gets Welsh
headings, buttons and the import's messages (row and column named in Welsh), with no
English heading left, while the data (indicator and area names, column names) stays
as written."""

import html
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from joinedup.indicators import importing
from joinedup.indicators.models import ImportBatch
from tests.public_data import PUBLIC

WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}
ADMISSIONS = PUBLIC / "trafford_dashboard_residential_home_admissions.csv"
CSV = (
    b"area_code,area_name,period,value\n"
    b"E08000009,Trafford,2016/17,601.5\n"
    b"E08000010,Wigan,2016/17,abc\n"
    b"E08000009,Trafford,2017/18,580\n"
)


# The indicator pages' own fixtures: the same indicator, uploads kept in a temporary folder.
from . import test_pages  # noqa: E402

indicator, media_root = test_pages.indicator, test_pages.media_root


def text_of(response):
    """The page's main content (the header and navigation belong to the whole site)."""
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    return re.search(r"<main\b.*?</main>", page, re.S)[0]


def headings(page):
    """The text of every h1 and h2, tags inside them removed."""
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", page, re.S)]


def test_the_evidence_page_in_welsh(client, editor, indicator):
    client.force_login(editor)
    page = text_of(client.get(reverse("indicators:evidence", args=["northshire"]), **WELSH))
    assert "Tystiolaeth" in headings(page)
    assert "Ardaloedd" in headings(page)
    assert "Rheoli ardaloedd" in page and "Partneriaethau a’u dangosyddion" in page
    for english in ("Evidence", "Areas", "Manage areas", "Partnerships and their indicators"):
        assert english not in headings(page) and f">{english}<" not in page


def test_the_partnership_and_indicator_pages_in_welsh(client, editor, indicator):
    client.force_login(editor)
    page = text_of(client.get(
        reverse("indicators:partnership_evidence", args=["northshire", indicator.partnership_id]), **WELSH))
    assert "Canlyniadau a’u dangosyddion" in headings(page)
    assert "Digwyddiadau wedi’u marcio ar y siartiau" in headings(page)
    assert "Care home admissions 65+" in page  # data stays as written
    assert "Outcomes and their indicators" not in page and "Events marked on the charts" not in page

    page = text_of(client.get(reverse("indicators:indicator_detail", args=["northshire", indicator.pk]), **WELSH))
    assert "Care home admissions 65+" in headings(page)
    assert "Mewnforio data" in page and "Newid manylion y dangosydd" in page and "Dim data eto." in page
    assert "Cyfradd fesul 100,000" in page and "Is sy’n well" in page  # the choices' labels
    assert "No data yet" not in page and "Import data" not in page and "Lower is better" not in page


def test_an_import_in_welsh_names_the_row_and_column_in_welsh(client, editor, indicator):
    client.force_login(editor)
    upload = client.get(reverse("indicators:import_upload", args=["northshire", indicator.pk]), **WELSH)
    page = text_of(upload)
    assert "Mewnforio data" in headings(page) and "Llwytho i fyny a pharhau" in page
    assert "Upload and continue" not in page and "Import data" not in headings(page)

    response = client.post(reverse("indicators:import_upload", args=["northshire", indicator.pk]),
                           {"file": SimpleUploadedFile("admissions.csv", CSV)}, **WELSH)
    batch = ImportBatch.objects.get()
    page = text_of(client.get(response.url, **WELSH))
    assert "Dywedwch pa golofn sy’n dal beth" in headings(page)
    assert "Sut mae’r ffeil wedi’i gosod" in page and "Parhau" in page
    assert "Say which column holds what" not in page and "How the file is laid out" not in page

    mapping = {"layout": "long", "period_dates": "day", "period": "period", "area_name": "area_name",
               "area_code": "area_code", "value": "value"}
    response = client.post(reverse("indicators:import_mapping", args=["northshire", batch.token]), mapping,
                           **WELSH)
    page = text_of(client.get(response.url, **WELSH))
    assert "Gwirio’r mewnforio" in headings(page)
    assert "Mae problem gyda’r ffeil: nid oes dim wedi’i fewnforio" in headings(page)
    # The importer's error keeps the row number and the file's own column name.
    assert "Rhes 3, colofn 'value': Nid yw 'abc' yn rhif." in page
    assert "Check the import" not in page and "Row 3" not in page and "is not a number" not in page


def test_the_comparison_page_in_welsh(client, owner, workspace):
    client.force_login(owner)
    page = text_of(client.get(reverse("comparison:home", args=["northshire"]), **WELSH))
    assert "Cymharu â phartneriaethau tebyg" in headings(page)
    assert "Beth mae optio i mewn yn ei rannu" in headings(page) and "Optio i mewn i gymharu" in page
    assert "What opting in shares" not in page and "Opt in to comparison" not in page


def test_an_import_confirmed_in_welsh_and_its_indicator_page(client, editor, indicator,
                                                           django_capture_on_commit_callbacks):
    """The whole journey in Welsh on a public file: the result page, then the indicator page
    with its chart, statistics and values (the figures kept for Welsh are not shown in English)."""
    client.force_login(editor)
    response = client.post(reverse("indicators:import_upload", args=["northshire", indicator.pk]),
                           {"file": SimpleUploadedFile("admissions.csv", ADMISSIONS.read_bytes())}, **WELSH)
    batch = ImportBatch.objects.get()
    mapping = {"layout": "long", "period_dates": "day", "period": "period", "area_name": "area_name",
               "area_code": "area_code", "value": "value"}
    response = client.post(reverse("indicators:import_mapping", args=["northshire", batch.token]), mapping,
                           **WELSH)
    page = text_of(client.get(response.url, **WELSH))
    assert "Mewnforio 50 gwerth" in page and "Ardaloedd yn y ffeil" in headings(page)
    choices = importing.preview(batch).areas
    roles = {f"area_{i}": "own" if c.name == "Trafford" else "comparator" for i, c in enumerate(choices)}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(response.url, roles, **WELSH)
    page = text_of(client.get(response.url, **WELSH))
    assert "Mewnforio wedi’i gwblhau" in headings(page) and "Gwerthoedd newydd" in page
    assert "Import complete" not in page

    url = reverse("indicators:indicator_detail", args=["northshire", indicator.pk])
    page = text_of(client.get(url, **WELSH))
    assert {"Dros amser", "Beth mae’r ystadegau’n ei ddweud", "Y gwerthoedd yn y siart"} <= set(headings(page))
    assert "Rheoli prosesau ystadegol (siart XmR)" in page and "Siart linell o Cyfradd fesul 100,000" in page
    assert "Trafford (ardal ei hun)" in page and "Over time" not in page and "What the statistics say" not in page
    english = text_of(client.get(url))
    assert "Over time" in headings(english) and "Statistical process control (XmR chart)" in english
    assert "Dros amser" not in english and "Siart linell" not in english
