"""Why a method could not be run, said in Welsh: every reason the statistics engine
gives when the data cannot carry a method (the XmR chart, the interrupted time
series, the multi-group series, the difference in differences, the rates and the
funnel plot) is a whole Welsh sentence with no English word left, made from the data
that made it fail; "p = 0.010" is written in the page's numbers; and the period
labels the importer stores in English ("Feb 2020") are said in Welsh where they show."""

import re
from datetime import date

import numpy as np
import pandas as pd
import pytest
from django.urls import reverse
from django.utils import translation

from joinedup.indicators import evidence, periods, plain_readings
from joinedup.indicators.models import Area, Indicator, Measurement, MeasurementRevision
from joinedup.indicators.presenters import IndicatorPresenter, PartnershipEvidencePresenter
from joinedup.indicators.stats import (
    InsufficientData,
    did,
    funnel_plot,
    multi_group_its,
    proportion,
    rate,
    segmented_poisson,
    segmented_regression,
    spc,
    two_way_fixed_effects,
    xmr_chart,
)
from joinedup.indicators.stats.results import Estimate, describe_interval, describe_p
from joinedup.indicators.stats.said import Said
from joinedup.indicators.stats.series import segmented_design

WORD = re.compile(r"[^\W\d_]+")
# Words the two languages share ("a" and, "i" to, "o" of, "p" the p-value, "data", "plot" as in "plot
# twndis"), and names.
SHARED = {"a", "i", "o", "p", "xmr", "data", "plot"}


def monthly(values, area="Cardiff", start="2020-01-01"):
    times = pd.date_range(start, periods=len(values), freq="MS").strftime("%Y-%m-%d")
    return pd.DataFrame({"area": area, "time": times, "value": values})


def panel(own_values, other_values):
    return pd.concat([monthly(own_values, "Cardiff"), monthly(other_values, "Newport")], ignore_index=True)


def reason(run):
    """The engine's reason for refusing: a sentence it made with `Said`."""
    with pytest.raises((InsufficientData, ValueError, KeyError)) as refused:
        run()
    said = refused.value.args[0]
    assert isinstance(said, Said), refused.value
    return said


TWELVE = [float(v) for v in range(12)]


def cells_but_one():
    """The 2×2's cells, (treated, after) flags, each time with one of them empty."""
    cells = {("treated", "before"): (1, 0), ("treated", "after"): (1, 1), ("comparison", "before"): (0, 0),
             ("comparison", "after"): (0, 1)}
    return [(group, period, [flags for cell, flags in cells.items() if cell != (group, period)])
            for group, period in cells]
