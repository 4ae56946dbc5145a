"""Value for effort: the yearly cost beside the evidence of change, in the
review's figures, the report, the portfolio with its chart, and the exports."""

import csv
import io
from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from joinedup.indicators.review_facts import EvidenceFacts, IndicatorFacts
from joinedup.partnerships.models import Partnership
from joinedup.review import services
from joinedup.review.charts import cost_against_evidence
from joinedup.review.models import Review
from joinedup.review.portfolio import evidence_figures, portfolio_rows
from joinedup.review.presenters import ReviewPresenter
from joinedup.workspaces.models import Role, UserRole

TODAY = date(2026, 11, 22)


def indicator(**changes):
    values = {"id": 1, "name": "Delayed discharges", "outcome_id": 1, "frequency": "month", "direction": "lower",
              "latest_end": date(2026, 9, 30), "periods_after_start": 12}
    return IndicatorFacts(**{**values, **changes})


@pytest.fixture
def demo(demo_workspace, django_user_model):
    workspace = demo_workspace
    services.review_partnerships(Partnership.objects.filter(workspace=workspace), as_of=TODAY)
    viewer = django_user_model.objects.create_user(username="board", password="not-used")
    UserRole.objects.create(workspace=workspace, user=viewer, role=Role.VIEWER)
    return SimpleNamespace(workspace=workspace, viewer=viewer)


def latest_review(workspace, name):
    # The demo reviews every partnership as it loads; the fixture's review is the latest.
    return services.latest_reviews(Partnership.objects.get(workspace=workspace, name=name), count=1)[0]


def figures_of(workspace, name):
    return latest_review(workspace, name).figures


def test_it_counts_indicators_with_data_since_the_start_and_those_improving():
    evidence = EvidenceFacts([], [
        indicator(improvement_p=0.049),
        indicator(id=2, improvement_p=0.05, latest_end=date(2026, 10, 31), latest_variation="special_cause_concern"),
        indicator(id=3, improvement_p=None),
        # Data only from before the start: not counted as measured, even with a p-value.
        indicator(id=4, periods_after_start=0, improvement_p=0.001, latest_end=date(2027, 1, 1)),
    ])
    figures = services.review_figures(SimpleNamespace(cost=None, evidence=evidence), TODAY)
    assert figures == {
        "indicators": 4, "indicators_measured": 3, "indicators_improving": 1, "indicators_worse": 1,
        "improvement_p": 0.05, "latest_data": "2027-01-01",
    }


def test_the_p_value_limit_follows_the_review_thresholds(settings):
    settings.REVIEW_THRESHOLDS = {"evidence_improvement_p": 0.1}
    evidence = EvidenceFacts([], [indicator(improvement_p=0.07)])
    figures = services.review_figures(SimpleNamespace(cost=None, evidence=evidence), TODAY)
    assert figures["indicators_improving"] == 1 and figures["improvement_p"] == 0.1


def test_no_evidence_facts_leaves_the_evidence_figures_out():
    assert services.review_figures(SimpleNamespace(cost=None, evidence=None), TODAY) == {}
    figures = services.review_figures(SimpleNamespace(cost=None, evidence=EvidenceFacts()), TODAY)
    assert figures["indicators"] == 0 and figures["latest_data"] is None


def test_the_demo_reviews_record_the_evidence_of_change(demo):
    home_first = figures_of(demo.workspace, "Home First: leaving hospital well")
    assert home_first["indicators"] == 3 and home_first["indicators_measured"] == 3
    assert home_first["indicators_improving"] == 3 and home_first["indicators_worse"] == 0
    assert home_first["latest_data"] == "2026-09-30"
    # The lead moved on and people have to repeat their story more often.
    saltmarsh = figures_of(demo.workspace, "Saltmarsh Mental Health Hub")
    assert saltmarsh["indicators_worse"] == 1
    frailty = figures_of(demo.workspace, "Northshire Frailty Network")
    assert frailty["indicators"] == 0 and "yearly_cost" in frailty


def test_the_portfolio_says_k_of_n_improving(demo):
    rows = {r.name: r for r in portfolio_rows(demo.workspace, TODAY)}
    assert rows["Home First: leaving hospital well"].outcome_evidence == "3 of 3 indicators improving"
    assert rows["Northshire Frailty Network"].outcome_evidence == "No indicators"
    assert rows["Home First: leaving hospital well"].improving_share == 1
    assert rows["Northshire Frailty Network"].improving_share is None


