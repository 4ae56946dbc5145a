"""The statistics said in plain English: on real public data imported as a
person imports it, every number a sentence gives is one the table behind it
shows, on the same scale and with the same rounding."""

import re
from datetime import date

import pytest
from django.urls import reverse

from joinedup.indicators import importing, plain_readings
from joinedup.indicators.charts import label_rows
from joinedup.indicators.models import Frequency, Indicator
from joinedup.indicators.presenters import IndicatorPresenter
from joinedup.indicators.stats.results import Estimate
from tests.public_data import PUBLIC

HOME_AFTER_DISCHARGE = PUBLIC / "trafford_dashboard_home_after_discharge.csv"
ADMISSIONS = PUBLIC / "trafford_dashboard_residential_home_admissions.csv"
NUMBER = re.compile(r"£?\d[\d,]*(?:\.\d+)?")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def imported(partnership, outcome, editor, path, **fields):
    indicator = Indicator.objects.create(partnership=partnership, outcome=outcome, **fields)
    batch = importing.stage_upload(indicator, editor, path.name, path.read_bytes())
    importing.commit(batch, editor, {c.key: "own" if c.name == "Trafford" else "comparator"
                                     for c in importing.preview(batch).areas})
    return indicator


@pytest.fixture
def still_at_home(partnership, outcome, editor):
    """Older people still at home 91 days after discharge, Trafford and nine
    other Greater Manchester boroughs, 2010/11 to 2017/18 (percentage, higher is better)."""
    partnership.start_date = date(2014, 4, 1)
    partnership.save()
    return imported(partnership, outcome, editor, HOME_AFTER_DISCHARGE, name="Still at home after 91 days",
                    unit="percentage", direction="higher", frequency="financial_year")


@pytest.fixture
def admissions(partnership, outcome, editor):
    partnership.start_date = date(2016, 4, 1)
    partnership.save()
    return imported(partnership, outcome, editor, ADMISSIONS, name="Care home admissions 65+",
                    unit="rate_100k", direction="lower", frequency="financial_year")


def table_numbers(reading):
    cells = [cell for row in reading.rows for cell in (row["estimate"], *row["interval"].split(" to "))]
    cells += [cell for row in reading.means for cell in (row["before"], row["after"], row["change"])]
    return {cell.replace(plain_readings.MINUS, "").lstrip("£") for cell in cells}


def sentence_numbers(reading, presenter):
    """The amounts the sentences give: without the periods' names, the
    confidence level, the count of comparator areas and the percentages
    (which the rate-ratio table gives as ratios, also in the sentence). The
    caveat may quote a warning about the data ("only 6 points before the
    start"), so only what changed and how sure are checked."""
    text = " ".join(reading.sentences[:2])
    for _, label in presenter.period_labels:
        text = text.replace(label, "")
    text = re.sub(r"per 100,000|\d+% confidence interval|the \d+ comparator areas?|\d+% (lower|higher)", "", text)
    return {n.lstrip("£") for n in NUMBER.findall(text)}


def plain(presenter):
    return {r["key"]: r["plain"] for r in presenter.readings if r["plain"] is not None}


def test_every_number_in_the_sentences_is_in_the_table_on_real_data(still_at_home, admissions, workspace):
    checked = 0
    for indicator in (still_at_home, admissions):
        presenter = IndicatorPresenter(indicator, workspace)
        readings = plain(presenter)
        assert {"its", "multi_its", "did"} <= set(readings)
        for key, reading in readings.items():
            said = sentence_numbers(reading, presenter)
            assert said, key
            assert said <= table_numbers(reading), (key, said - table_numbers(reading), reading.sentences)
            checked += 1
    assert checked == 6


def test_the_headline_says_the_effect_by_the_end_in_the_indicators_unit(still_at_home, workspace):
    presenter = IndicatorPresenter(still_at_home, workspace)
    its = plain(presenter)["its"]
    result = presenter.analysis.result("its")
    effect = result.effect_at_end
    assert its.rows[0]["estimate"] == plain_readings.signed(effect.estimate)
    assert its.what_changed.startswith(
        f"By 2017/18 the value was {plain_readings.figure(effect.estimate)} percentage points "
        f"{'higher' if effect.estimate > 0 else 'lower'} than its trend before the start (2014/15) pointed to")
    low, high = sorted(abs(v) for v in (effect.ci_low, effect.ci_high))
    assert f"{plain_readings.figure(low)} and {plain_readings.figure(high)} percentage points" in its.how_sure \
        or "anything from" in its.how_sure
    assert its.table_unit == "percentage points"