# Each method refused by data it cannot carry, and the English of its reason.
REFUSALS = {
    "xmr_one_value": (lambda: xmr_chart(monthly([1.0, np.nan]), time="time", value="value"),
                      "an XmR chart needs at least two values"),
    "xmr_latest_one_value": (lambda: spc.latest_variation(np.array([1.0]), np.array([0]), [], None),
                             "an XmR chart needs at least two values"),
    "limits_one_point": (lambda: spc.process_limits([1.0]), "process limits need at least two points"),
    "limits_no_neighbours": (lambda: spc.process_limits([1.0, 2.0], adjacent=[False]),
                             "process limits need at least two neighbouring values"),
    "xmr_repeated_period": (lambda: xmr_chart(panel([1.0, 2.0], [3.0, 4.0]), time="time", value="value"),
                            "the time column 'time' has more than one row for 2020-01-01, 2020-02-01; an XmR "
                            "chart needs one value per period (filter the file down to one series)"),
    "xmr_many_repeated_periods": (lambda: xmr_chart(panel(TWELVE, TWELVE), time="time", value="value"),
                                  "and others; an XmR chart needs one value per period"),
    "its_repeated_period": (lambda: segmented_regression(panel(TWELVE, TWELVE), time="time", value="value",
                                                         start="2020-07-01"),
                            "more than one row per time point: choose one area first"),
    "its_one_point_before": (lambda: segmented_regression(monthly([1.0, *TWELVE]), time="time", value="value",
                                                          start="2020-02-01"),
                             "only 1 observed point before the start"),
    "its_none_before": (lambda: segmented_regression(monthly([np.nan, np.nan, *TWELVE]), time="time",
                                                     value="value", start="2020-03-01"),
                        "no observed point before the start"),
    "its_none_after": (lambda: segmented_regression(monthly([*TWELVE, np.nan]), time="time", value="value",
                                                    start="2021-01-01"),
                       "no observed point at or after the start: nothing to compare"),
    "its_one_after": (lambda: segmented_regression(monthly(TWELVE), time="time", value="value", start="2020-12-01"),
                      "only 1 point at or after the start"),
    "its_too_few_points": (lambda: segmented_regression(monthly([1.0, 2.0, 3.0, 4.0]), time="time", value="value",
                                                        start="2020-03-01"),
                           "4 observed points cannot fit 4 terms"),
    "its_design_after_the_end": (lambda: segmented_design(np.arange(5.0), 9.0),
                                 "no observations at or after the start"),
    "poisson_negative_counts": (lambda: segmented_poisson(monthly([-1.0, *TWELVE]), time="time", value="value",
                                                          start="2020-07-01"),
                                "counts cannot be negative"),
    "multi_its_no_comparators": (lambda: multi_group_its(monthly(TWELVE), time="time", value="value", area="area",
                                                         treated_areas=["Cardiff"], start="2020-07-01"),
                                 "need treated areas ['Cardiff'] and comparators in the data"),
    "did_treated_area_missing": (lambda: two_way_fixed_effects(monthly(TWELVE, "Newport"), value="value",
                                                               area="area", time="time", treated_areas=["Cardiff"],
                                                               start="2020-07-01"),
                                 "treated areas not in the data: ['Cardiff']"),
    "did_no_comparison_after": (lambda: two_way_fixed_effects(
        pd.concat([monthly(TWELVE), monthly([1.0, 2.0], "Newport")], ignore_index=True), value="value", area="area", time="time",
        treated_areas=["Cardiff"], start="2020-07-01"), "no observations for the comparison group after"),
    **{f"did_no_{group}_{period}": (lambda cells=cells: did.group_means(np.ones(3), *np.array(cells, float).T),
                                     f"no observations for the {group} group {period}")
       for group, period, cells in cells_but_one()},
    "did_effects_not_separated": (lambda: did._sweep(np.ones((4, 1)), np.array([0, 0, 1, 1]),
                                                     np.array([0, 1, 0, 1]), most=0),
                                  "the area and period effects could not be separated from the data"),
    "proportion_more_than_the_total": (lambda: proportion(5, 3),
                                       "a proportion needs 0 <= count <= total and total > 0"),
    "rate_without_population": (lambda: rate(1, 0), "a rate needs a positive population and a count of zero or more"),
    "funnel_without_denominators": (lambda: funnel_plot(pd.DataFrame({"area": ["Cardiff"], "count": [1.0],
                                                                      "total": [0.0]}),
                                                        area="area", count="count", denominator="total"),
                                    "a funnel plot needs areas with positive denominators"),
}


def english_words(text):
    return {w.lower() for w in WORD.findall(text)} - SHARED


def without_values(text, said):
    """The sentence without what was put into it (area names, periods, a column's name)."""
    for value in said.values.values():
        text = text.replace(str(value), " ")
    return text


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_each_methods_reason_for_not_running_is_a_whole_welsh_sentence(case):
    run, english = REFUSALS[case]
    said = reason(run)
    assert english in said  # the English is as it was (the command line and the tests read it)
    with translation.override("cy"):
        cymraeg = plain_readings.translated(said)
        shown = evidence.sentence(cymraeg)
    left = english_words(without_values(cymraeg, said)) & english_words(without_values(said, said))
    assert not left, (left, cymraeg)
    assert cymraeg != said
    assert shown[0].isupper() and shown.endswith(".")
    for value in said.values.values():  # the same names and figures, in the Welsh word order
        assert str(value) in cymraeg or str(value) not in said


def test_the_page_says_a_reason_the_engine_did_not_word_in_welsh_around_its_english():
    """A library's own error (numpy's "Singular matrix") has no Welsh: the page says so."""
    error = np.linalg.LinAlgError("Singular matrix")
    assert evidence._why(error) == "Singular matrix."
    with translation.override("cy"):
        assert evidence._why(error) == ("Ni ellid rhedeg y dull hwn ar y data hyn; rhoddwyd y rheswm yn Saesneg: "
                                        "Singular matrix.")
        assert evidence._why(InsufficientData(reason(REFUSALS["xmr_one_value"][0]))) is not None


def test_the_difference_in_differences_warning_with_one_period_before_is_welsh():
    data = pd.concat([monthly([1.0, 2.0, 3.0]), monthly([2.0, 2.5, 3.5], "Newport")], ignore_index=True)
    result = two_way_fixed_effects(data, value="value", area="area", time="time", treated_areas=["Cardiff"],
                                   start="2020-02-01")
    warning = next(w for w in result.warnings if "parallel trends cannot be checked" in w)
    assert warning == "With one period before the start, parallel trends cannot be checked."
    with translation.override("cy"):
        assert plain_readings.translated(warning) == "Gydag un cyfnod cyn y dechrau, ni ellir gwirio tueddiadau " \
                                                     "cyfochrog."