def test_old_reviews_without_evidence_figures_say_not_recorded():
    old = Review(figures={"yearly_cost": "100", "meetings_in_year": 1}, facts_recorded={"evidence": True})
    assert evidence_figures(old) == ("Not recorded", {})
    assert evidence_figures(Review(figures=None)) == ("Not recorded", {})
    assert evidence_figures(None) == ("Not recorded", {})
    none_since = Review(figures={"indicators": 2, "indicators_measured": 0, "indicators_improving": 0})
    assert evidence_figures(none_since)[0] == "No data since the start"


def test_the_chart_has_one_point_per_partnership_and_a_table_of_the_same(demo):
    response = demo_get(demo, reverse("review:portfolio", args=["northshire"]))
    chart = response.context["page"].value_chart
    plotted = [r.name for r in portfolio_rows(demo.workspace, TODAY)
               if r.yearly_cost_value is not None and r.improving_share is not None]
    assert [row["name"] for row in chart["rows"]] == sorted(plotted, key=str.lower)
    assert chart["svg"].startswith("<svg")
    # One more since the Frailty Pathway Group (added for the Network page, issue 15): it has no indicator.
    assert chart["left_out"] == "Left out of the chart: 3 partnerships with a cost but no indicator data since the start."
    page = response.content.decode()
    table = page[page.index("Yearly cost and indicators improving, by partnership"):]
    for name in plotted:
        assert f">{name}</th>" in table.replace("&#x27;", "'")
    assert "The review puts no money value on outcomes" in page


def test_the_chart_is_left_out_when_nothing_has_both():
    assert cost_against_evidence([]) is None
    svg, rows = cost_against_evidence([{"name": "Alpha", "yearly_cost": 1200, "measured": 4, "improving": 1}])
    assert "<svg" in svg and rows[0]["share"] == 0.25


def test_the_exports_carry_the_evidence_columns(demo):
    url = reverse("review:portfolio_export", args=["northshire", "csv"])
    rows = list(csv.DictReader(io.StringIO(demo_get(demo, url, {"sort": "name"}).content.decode("utf-8-sig"))))
    home_first = next(r for r in rows if r["Partnership"] == "Home First: leaving hospital well")
    assert home_first["Indicators with data since the start"] == "3"
    assert home_first["Indicators improving"] == "3"
    assert home_first["Latest outcome data"] == "2026-09-30"
    xlsx = demo_get(demo, reverse("review:portfolio_export", args=["northshire", "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    headings = [c.value for c in sheet[1]]
    assert {"Indicators", "Indicators improving", "Indicators worse at latest value"} <= set(headings)
    latest = sheet.cell(row=2, column=headings.index("Last reviewed") + 1)
    assert latest.is_date and latest.number_format == "yyyy-mm-dd"


def test_the_report_has_a_value_for_effort_section(demo):
    review = latest_review(demo.workspace, "Home First: leaving hospital well")
    page = demo_get(demo, reverse("review:detail", args=["northshire", review.pk])).content.decode()
    assert 'href="#value-for-effort">Value for effort</a>' in page
    assert "3 of 3 indicators with data since the partnership started show an improvement (p-value below 0.05)" in page
    assert "The review puts no money value on outcomes" in page


def test_an_old_review_without_figures_still_renders(demo):
    review = latest_review(demo.workspace, "Northshire Safeguarding Adults Board")
    review.figures = {}
    review.save(update_fields=["figures"])
    report = ReviewPresenter(review, demo.workspace)
    assert report.value_for_effort["rows"] == [("Yearly cost of meetings", "Not recorded"),
                                              ("Evidence of change", "Not recorded")]
    page = demo_get(demo, reverse("review:detail", args=["northshire", review.pk])).content.decode()
    assert "Value for effort" in page
    portfolio = demo_get(demo, reverse("review:portfolio", args=["northshire"]))
    assert "1 partnership with no meeting cost recorded" in portfolio.context["page"].value_chart["left_out"]


def demo_get(demo, url, params=None):
    from django.test import Client

    client = Client()
    client.force_login(demo.viewer)
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response
