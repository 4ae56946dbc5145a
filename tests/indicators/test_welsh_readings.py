"""The statistics and charts of an indicator in Welsh: every sentence a reading gives
(the plain reading, the statistician's reading, the warnings and the method's
assumptions) is a whole Welsh sentence with no English word left, its numbers the
same as in English; the charts' axes name the months in Welsh, and English pages
keep their charts as before."""

import re
from datetime import date

import pandas as pd
from django.utils import translation

from joinedup.design_system.dates import long_date
from joinedup.indicators import charts, plain_readings
from joinedup.indicators.presenters import IndicatorPresenter
from joinedup.indicators.stats import checks

from .test_plain_readings import admissions, media_root, still_at_home  # noqa: F401 (fixtures)

# Words Welsh shares with English ("a" and, "i" to, "o" of, "is" lower, "at" towards), and names
# that stay as they are in both languages.
SHARED = {"a", "i", "o", "is", "at", "p", "ci", "nhs", "r", "nhsrplotthedots", "making", "data", "count",
          "newey", "west", "driscoll", "kraay", "conley", "taber", "docs", "statistics", "md", "cluster", "trafford", "hac"}
WORD = re.compile(r"[^\W\d_]+")


def texts(presenter):
    """Every sentence the statistics section of the page shows."""
    said = []
    for reading in presenter.readings:
        said += [reading["reading"], reading["unavailable"], *reading["warnings"], *reading["caveats"]]
        if reading["plain"] is not None:
            plain = reading["plain"]
            said += [*plain.sentences, plain.table_unit, *(row["term"] for row in plain.rows),
                     *(row["interval"] for row in plain.rows), *(m["group"] for m in plain.means)]
    return [text for text in said if text]


def words(text, presenter):
    for _, label in presenter.period_labels:
        text = text.replace(label, " ")
    for area in presenter.areas:
        text = text.replace(area, " ")
    return {w.lower() for w in WORD.findall(text)} - SHARED


def numbers(text):
    return re.findall(r"\d[\d,.]*", text)


def test_the_readings_in_welsh_are_whole_welsh_sentences(still_at_home, admissions, workspace):  # noqa: F811
    for indicator in (still_at_home, admissions):
        english = IndicatorPresenter(indicator, workspace)
        english_texts = texts(english)
        english_words = set().union(*(words(t, english) for t in english_texts))
        with translation.override("cy"):
            welsh = IndicatorPresenter(indicator, workspace)
            welsh_texts = texts(welsh)
        assert {r["key"] for r in welsh.readings if r["plain"]} >= {"its", "multi_its", "did"}
        assert len(welsh_texts) == len(english_texts)
        for cymraeg, saesneg in zip(welsh_texts, english_texts, strict=True):
            left = words(cymraeg, welsh) & english_words
            assert not left, (left, cymraeg)
            assert cymraeg != saesneg or not words(saesneg, english), cymraeg
            # The same figures, in the same order or another (Welsh may put them differently).
            assert sorted(numbers(cymraeg)) == sorted(numbers(saesneg)), (cymraeg, saesneg)
    # A sentence in full, so that a wrong word order shows.
    with translation.override("cy"):
        its = next(r for r in IndicatorPresenter(still_at_home, workspace).readings if r["key"] == "its")["plain"]
    assert its.what_changed.startswith("Erbyn 2017/18 roedd y gwerth ")
    assert re.search(r" pwynt canran yn (is|uwch) na’r hyn yr oedd ei duedd cyn y dechrau \(20\d\d/\d\d\) yn ei "
                     r"awgrymu", its.what_changed), its.what_changed


def test_the_engines_warnings_are_said_in_welsh_with_their_plural():
    warnings = checks.segment_length_warnings(1, 5)
    assert warnings[0].startswith("Only 1 point before the start")
    assert warnings[1].startswith("Only 5 points after the start")
    with translation.override("cy"):
        said = [plain_readings.translated(w) for w in warnings]
    assert said == [
        "Dim ond 1 pwynt cyn y dechrau; mae angen o leiaf 8 i amcangyfrif newid yn y lefel neu’r duedd gydag "
        "unrhyw hyder.",
        "Dim ond 5 pwynt ar ôl y dechrau; mae angen o leiaf 8 i amcangyfrif newid yn y lefel neu’r duedd gydag "
        "unrhyw hyder.",
    ]
    assert plain_readings.translated(warnings[0]) == warnings[0]  # English again outside the override


def monthly():
    times = pd.date_range("2023-01-01", periods=12, freq="MS")
    return pd.DataFrame({"area": "Cardiff", "time": times.strftime("%Y-%m-%d"),
                         "label": times.strftime("%b %Y"), "value": range(12)})


def test_a_chart_in_welsh_names_the_months_in_welsh():
    with translation.override("cy"):
        spec = charts.series_chart(monthly(), unit_title="Cyfrif", own_area="Cardiff", frequency="month")
        svg = charts.svg(spec)
    time = spec["config"]["locale"]["time"]
    assert time["months"][:7] == ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf"]
    assert time["shortMonths"][:4] == ["Ion", "Chw", "Maw", "Ebr"]
    assert spec["config"]["locale"]["number"]["decimal"] == "."
    labels = set(re.findall(r">([A-Za-z]+) 2023<", svg))
    assert labels and labels <= set(time["shortMonths"]) and "Ebr" in labels
    assert not labels & {"Jan", "Feb", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}


def test_a_chart_in_english_is_as_before():
    spec = charts.series_chart(monthly(), unit_title="Count", own_area="Cardiff", frequency="month")
    assert "locale" not in spec.get("config", {})
    assert "Apr 2023" in charts.svg(spec)


def test_welsh_dates_say_mai_and_gorffennaf_not_djangos_caiff():
    """Django's own Welsh gives "Caiff" (the verb "may") for May and "Gorffenaf" for July;
    joinedup's catalogue corrects both, in long dates as on the charts."""
    with translation.override("cy"):
        assert long_date(date(2026, 5, 5)) == "5 Mai 2026"
        assert long_date(date(2026, 7, 1)) == "1 Gorffennaf 2026"
