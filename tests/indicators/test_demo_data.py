"""The demo's indicator series tell each partnership's story."""

from datetime import date

import pytest

from joinedup.demo.loader import load_demo
from joinedup.indicators.models import Area, Event, Indicator, Measurement
from joinedup.partnerships.models import Partnership
from joinedup.review.facts import partnership_facts
from joinedup.review.rules import run_rules

TODAY = date(2026, 11, 22)


@pytest.fixture
def northshire(demo_workspace):
    return demo_workspace


def evidence_findings(workspace, name):
    partnership = Partnership.objects.get(workspace=workspace, name=name)
    return {f.rule_id for f in run_rules(partnership_facts(partnership, TODAY), today=TODAY)
            if f.rule_id.startswith("evidence.")}


def test_the_demo_has_an_own_area_four_comparators_and_indicators(northshire):
    assert list(Area.objects.filter(workspace=northshire, is_own_area=True).values_list("name", flat=True)) == [
        "Northshire"]
    assert Area.objects.filter(workspace=northshire, is_own_area=False).count() == 4
    assert Indicator.objects.filter(partnership__workspace=northshire).count() == 12
    assert not Indicator.objects.filter(partnership__name="Northshire Frailty Network").exists()
    assert Event.objects.filter(partnership__name="Saltmarsh Mental Health Hub", label="Hub coordinator left").exists()


def test_each_partnerships_evidence_matches_its_story(northshire):
    assert evidence_findings(northshire, "Home First: leaving hospital well") == set()
    assert evidence_findings(northshire, "Northshire Health and Wellbeing Board") == {"evidence.no_improvement"}
    assert evidence_findings(northshire, "Better Care Fund pooled budget") == {"evidence.no_improvement"}
    assert evidence_findings(northshire, "Saltmarsh Mental Health Hub") == {"evidence.special_cause_concern"}
    assert evidence_findings(northshire, "Northshire Safeguarding Adults Board") == set()
    # Brampton started in April 2026: too new to be asked for indicators (12 months).
    assert evidence_findings(northshire, "Brampton Neighbourhood Care Team") == set()
    assert evidence_findings(northshire, "Homeless Health Partnership") == {"evidence.outcome_without_indicator"}


def test_home_first_delays_fall_after_it_started_and_comparators_do_not(northshire):
    indicator = Indicator.objects.get(name__startswith="Delayed discharges")
    def mean(area, before):
        rows = Measurement.objects.filter(indicator=indicator, area__name=area)
        rows = rows.filter(period_start__lt=date(2022, 4, 1)) if before else rows.filter(period_start__gte=date(2023, 4, 1))
        values = [float(m.value) for m in rows]
        return sum(values) / len(values)
    assert mean("Northshire", True) - mean("Northshire", False) > 6
    assert abs(mean("Eastmoor", True) - mean("Eastmoor", False)) < 2


def test_the_demo_is_deterministic(northshire):
    first = list(Measurement.objects.order_by("id").values_list("value", flat=True)[:50])
    load_demo(replace=True)
    assert list(Measurement.objects.order_by("id").values_list("value", flat=True)[:50]) == first
