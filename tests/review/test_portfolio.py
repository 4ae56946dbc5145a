"""The portfolio: sorting, filtering and exports."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from joinedup.partnerships.models import Outcome, Partnership
from joinedup.review import services
from joinedup.review.portfolio import capability_text, parse_sort, portfolio_rows, sort_rows

TODAY = date(2026, 11, 22)


@pytest.fixture
def three(workspace):
    made = [
        Partnership.objects.create(workspace=workspace, name="Alpha Carers Forum", form="information_network",
                                   purpose="Carers are heard.", start_date=date(2016, 1, 1)),
        Partnership.objects.create(workspace=workspace, name="Beta Pooled Fund", form="pooled_budget",
                                   purpose="Money follows the person.", start_date=date(2024, 1, 1),
                                   status="under_review"),
        Partnership.objects.create(workspace=workspace, name="=HYPERLINK(\"http://example.org\")",
                                   form="co_location", purpose="", start_date=date(2020, 1, 1)),
    ]
    Outcome.objects.create(partnership=made[0], statement="I am heard.", why_partnership="Many voices.",
                           downsides="Meetings take carers' time.")
    services.review_partnerships(Partnership.objects.filter(workspace=workspace), as_of=TODAY)
    return made


def names(response):
    return [r.name for r in response.context["page"].all_rows]


def test_rows_carry_the_latest_review(three, workspace):
    rows = {r.name: r for r in portfolio_rows(workspace, TODAY)}
    alpha = rows["Alpha Carers Forum"]
    assert alpha.verdict == "restructure" and alpha.high == 1
    assert alpha.age_years == 10.9


def test_cost_and_evidence_say_not_recorded_until_their_facts_exist():
    from joinedup.review.models import Review

    review = Review(findings=[{"rule_id": "evidence.no_recent_data"}, {"rule_id": "stale.same_people"}],
                    facts_recorded={"cost": False, "evidence": True})
    assert capability_text(None, "cost") == "Not recorded"
    assert capability_text(review, "cost") == "Not recorded"
    assert capability_text(review, "evidence") == "1 finding"
    review.findings = []
    assert capability_text(review, "evidence") == "No findings"


def test_sorting_by_each_column_and_reversing(three, workspace):
    rows = portfolio_rows(workspace, TODAY)
    assert [r.name for r in sort_rows(rows, *parse_sort("age"))][0] == "Beta Pooled Fund"
    assert [r.name for r in sort_rows(rows, *parse_sort("-age"))][0] == "Alpha Carers Forum"
    assert [r.form for r in sort_rows(rows, *parse_sort("form"))] == ["information_network", "co_location", "pooled_budget"]
    assert parse_sort("nonsense") == ("name", False)


def test_the_page_sorts_and_filters_without_javascript(client, viewer, three):
    client.force_login(viewer)
    url = reverse("review:portfolio", args=["northshire"])
    assert names(client.get(url, {"sort": "-high"}))[0] == "=HYPERLINK(\"http://example.org\")"
    assert names(client.get(url, {"form": "pooled_budget"})) == ["Beta Pooled Fund"]
    assert names(client.get(url, {"status": "under_review", "verdict": "none"})) == []
    assert names(client.get(url, {"form": "not-a-form"})) == names(client.get(url))
    page = client.get(url, {"sort": "age"}).content.decode()
    assert 'aria-sort="ascending"' in page
    assert "?sort=-age" in page


def test_csv_export_neutralises_formulas(client, viewer, three):
    client.force_login(viewer)
    response = client.get(reverse("review:portfolio_export", args=["northshire", "csv"]), {"sort": "name"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Partnership", "Form", "Status", "Age (years)", "Verdict"]
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(\"http://example.org\")", "Alpha Carers Forum", "Beta Pooled Fund"]


def test_xlsx_export_keeps_formulas_as_text(client, viewer, three):
    client.force_login(viewer)
    response = client.get(reverse("review:portfolio_export", args=["northshire", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"http://example.org\")" in values
    assert sheet.cell(row=1, column=10).value == "Yearly cost (£)"




def test_yearly_cost_sums_the_meetings_of_the_last_twelve_months():
    from types import SimpleNamespace

    from joinedup.review.models import Review
    from joinedup.review.portfolio import yearly_cost
    from joinedup.review.services import review_figures

    meetings = [SimpleNamespace(held_on=date(2025, 11, 22), cost=900), SimpleNamespace(held_on=date(2025, 11, 23), cost=1200),
                SimpleNamespace(held_on=date(2026, 11, 22), cost="300.40"), SimpleNamespace(held_on=date(2026, 11, 23), cost=50)]
    figures = review_figures(SimpleNamespace(cost=SimpleNamespace(meetings=meetings)), TODAY)
    assert figures == {"yearly_cost": "1500.40", "meetings_in_year": 2}
    assert review_figures(SimpleNamespace(cost=None), TODAY) == {}
    text, value = yearly_cost(Review(figures=figures, facts_recorded={"cost": True}))
    assert text == "£1,500" and str(value) == "1500.40"


def test_the_total_yearly_cost_adds_up_the_rows_with_a_cost(three, workspace):
    from dataclasses import replace
    from decimal import Decimal

    from joinedup.review.portfolio import totals

    rows = portfolio_rows(workspace, TODAY)
    assert totals(rows)["yearly_cost"] == "Not recorded" and totals(rows)["costed"] == 0
    costed = [replace(rows[0], yearly_cost_value=Decimal("1000.40")),
              replace(rows[1], yearly_cost_value=Decimal("2000.30")), rows[2]]
    assert totals(costed)["yearly_cost"] == "£3,001"
    assert totals(costed)["costed"] == 2


def test_signs_of_staleness_count_only_stale_findings():
    from joinedup.review.models import Review, stale_findings

    review = Review(findings=[{"rule_id": "stale.same_people"}, {"rule_id": "voice.low_response"},
                              {"rule_id": "voice.perspective_gap"}, {"rule_id": "stale.new_family_rule"},
                              {"rule_id": "purpose.no_outcomes"}])
    assert stale_findings(review.findings) == 2
    assert stale_findings(None) == 0


@pytest.fixture
def demo_portfolio(db):
    from joinedup.demo.loader import load_demo

    workspace, _ = load_demo()
    return workspace


def test_the_health_check_column_shows_the_latest_overall_score_where_shown(client, demo_portfolio):
    from django.contrib.auth import get_user_model

    from joinedup.comparison.figures import HEALTH_CHECK_OVERALL, survey_scores
    from joinedup.partnerships.models import Partnership
    from joinedup.surveys.models import Wave
    from joinedup.workspaces.models import UserRole

    # Every demo partnership has run a health check; a newly registered one has not.
    Partnership.objects.create(workspace=demo_portfolio, name="Newly registered", form="information_network",
                               purpose="Share what we know.", start_date=date(2026, 10, 1))
    rows = {r.name: r for r in portfolio_rows(demo_portfolio, TODAY)}
    bcf = rows["Better Care Fund pooled budget"]
    # The same overall score as the comparison with similar partnerships.
    expected = survey_scores([bcf.id], TODAY)[bcf.id][HEALTH_CHECK_OVERALL]
    assert bcf.health_check_value == pytest.approx(expected)
    assert bcf.health_check == f"{expected:.2f}"
    assert rows["Newly registered"].health_check == "No health check"
    assert rows["Newly registered"].health_check_value is None
    assert rows["Brampton Neighbourhood Care Team"].health_check_value is not None
    # Signs of staleness: BCF's three stale.* findings, not its voice.* ones.
    assert bcf.stale == 3

    # Raise the latest health check's threshold above those who answered: hidden.
    latest = next(w for w in Wave.objects.filter(partnership_id=bcf.id, opens_on__lte=TODAY).order_by("-opens_on", "-pk")
                  if "health_check" in w.instruments)
    latest.threshold = 60
    latest.save(update_fields=["threshold"])
    rows = {r.name: r for r in portfolio_rows(demo_portfolio, TODAY)}
    assert rows["Better Care Fund pooled budget"].health_check == "Not shown (too few answers)"
    assert rows["Better Care Fund pooled budget"].health_check_value is None

    values = [r.health_check_value for r in sort_rows(list(rows.values()), *parse_sort("health"))]
    scored = [v for v in values if v is not None]
    assert scored and values == sorted(scored) + [None] * (len(values) - len(scored))

    user = get_user_model().objects.create_user("board", "board@example.org", "x-long-password")
    UserRole.objects.create(workspace=demo_portfolio, user=user, role="viewer")
    client.force_login(user)
    page = client.get(reverse("review:portfolio", args=[demo_portfolio.slug]), {"sort": "health"}).content.decode()
    assert "Health check" in page and "Not shown (too few answers)" in page and "No health check" in page
    response = client.get(reverse("review:portfolio_export", args=[demo_portfolio.slug, "csv"]))
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    column = table[0].index("Health check (1 to 5)")
    by_name = {r[0]: r[column] for r in table[1:]}
    assert by_name["Better Care Fund pooled budget"] == "Not shown (too few answers)"
    assert by_name["Newly registered"] == "No health check"
    assert any(re.fullmatch(r"\d\.\d+", v) for v in by_name.values())
    sheet = load_workbook(io.BytesIO(client.get(
        reverse("review:portfolio_export", args=[demo_portfolio.slug, "xlsx"])).content)).active
    assert "Health check (1 to 5)" in [c.value for c in sheet[1]]


def test_an_overridden_verdict_is_marked_on_the_page_and_in_the_export(client, viewer, three):
    from joinedup.review.models import Review

    review = Review.objects.filter(partnership=three[1]).latest("as_of")
    rules_said = review.get_verdict_display()
    review.override_verdict = "continue" if review.verdict != "continue" else "end"
    review.override_reason = "The board agreed it at its March meeting."
    review.save()
    client.force_login(viewer)
    page = client.get(reverse("review:portfolio", args=["northshire"]), {"sort": "name"}).content.decode()
    assert f"overridden; the rules said {rules_said}" in page
    assert page.count("overridden; the rules said") == 1
    response = client.get(reverse("review:portfolio_export", args=["northshire", "csv"]), {"sort": "name"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    column = rows[0].index("Overridden from (the rules' verdict)")
    assert [r[column] for r in rows[1:]] == ["", "", rules_said]


def test_the_portfolio_asks_as_many_queries_for_many_health_checks_as_for_few(client, viewer, workspace):
    """Each partnership's latest health check is read from kept means with a
    constant number of queries, however many partnerships, waves and answers."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from joinedup.surveys.instruments import instrument
    from joinedup.surveys.models import Response, Wave

    scored = [q.code for t in instrument("health_check").themes for q in instrument("health_check").theme_questions(t.code)]

    def grow(count, start):
        for i in range(start, start + count):
            p = Partnership.objects.create(workspace=workspace, name=f"P{i:03}", form="coordinated_working",
                                           purpose="Joined-up help.", start_date=date(2021, 1, 1))
            for opens_on in (date(2025, 3, 1), date(2026, 3, 1)):
                wave = Wave.objects.create(partnership=p, name=f"Wave {opens_on}", opens_on=opens_on,
                                           instruments=["health_check"], respondent_groups=["Council"])
                Response.objects.bulk_create(
                    Response(wave=wave, instrument="health_check", respondent_group=group, released=True,
                             answers={code: 1 + (n + i) % 5 for code in scored})
                    for n, group in enumerate(["Council"] * 6 + ["Hospital"] * (i % 7)))

    def queries():
        with CaptureQueriesContext(connection) as found:
            assert client.get(reverse("review:portfolio", args=[workspace.slug])).status_code == 200
        return len(found)

    client.force_login(viewer)
    grow(2, 0)
    queries()  # works the means out and keeps them
    few = queries()
    grow(8, 2)
    queries()
    many = queries()
    assert many == few
    assert sum(1 for r in portfolio_rows(workspace, TODAY) if r.health_check_value is not None) == 10