def test_the_multi_group_table_names_whose_change_each_row_is(still_at_home, workspace):
    """The own area's change beyond the comparators' leads, and the sentence gives it; the
    comparators' own change is labelled as theirs (a reading of −6.85 above a first row of
    −0.0809 on the comparators' scale confused readers)."""
    presenter = IndicatorPresenter(still_at_home, workspace)
    reading = plain(presenter)["multi_its"]
    result = presenter.analysis.result("multi_its")
    assert reading.rows[0]["term"].startswith("Own area's change in level at the start, beyond the comparators'")
    assert reading.rows[0]["estimate"] == plain_readings.signed(result.level_difference.estimate)
    assert plain_readings.figure(result.level_difference.estimate) in reading.what_changed
    assert [r["term"].split(" ")[0] for r in reading.rows] == ["Own", "Own", "Difference", "Comparator", "Comparator"]


def test_the_difference_in_differences_gives_the_averages_behind_it(still_at_home, workspace):
    presenter = IndicatorPresenter(still_at_home, workspace)
    reading = plain(presenter)["did"]
    result = presenter.analysis.result("did")
    own = {m.period: m.mean for m in result.means if m.group == "treated"}
    assert [m["group"] for m in reading.means] == ["Own area", "Comparator areas"]
    assert f"Here the average went from {plain_readings.figure(own['before'])} to " \
           f"{plain_readings.figure(own['after'])}" in reading.what_changed
    # One own area and nine comparators: the clustered interval is too narrow, and the sentence says so.
    assert "probably too narrow" in reading.how_sure


def test_the_page_puts_the_sentence_first_and_the_table_and_values_behind_details(client, viewer, still_at_home):
    client.force_login(viewer)
    page = client.get(reverse("indicators:indicator_detail", args=["northshire", still_at_home.pk])).content.decode()
    presenter = IndicatorPresenter(still_at_home, still_at_home.partnership.workspace)
    its = plain(presenter)["its"]
    assert its.what_changed in page
    statistics, values = page.index('id="statistics"'), page.index('id="data-table"')
    assert statistics < page.index(its.what_changed) < page.index('id="reading-its-detail"') < values
    assert page.rindex("<details", 0, values) == page.index('<details class="govuk-details" id="values-detail"')
    assert "Show the 8 periods for 10 areas" in page


def estimate(value, low, high, p=0.01, **ratios):
    return Estimate("x", value, 1.0, low, high, p, **ratios)


def test_numbers_are_rounded_once_and_never_in_scientific_notation():
    assert plain_readings.figure(-13.04) == "13"
    assert plain_readings.figure(0.000123) == "0.000123"
    assert plain_readings.figure(0.0000012) == "0.000001"
    assert plain_readings.figure(1543.6) == "1,544"
    assert plain_readings.signed(-0.0809) == "\N{MINUS SIGN}0.0809"
    assert plain_readings.ratio_figure(1.00042) == "1.0004"
    assert plain_readings.ratio_figure(0.8926) == "0.893"


def test_the_interval_in_words():
    wording = plain_readings.Wording(unit="money")
    assert plain_readings.span(wording, -16.5, -9.5) == "between £9.5 and £16.5 lower"
    assert plain_readings.span(wording, 2.0, 6.0) == "between £2 and £6 higher"
    assert plain_readings.span(wording, -4.2, 28.7) == "anything from £4.2 lower to £28.7 higher"
    points = plain_readings.Wording(unit="percentage")
    assert plain_readings.span(points, 12.2, 20.4) == "between 12.2 and 20.4 percentage points higher"
    days = plain_readings.Wording(unit="days", direction="lower")
    assert days.amount(171.2) == "171 days"
    assert days.verdict(-3) == ", an improvement (lower is better)"
    assert days.verdict(3) == ", a worsening (lower is better)"
    assert plain_readings.Wording(unit="count").verdict(-3) == ""
    assert "could be chance" in plain_readings.sure(estimate(1, -2, 4), days, "it")
    assert "unlikely to be chance" in plain_readings.sure(estimate(3, 2, 4), days, "it")


def test_event_labels_close_together_go_on_separate_rows():
    events = [(date(2022, 4, 1), "Partnership started"), (date(2022, 10, 1), "Home care provider joined"),
              (date(2025, 1, 1), "Coordinator left")]
    rows = label_rows(events, date(2019, 4, 1), date(2026, 9, 1))
    assert [row for row, _ in rows] == [0, 1, 0]
    # A label that would run off the right edge is drawn to the left of its line.
    assert label_rows([(date(2026, 8, 1), "Late event")], date(2019, 4, 1), date(2026, 9, 1)) == [(0, True)]


def test_every_frequency_an_indicator_can_have_says_what_one_period_is():
    assert set(plain_readings.PER_PERIOD) == set(Frequency.values)
