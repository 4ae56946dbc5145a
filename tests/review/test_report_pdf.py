"""The PDF report, rendered for real: page count, text, and page 1 as an image."""

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from joinedup.partnerships.models import Partnership
from joinedup.review import services
from joinedup.review.pdf import review_pdf
from joinedup.review.presenters import ReviewPresenter

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def bcf_review(demo_workspace):
    workspace = demo_workspace
    bcf = Partnership.objects.get(workspace=workspace, name="Better Care Fund pooled budget")
    services.review_partnership(bcf, as_of=date(2026, 3, 1))
    review = services.review_partnership(bcf, as_of=date(2026, 11, 22))
    history = list(services.reviews_of(workspace).filter(partnership=bcf))
    return ReviewPresenter(review, workspace, history)


@pytest.fixture(scope="module")
def rendered():
    return {}


@pytest.fixture
def bcf_pdf(request, rendered):
    """The review's PDF, rendered once for the module (seconds each time): the
    tests that only read it look at one document in several ways."""
    if "bcf" not in rendered:
        rendered["bcf"] = review_pdf(request.getfixturevalue("bcf_review"))
    return rendered["bcf"]


def test_the_pdf_has_a_summary_page_then_the_detail(bcf_pdf):
    reader = PdfReader(io.BytesIO(bcf_pdf))
    assert 3 <= len(reader.pages) <= 10
    first = reader.pages[0].extract_text()
    assert "Review of Better Care Fund pooled budget" in first
    assert "Verdict: Restructure" in first
    assert "Disputed resources" in first
    assert "Yearly cost" in first and "Outcome evidence" in first and "Voices" in first
    assert "Voices in the latest survey wave" in first and "overall score" in first
    # The workspace's name and the review's date, in the caption and on every page's header.
    assert "Northshire (demo) · reviewed 22 November 2026" in first
    assert all("Northshire (demo)" in page.extract_text() for page in reader.pages)
    assert f"Page 1 of {len(reader.pages)}" in first
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Partners' own targets pull against the shared outcomes" in text
    assert "£6,800,000 is disputed" in text
    assert "Reviews over time" in text


def test_the_contents_list_gives_page_numbers(bcf_pdf):
    first = PdfReader(io.BytesIO(bcf_pdf)).pages[0].extract_text()
    contents = first[first.index("Contents"):]
    assert "The verdict and its reasons" in contents
    assert any(line.rstrip().endswith(("2", "3")) for line in contents.splitlines()[1:])


def test_page_one_renders_to_an_image(bcf_pdf):
    ARTIFACTS.mkdir(exist_ok=True)
    pdf_path = ARTIFACTS / "review-report.pdf"
    pdf_path.write_bytes(bcf_pdf)
    assert shutil.which("pdftoppm"), "poppler-utils (pdftoppm) is needed to render the PDF"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf_path),
         str(ARTIFACTS / "review-report-page-1")],
        check=True, timeout=60,
    )
    png = ARTIFACTS / "review-report-page-1.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000