def test_p_values_are_written_in_the_pages_numbers(monkeypatch):
    assert describe_p(0.0101) == "p = 0.010" and describe_p(0.0001) == "p < 0.001"
    interval = describe_interval(Estimate("x", 1234.5, 100.0, 1000.25, 1468.75, 0.0101), 0.95)
    assert interval == "1,234 (95% CI 1,000 to 1,469; p = 0.010)"
    with translation.override("cy"):
        assert plain_readings.translated(interval) == "1,234 (cyfwng hyder 95% 1,000 i 1,469; p = 0.010)"
        # In a language that writes a decimal comma, the p-value and the figures are written its way.
        monkeypatch.setattr(plain_readings.formats, "get_format",
                            lambda name: {"DECIMAL_SEPARATOR": ",", "THOUSAND_SEPARATOR": "."}[name])
        assert plain_readings.translated(describe_p(0.0101)) == "p = 0,010"
        assert plain_readings.translated(describe_p(0.0001)) == "p < 0,001"
        assert plain_readings.translated(interval) == "1.234 (cyfwng hyder 95% 1.000 i 1.469; p = 0,010)"


@pytest.mark.parametrize(("label", "welsh"), [
    ("Feb 2020", "Chw 2020"), ("May 2021", "Mai 2021"), ("Jul 2021", "Gor 2021"), ("Dec 2019", "Rhag 2019"),
    ("week ending 2024-04-07", "wythnos yn dod i ben 2024-04-07"),
    ("2022/23 academic year", "blwyddyn academaidd 2022/23"), ("Mid-2023", "Canol 2023"),
    ("2020 to 2022", "2020 i 2022"), ("2018/19 to 2020/21", "2018/19 i 2020/21"),
    # Labels of numbers alone, and labels read from a file as they were written, stay as they are.
    ("2019/20", "2019/20"), ("2024 Q1", "2024 Q1"), ("2024-04-01", "2024-04-01"), ("February 2020", "February 2020"),
])
def test_stored_period_labels_are_said_in_welsh(label, welsh):
    assert periods.shown_label(label) == label
    with translation.override("cy"):
        assert periods.shown_label(label) == welsh


@pytest.fixture
def monthly_indicator(workspace, partnership, outcome):
    own_area = Area.objects.create(workspace=workspace, name="Cardiff", is_own_area=True)
    comparator = Area.objects.create(workspace=workspace, name="Newport")
    partnership.start_date = date(2020, 7, 1)
    partnership.save()
    indicator = Indicator.objects.create(partnership=partnership, outcome=outcome, name="Delayed discharges",
                                         unit="count", direction="lower", frequency="month")
    for area, shift in ((own_area, 0), (comparator, 3)):
        for month in range(1, 13):
            period = periods.month_period(2020, month)
            Measurement.objects.create(indicator=indicator, area=area, period_start=period.start,
                                       period_end=period.end, period_label=period.label, frequency="month",
                                       value=10 + month + shift)
    return indicator


def test_the_indicator_and_evidence_pages_name_months_in_welsh(client, editor, workspace, monthly_indicator):
    with translation.override("cy"):
        presenter = IndicatorPresenter(monthly_indicator, workspace)
        labels = dict(presenter.period_labels)
        rows = [row["period"] for row in presenter.table["rows"]]
        latest = PartnershipEvidencePresenter(monthly_indicator.partnership, workspace).outcomes
        readings = " ".join(str(r["reading"]) for r in presenter.readings)
        titles = [r["title"] for r in presenter.readings]
    assert labels["2020-02-01"] == "Chw 2020" and labels["2020-05-01"] == "Mai 2020"
    assert rows[:3] == ["Ion 2020", "Chw 2020", "Maw 2020"]
    assert any(row["latest"].endswith("(Rhag 2020)") for o in latest for row in o["indicators"])
    assert "Gor 2020" in readings and "Jul 2020" not in readings
    assert not any(re.search(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 2020", t) for t in titles)
    english = IndicatorPresenter(monthly_indicator, workspace)
    assert dict(english.period_labels)["2020-02-01"] == "Feb 2020"
    corrected = Measurement.objects.get(indicator=monthly_indicator, area__is_own_area=True, period_label="Feb 2020")
    MeasurementRevision.objects.create(measurement=corrected, changed_by=editor, old_value=11, new_value=12,
                                       old_status="ok", new_status="ok")
    client.force_login(editor)
    page = client.get(reverse("indicators:indicator_detail", args=[workspace.slug, monthly_indicator.pk]),
                      HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    revisions = re.search(r'<table[^>]*id="revisions".*?</table>', page, re.S)[0]
    assert "Cardiff, Chw 2020" in revisions
    assert "Chw 2020" in page and "Feb 2020" not in page
