"""The report's links to the records behind cost, evidence and voice findings,
its detail charts with their tables, and the summary's voice figures."""

import re
from datetime import date

import pytest
from django.urls import reverse

from joinedup.indicators.models import Indicator
from joinedup.indicators.presenters import UNIT_TITLES
from joinedup.meetings.ledger import partnership_ledger
from joinedup.partnerships.models import Partnership
from joinedup.review import services
from joinedup.review.presenters import ReviewPresenter
from joinedup.surveys.headlines import NOT_SHOWN, wave_headlines
from joinedup.surveys.models import Wave
from joinedup.surveys.results import wave_results

AS_OF = date(2026, 11, 22)


@pytest.fixture
def demo(demo_workspace):
    return demo_workspace


@pytest.fixture
def reader(demo):
    from django.contrib.auth import get_user_model

    from joinedup.workspaces.models import UserRole

    user = get_user_model().objects.create_user("board", "board@example.org", "x-long-password")
    UserRole.objects.create(workspace=demo, user=user, role="viewer")
    return user


def presenter(workspace, name):
    partnership = Partnership.objects.get(workspace=workspace, name=name)
    review = services.review_partnership(partnership, as_of=AS_OF)
    return ReviewPresenter(review, workspace, [review])


def finding(report, rule_id):
    return next(f for f in report.findings if f["rule_id"] == rule_id)


def finding_html(page, rule_id):
    """The rendered block of one finding (its rule id is in its "Rule id" details)."""
    blocks = page.split('<div class="joinedup-finding">')[1:]
    return next(block for block in blocks if f">{rule_id}, described" in block)


def test_cost_evidence_and_voice_findings_link_to_their_records(client, reader, demo):
    bcf = presenter(demo, "Better Care Fund pooled budget")
    latest = Wave.objects.filter(partnership=bcf.partnership, opens_on__lte=AS_OF).order_by("-opens_on", "-pk")[0]
    client.force_login(reader)
    page = client.get(reverse("review:detail", args=["northshire", bcf.review.pk])).content.decode()

    load = reverse("meetings:load", args=["northshire"])
    assert f'href="{load}"' in finding_html(page, "cost.person_in_many_partnerships")
    # Two indicators named: the partnership's outcome evidence page.
    evidence = reverse("indicators:partnership_evidence", args=["northshire", bcf.partnership.pk])
    assert f'href="{evidence}"' in finding_html(page, "evidence.no_improvement")
    results = reverse("surveys:results", args=["northshire", latest.pk])
    for rule_id in ("voice.perspective_gap", "voice.no_user_voice"):
        assert f'href="{results}"' in finding_html(page, rule_id)
    network = reverse("network:home", args=["northshire"])
    assert f'href="{network}"' in finding_html(page, "network.broker_without_deputy")
    # Every link stays inside the workspace.
    for f in bcf.findings:
        assert f["record_url"].startswith("/w/northshire/") or f["record_url"].startswith("/northshire/"), f
        assert "northshire" in f["record_url"].split("#")[0]


def test_no_rule_id_is_in_a_findings_headline(client, reader, demo):
    bcf = presenter(demo, "Better Care Fund pooled budget")
    client.force_login(reader)
    page = client.get(reverse("review:detail", args=["northshire", bcf.review.pk])).content.decode()
    headlines = re.findall(r"<h3 class=\"govuk-heading-m\">.*?</h3>", page, re.S)
    assert headlines and not any(re.search(r"\([a-z]+\.[a-z_]+\)", h) for h in headlines)
    assert all(f">{f['rule_id']}, described" in page for f in bcf.findings)
    reasons = page.split("The verdict and its reasons</h2>")[1].split("</ul>")[0]
    assert bcf.review.verdict_reasons and "Disputed resources (high)" in reasons
    assert not re.search(r"\([a-z]+\.[a-z_]+,", reasons)  # stored with rule ids; shown without


def test_each_finding_about_records_links_to_the_form_that_fixes_them(demo):
    report = presenter(demo, "Better Care Fund pooled budget")
    f = finding(report, "resources.disputed")
    forms = [item["fix"].url for item in f["evidence"]]
    assert forms and all(re.fullmatch(rf"/w/northshire/partnerships/{report.partnership.pk}/resources/\d+/edit/", u)
                         for u in forms)


def test_fewer_decisions_at_each_meeting_opens_the_meetings_not_the_members(demo):
    from joinedup.partnerships.fixes import rule_fix

    report = presenter(demo, "Better Care Fund pooled budget")
    meetings = reverse("meetings:partnership_meetings", args=["northshire", report.partnership.pk])
    url, text = report.record_link({"rule_id": "stale.decisions_falling", "evidence": []})
    assert url == meetings and "meetings" in text
    assert rule_fix(demo, report.partnership, "stale.decisions_falling").url == meetings