def test_the_pdf_download_and_the_portfolio_pdf(client, bcf_review):
    from django.contrib.auth import get_user_model

    from joinedup.workspaces.models import UserRole

    user = get_user_model().objects.create_user("board", "board@example.org", "x-long-password")
    UserRole.objects.create(workspace=bcf_review.workspace, user=user, role="viewer")
    client.force_login(user)
    response = client.get(reverse("review:pdf", args=["northshire", bcf_review.review.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    portfolio = client.get(reverse("review:portfolio_export", args=["northshire", "pdf"]))
    reader = PdfReader(io.BytesIO(portfolio.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Portfolio review" in text and "Better Care Fund pooled budget" in text
    assert "Restructure" in text


def _xobjects(page):
    resources = page.get("/Resources") or {}
    found = resources.get("/XObject") or {}
    return {name: found[name].get_object() for name in found}


def test_the_charts_are_vector_graphics(bcf_pdf):
    """The findings, cost and indicator charts are drawn as PDF paths, not
    pasted in as pictures: no page with a chart carries a raster image."""
    reader = PdfReader(io.BytesIO(bcf_pdf))
    chart_pages = [page for page in reader.pages
                   if any(title in page.extract_text() for title in (
                       "Findings at each review by severity", "Cost of meetings per quarter",
                       "Line chart of Rate per 100,000"))]
    assert len(chart_pages) >= 2
    for page in chart_pages:
        images = [x for x in _xobjects(page).values() if x.get("/Subtype") == "/Image"]
        assert not images
        content = page.get_contents().get_data()
        # Many path drawing operators: lines, rectangles, fills and strokes.
        operators = re.findall(rb"(?<![A-Za-z])(re|l|c|f|S)(?![A-Za-z])", content)
        # Charts drawn by WeasyPrint may sit in form XObjects: count those too.
        for x in _xobjects(page).values():
            if x.get("/Subtype") == "/Form":
                operators += re.findall(rb"(?<![A-Za-z])(re|l|c|f|S)(?![A-Za-z])", x.get_data())
        assert len(operators) > 100


def test_a_report_holds_its_charts_but_fetches_nothing_else(tmp_path):
    """Charts come in as data: URIs; anything else (a file, the network) stops the PDF."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from joinedup.design_system.templatetags.charts import svg_data_uri
    from joinedup.review.pdf import data_only_fetcher

    chart = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="37" height="19"/></svg>'
    pdf = HTML(string=f'<img src="{svg_data_uri(chart)}">', url_fetcher=data_only_fetcher()).write_pdf()
    # The chart was drawn, as a vector rectangle (an image that failed to load leaves nothing).
    assert b"0 0 37 19 re" in PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
    secret = tmp_path / "secret.svg"
    secret.write_text(chart)
    for url in (secret.as_uri(), "http://127.0.0.1:9/chart.svg"):
        with pytest.raises(FatalURLFetchingError, match="only hold its own charts"):
            HTML(string=f'<img src="{url}">', url_fetcher=data_only_fetcher()).write_pdf()


def test_the_html_parser_finds_its_patterns_in_its_cache():
    """tinyhtml5 2.1 files each pattern under the compiled pattern, so it never
    finds one; mend_html_parser_cache files them under the characters. The tree
    parsed is the same either way. When a release fixes tinyhtml5, the first
    assertion fails: then remove mend_html_parser_cache."""
    import xml.etree.ElementTree as ET

    import tinyhtml5
    from tinyhtml5 import inputstream

    from joinedup.review.pdf import mend_html_parser_cache

    html = '<p class="a &amp; b">One <b>two</b> &lt;three&gt;</p><!-- note --><table><tr><td>4</table>'
    saved = inputstream.characters_until_regex
    try:
        inputstream.characters_until_regex = {}
        before = ET.tostring(tinyhtml5.parse(html, namespace_html_elements=False))
        assert all(isinstance(characters, re.Pattern) for characters, _ in inputstream.characters_until_regex), (
            "tinyhtml5 now caches its patterns under the right key: remove mend_html_parser_cache")
        mend_html_parser_cache()
        after = ET.tostring(tinyhtml5.parse(html, namespace_html_elements=False))
        keys = list(inputstream.characters_until_regex)
        tinyhtml5.parse(html, namespace_html_elements=False)
        assert list(inputstream.characters_until_regex) == keys  # the second parse found every pattern
    finally:
        inputstream.characters_until_regex = saved
    assert after == before
    assert keys and all(not isinstance(characters, re.Pattern) for characters, _ in keys)


def test_the_pdf_carries_one_font_family(bcf_pdf):
    """Text and charts alike are in Liberation Sans (the charts' Arial): a chart
    without a font of its own would bring in the system's default as well."""
    reader = PdfReader(io.BytesIO(bcf_pdf))

    def fonts(holder):
        resources = (holder.get("/Resources") or {})
        found = {f.get_object()["/BaseFont"] for f in (resources.get("/Font") or {}).values()}
        for x in (resources.get("/XObject") or {}).values():
            found |= fonts(x.get_object())
        return found

    names = set().union(*(fonts(page) for page in reader.pages))
    assert names and all("Liberation-Sans" in name for name in names), names


def test_the_running_header_prints_apostrophes_and_ampersands(bcf_review):
    bcf_review.workspace.name = "O'Brien & Sons <King's Lynn> \"Care\" \\ Trust"
    bcf_review.workspace.save()
    reader = PdfReader(io.BytesIO(review_pdf(bcf_review)))
    for page in reader.pages:
        assert "O'Brien & Sons <King's Lynn> \"Care\" \\ Trust" in page.extract_text()


def test_the_pdf_is_tagged_with_a_title_a_language_and_bookmarks(bcf_pdf):
    reader = PdfReader(io.BytesIO(bcf_pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title.startswith("Review of Better Care Fund pooled budget")

    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    bookmarks = list(titles(reader.outline))
    assert bookmarks[0] == "Review of Better Care Fund pooled budget"
    assert "The verdict and its reasons" in bookmarks


def test_garbage_collection_waits_while_a_pdf_is_made(bcf_review):
    """Cyclic garbage collection is paused while the PDF is made and on again after,
    even when it fails; a process that paused it itself finds it still paused."""
    import gc

    from joinedup.review.pdf import collection_paused

    assert gc.isenabled()
    seen = []
    with collection_paused():
        seen.append(gc.isenabled())
    assert seen == [False] and gc.isenabled()
    with pytest.raises(ZeroDivisionError), collection_paused():
        1 / 0  # noqa: B018
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        pdf = review_pdf(bcf_review)
    finally:
        gc.callbacks.remove(count)
    # Made with collection on, the PDF sets off hundreds; paused, one young collection
    # follows, as collection resumes.
    assert pdf.startswith(b"%PDF") and collections in ([], [0]) and gc.isenabled()