def test_an_evidence_finding_about_one_indicator_links_to_its_page(demo):
    report = presenter(demo, "Saltmarsh Mental Health Hub")
    f = finding(report, "evidence.special_cause_concern")
    named = [i for i in Indicator.objects.filter(partnership=report.partnership)
             if any(e["text"].startswith(i.name) for e in f["evidence"])]
    assert len(named) == 1
    assert f["record_url"] == reverse("indicators:indicator_detail", args=["northshire", named[0].pk])


def test_the_pdf_shows_the_links_as_text(demo):
    from io import BytesIO

    from pypdf import PdfReader

    from joinedup.review.pdf import review_pdf

    bcf = presenter(demo, "Better Care Fund pooled budget")
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(review_pdf(bcf))).pages)
    text = re.sub(r"\s+", "", text)
    assert reverse("meetings:load", args=["northshire"]) in text  # "sits in too many partnerships"
    assert "Rule:cost.person_in_many_partnerships" in text  # the rule id, after the finding, not in its heading


def test_the_report_has_a_cost_chart_and_each_indicator_chart_with_tables(client, reader, demo):
    bcf = presenter(demo, "Better Care Fund pooled budget")
    client.force_login(reader)
    page = client.get(reverse("review:detail", args=["northshire", bcf.review.pk])).content.decode()

    cost = page[page.index('id="cost-chart"'):page.index('id="history"')]
    assert "<svg" in cost and '<table class="govuk-table">' in cost
    rows = bcf.cost_chart["rows"]
    assert 1 <= len(rows) <= 12
    # The same figures as the meeting cost ledger's quarters.
    ledger = {t.period.label: t for t in partnership_ledger(demo, bcf.partnership, as_of=AS_OF).by_quarter}
    for row in rows:
        quarter = ledger[row["label"]]
        assert row["cost"] == f"£{quarter.cost:,.2f}" and row["meetings"] == quarter.meetings
        assert row["cost"] in cost

    indicators = list(Indicator.objects.filter(partnership=bcf.partnership, archived_at__isnull=True))
    assert len(bcf.indicator_charts) == len(indicators) == 2
    section = page[page.index('id="indicator-charts"'):page.index('id="history"')]
    for indicator in indicators:
        block = section[section.index(f'id="indicator-{indicator.pk}"'):]
        assert "<svg" in block[:block.index("</figure>")]
        assert '<table class="govuk-table">' in block
        assert reverse("indicators:indicator_detail", args=["northshire", indicator.pk]) in block
    chart = bcf.indicator_charts[0]
    assert len(chart["rows"]) <= 24 and chart["areas"][0] == "Northshire"


def test_the_summary_gives_the_latest_waves_figures(client, reader, demo):
    hwb = presenter(demo, "Northshire Health and Wellbeing Board")
    client.force_login(reader)
    page = client.get(reverse("review:detail", args=["northshire", hwb.review.pk])).content.decode()
    summary = page[page.index('id="voice-figures"'):page.index('id="contents-heading"')]
    assert "Partnership health check:" in summary and "overall score:" in summary
    assert "job satisfaction and morale:" in summary and "role clarity:" in summary
    assert "times told their story to someone new" in summary


def test_voice_figures_match_the_results_page_and_hide_small_numbers(demo):
    hwb = Partnership.objects.get(workspace=demo, name="Northshire Health and Wellbeing Board")
    wave = Wave.objects.filter(partnership=hwb).order_by("-opens_on", "-pk")[0]
    headlines = {h.code: h for h in wave_headlines(wave)}
    results = {r.code: r for r in wave_results(wave).instruments}
    staff = dict(headlines["staff_pulse"].figures)
    scores = next(t for t in results["staff_pulse"].tables if t.key == "theme_scores")
    everyone = {row[0].text: row[3].text for row in scores.rows if row[1].text == "Everyone"}
    morale = everyone["Job satisfaction and morale"]
    assert staff["job satisfaction and morale"] == f"{morale.split()[0]} out of 5"

    # A threshold above the number who answered hides every figure, as on the results page.
    wave.threshold = 60
    wave.save(update_fields=["threshold"])
    for h in wave_headlines(wave):
        assert not re.search(r"\d+ answered", h.answered_text)
        for _, text in h.figures:
            assert text == NOT_SHOWN


def test_each_indicator_chart_names_its_unit_on_one_line(demo):
    """The unit is the value axis's title, one text; it was drawn a letter a line
    (altair took the lazy translation for a list of lines)."""
    bcf = presenter(demo, "Better Care Fund pooled budget")
    assert bcf.indicator_charts
    for chart in bcf.indicator_charts:
        unit = str(UNIT_TITLES[chart["indicator"].unit])
        assert f">{unit}</text>" in chart["svg"]
        assert "<tspan" not in chart["svg"]
