"""The interrupted time series and difference-in-differences results said in
plain English (or Welsh) for a board: what changed, by how much in the
indicator's own unit, how sure we can be, and the main caveat — with the
technical table behind them built from the same estimates and the same
rounding, so that the sentence and the table never disagree (docs/statistics.md,
"Readings in plain English").

Everything here is plain data in, text out: the statistics' results and a
`Wording` (the indicator's unit, direction and frequency, and how to name a
period). Each sentence is one translatable text with named placeholders (the
periods' labels, the amounts with their unit, the comparator areas), never a
sentence glued from pieces: which way a change went ("lower", "higher") picks
the whole sentence, so a translator can word each in their own language
(docs/translation.md). Numbers are written as the active language writes them
(Welsh, like English, uses a decimal point and commas between thousands)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import Unit
from .stats.said import Joined, Number, Said

PER_PERIOD = {
    "day": gettext_lazy("a day"), "week": gettext_lazy("a week"), "month": gettext_lazy("a month"),
    "quarter": gettext_lazy("a quarter"), "year": gettext_lazy("a year"), "financial_year": gettext_lazy("a year"),
    "academic_year": gettext_lazy("a year"),
    # Windows of several years are rolling, one a year (periods.STEP_DAYS).
    "several_years": gettext_lazy("a year"),
}
# How an amount is said in the indicator's unit ("4.35 percentage points"), and the
# table's heading for the unit.
AMOUNTS = {
    Unit.COUNT: "%(number)s",
    Unit.RATE: gettext_lazy("%(number)s per 100,000"),
    Unit.PERCENTAGE: gettext_lazy("%(number)s percentage points"),
    Unit.DAYS: gettext_lazy("%(number)s days"),
    Unit.MONEY: gettext_lazy("£%(number)s"),
}
TABLE_UNITS = {
    Unit.RATE: gettext_lazy("per 100,000"), Unit.PERCENTAGE: gettext_lazy("percentage points"),
    Unit.DAYS: gettext_lazy("days"), Unit.MONEY: "£",
}
# Whether a change in the better direction is good news, said after the sentence it ends.
VERDICTS = {
    ("lower", True): gettext_lazy(", an improvement (lower is better)"),
    ("lower", False): gettext_lazy(", a worsening (lower is better)"),
    ("higher", True): gettext_lazy(", an improvement (higher is better)"),
    ("higher", False): gettext_lazy(", a worsening (higher is better)"),
}
MINUS = "\N{MINUS SIGN}"


def translated(text):
    """A sentence of the statistics engine (stats/said.py) in the active language: its
    message translated and filled with the same values (themselves translated where they
    are sentences, numbers written with the language's separators); any other text as it is."""
    if isinstance(text, Number):
        return _grouped(text)
    if isinstance(text, Joined):
        return " ".join(translated(part) for part in text.parts)
    if not isinstance(text, Said):
        return text
    message = text.message
    if isinstance(message, tuple):
        message = ngettext(*message)
    else:
        message = _(message)
    if not text.values:
        return message
    return message % {key: translated(value) for key, value in text.values.items()}


def _grouped(text):
    """A number written with "," and "." as Python writes it, in the active language's
    separators."""
    thousands, decimal = formats.get_format("THOUSAND_SEPARATOR"), formats.get_format("DECIMAL_SEPARATOR")
    if (thousands, decimal) == (",", "."):
        return text
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def figure(value):
    """A number to 3 significant figures, never in scientific notation: the
    one rounding both the sentences and the tables use."""
    size = abs(value)
    if size >= 1000:
        return _grouped(f"{size:,.0f}")
    if size == 0:
        return "0"
    text = f"{size:.3g}"
    if "e" in text:
        text = f"{size:.6f}".rstrip("0").rstrip(".")
    return _grouped(text)


def signed(value):
    return f"{MINUS if value < 0 and figure(value) != '0' else ''}{figure(value)}"


def ratio_figure(value):
    """A rate ratio: 3 significant figures, or 4 decimals when that would
    round to 1 (a trend "changed by a factor of 1" reads as a change)."""
    text = figure(value)
    return _grouped(f"{value:.4f}") if text == "1" and value != 1 else text


def percent(value):
    """A percentage to the nearest whole number, without its sign: "12%"."""
    return f"{abs(value):.0f}%"


@dataclass(frozen=True)
class Wording:
    """What the sentences need to know about the indicator."""

    unit: str
    direction: str = ""
    frequency: str = ""
    label: Callable[[str], str] = str  # a period's start date → its label ("Apr 2022")
    comparators: int = 0

    def amount(self, value):
        """The size of a difference in the indicator's unit: "6.93", "£1,200",
        "4.35 percentage points"."""
        return str(AMOUNTS.get(self.unit, "%(number)s")) % {"number": figure(value)}

    def number(self, value):
        """The size of a difference as a number alone ("£" kept for money): the first of a
        pair, "between £9.5 and £16.5 lower"."""
        return ("£" if self.unit == Unit.MONEY else "") + figure(value)

    @property
    def per_period(self):
        return str(PER_PERIOD.get(self.frequency, gettext_lazy("a period")))

    def amount_per_period(self, value):
        """"0.5 percentage points a year"."""
        return _("%(amount)s %(per_period)s") % {"amount": self.amount(value), "per_period": self.per_period}

    @property
    def table_unit(self):
        return str(TABLE_UNITS.get(self.unit, ""))

    def verdict(self, value):
        """", an improvement (lower is better)" when the direction is known."""
        if self.direction not in ("higher", "lower") or value == 0:
            return ""
        return str(VERDICTS[(self.direction, (value < 0) == (self.direction == "lower"))])



def interval_key(low, high):
    """Which sentence an interval takes: "chance" when it includes no change, else the
    way the change went."""
    if low < 0 < high:
        return "chance"
    near, far = (high, low) if high <= 0 else (low, high)
    return "lower" if far < 0 else "higher"


def interval_values(low, high, say, first=None):
    """The placeholders of an interval's sentence: low and high for "anything from %(low)s
    lower to %(high)s higher", near and far for "between %(near)s and %(far)s lower" (the
    first of a pair said by `first`, the number alone by default)."""
    if low < 0 < high:
        return {"low": say(low), "high": say(high)}
    near, far = (high, low) if high <= 0 else (low, high)
    return {"near": (first or say)(near), "far": say(far)}


SPANS = {
    "chance": gettext_lazy("anything from %(low)s lower to %(high)s higher"),
    "lower": gettext_lazy("between %(near)s and %(far)s lower"),
    "higher": gettext_lazy("between %(near)s and %(far)s higher"),
}


def span(wording, low, high, say=None):
    """The confidence interval in words: "between 9.5 and 16.5 lower",
    "anything from 4.2 lower to 28.7 higher". `say` words an amount (the
    indicator's unit by default); the first of a pair says only the number."""
    first = wording.number if say is None else None
    say = say or wording.amount
    return str(SPANS[interval_key(low, high)]) % interval_values(low, high, say, first)


# How sure we can be of a change, from its interval: one sentence for each way it can go.
SURE = {
    "chance": gettext_lazy(
        "this could be chance. Allowing for the ups and downs in the data, %(what)s could be anything from "
        "%(low)s lower to %(high)s higher (%(level)s confidence interval), which includes no change at all."),
    "lower": gettext_lazy(
        "unlikely to be chance. Allowing for the ups and downs in the data, %(what)s is probably between "
        "%(near)s and %(far)s lower (%(level)s confidence interval)."),
    "higher": gettext_lazy(
        "unlikely to be chance. Allowing for the ups and downs in the data, %(what)s is probably between "
        "%(near)s and %(far)s higher (%(level)s confidence interval)."),
}


def sure(estimate, wording, what, say=None, level="95%"):
    """How sure we can be, from the interval; `what` names the change ("the difference")."""
    low, high = estimate.ci_low, estimate.ci_high
    first = wording.number if say is None else None
    values = interval_values(low, high, say or wording.amount, first)
    return str(SURE[interval_key(low, high)]) % {"what": what, "level": level, **values}


@dataclass
class PlainReading:
    """What a board member reads, and the table behind it."""

    what_changed: str
    how_sure: str
    caveat: str
    table_unit: str = ""
    rows: list[dict] = field(default_factory=list)  # term, estimate, interval, p
    means: list[dict] = field(default_factory=list)  # difference in differences: the 2×2 of averages
    said_warnings: list[str] = field(default_factory=list)  # warnings the sentences already give

    @property
    def sentences(self):
        return [self.what_changed, self.how_sure, self.caveat]


def _p(p_value):
    return "< " + _grouped("0.001") if p_value < 0.001 else _grouped(f"{p_value:.3f}")


def _interval(low, high):
    return _("%(low)s to %(high)s") % {"low": low, "high": high}


def row(term, estimate, say=signed):
    return {"term": term, "estimate": say(estimate.estimate),
            "interval": _interval(say(estimate.ci_low), say(estimate.ci_high)), "p": _p(estimate.p_value)}


def ratio_row(term, estimate):
    return {"term": term, "estimate": ratio_figure(estimate.ratio),
            "interval": _interval(ratio_figure(estimate.ratio_ci_low), ratio_figure(estimate.ratio_ci_high)),
            "p": _p(estimate.p_value)}


def _level(confidence):
    return f"{_grouped(f'{confidence * 100:g}')}%"


# Which data warning is the main caveat, most serious first: a new definition
# can make a change by itself; trends apart before the start undo a comparison;
# too few points or too many gaps make any estimate shaky. Read from the English
# the statistics engine writes; the caveat is said in the page's language.
CAVEAT_ORDER = ("definition changed", "trend differed", "trends differed", "Only ", "missing")


def main_warning(warnings):
    for marker in CAVEAT_ORDER:
        for warning in warnings:
            if marker in warning:
                return warning
    return None


def _caveat(warnings, wording, default):
    warning = main_warning(warnings)
    if warning:
        text = translated(warning)
        return f"{wording.label(text[:1].lower() + text[1:])}", [warning]
    return f"{default}", []


def _comes_in(value, lower_text, higher_text):
    """The sentence for a change that went down, or the one for a change that went up."""
    return str(lower_text if value < 0 else higher_text)


def _unless_chance(wording, estimate):
    """The verdict, unless the interval includes no change."""
    return "" if estimate.ci_low < 0 < estimate.ci_high else wording.verdict(estimate.estimate)


ITS_WHAT = (
    gettext_lazy("By %(end)s the value was %(amount)s lower than its trend before the start (%(start)s) "
                 "pointed to%(verdict)s."),
    gettext_lazy("By %(end)s the value was %(amount)s higher than its trend before the start (%(start)s) "
                 "pointed to%(verdict)s."),
)
ITS_LEVEL = (gettext_lazy("It moved %(amount)s lower at the start."),
             gettext_lazy("It moved %(amount)s higher at the start."))
ITS_TREND = {
    "down": gettext_lazy("Its trend then changed by %(amount)s (down)."),
    "up": gettext_lazy("Its trend then changed by %(amount)s (up)."),
    "none": gettext_lazy("Its trend then changed by %(amount)s."),
}


def its(result, wording):
    """Segmented regression (one area against its own earlier trend)."""
    start, end = wording.label(result.start), wording.label(result.series[-1].time)
    effect = result.effect_at_end
    level = result.estimate("level_change")
    terms = {e.term: e for e in result.estimates}
    slope = terms.get("slope_change")
    what = _comes_in(effect.estimate, *ITS_WHAT) % {
        "end": end, "start": start, "amount": wording.amount(effect.estimate),
        "verdict": _unless_chance(wording, effect)}
    if slope is not None:
        way = "none" if slope.estimate == 0 else "down" if slope.estimate < 0 else "up"
        what += " " + _comes_in(level.estimate, *ITS_LEVEL) % {"amount": wording.amount(level.estimate)}
        what += " " + str(ITS_TREND[way]) % {"amount": wording.amount_per_period(slope.estimate)}
    how = sure(effect, wording, _("the difference by %(end)s") % {"end": end}, level=_level(result.confidence))
    if wording.comparators:
        default = _("this assumes the earlier trend would have carried on unchanged; anything else that changed "
                    "around %(start)s (another service, a new way of counting) could explain the difference; the "
                    "comparison with other areas below guards against that.") % {"start": start}
    else:
        default = _("this assumes the earlier trend would have carried on unchanged; anything else that changed "
                    "around %(start)s (another service, a new way of counting) could explain the "
                    "difference.") % {"start": start}
    caveat, said = _caveat(result.warnings, wording, default)
    rows = [row(_("Difference from the earlier trend by %(end)s") % {"end": end}, effect)]
    if slope is not None:  # without a change in trend the difference is the change in level
        rows += [row(_("Change in level at the start (%(start)s)") % {"start": start}, level),
                 row(_("Change in trend, %(per_period)s") % {"per_period": wording.per_period}, slope)]
    return PlainReading(what, how, caveat, wording.table_unit, rows, said_warnings=said)


def percent_change(ratio):
    return (ratio - 1) * 100


COUNTS_WHAT = {
    "same": gettext_lazy("By %(end)s the rate was about the same as its trend before the start (%(start)s) "
                         "pointed to (a rate ratio of %(ratio)s; 1 means no change)%(verdict)s."),
    "lower": gettext_lazy("By %(end)s the rate was %(percent)s lower than its trend before the start (%(start)s) "
                          "pointed to (a rate ratio of %(ratio)s; 1 means no change)%(verdict)s."),
    "higher": gettext_lazy("By %(end)s the rate was %(percent)s higher than its trend before the start "
                           "(%(start)s) pointed to (a rate ratio of %(ratio)s; 1 means no change)%(verdict)s."),
}
COUNTS_SURE = {
    "chance": gettext_lazy(
        "this could be chance. The rate by %(end)s could be anything from %(low)s lower to %(high)s higher than "
        "the trend pointed to (%(level)s confidence interval, rate ratio %(ratio_low)s to %(ratio_high)s), "
        "which includes no change at all."),
    "lower": gettext_lazy(
        "unlikely to be chance. The rate by %(end)s is probably between %(near)s and %(far)s lower than the "
        "trend pointed to (%(level)s confidence interval, rate ratio %(ratio_low)s to %(ratio_high)s)."),
    "higher": gettext_lazy(
        "unlikely to be chance. The rate by %(end)s is probably between %(near)s and %(far)s higher than the "
        "trend pointed to (%(level)s confidence interval, rate ratio %(ratio_low)s to %(ratio_high)s)."),
}


def its_counts(result, wording):
    """Segmented quasi-Poisson regression: changes as rate ratios and percentages."""
    start, end = wording.label(result.start), wording.label(result.series[-1].time)
    effect = result.effect_at_end  # the change in level alone when there is no change in trend
    change = percent_change(effect.ratio)
    way = "same" if round(change) == 0 else "lower" if change < 0 else "higher"
    chance = effect.ratio_ci_low < 1 < effect.ratio_ci_high
    what = str(COUNTS_WHAT[way]) % {
        "end": end, "start": start, "percent": percent(change), "ratio": ratio_figure(effect.ratio),
        "verdict": "" if chance else wording.verdict(effect.ratio - 1)}
    low, high = percent_change(effect.ratio_ci_low), percent_change(effect.ratio_ci_high)
    how = str(COUNTS_SURE[interval_key(low, high)]) % {
        "end": end, "level": _level(result.confidence), **interval_values(low, high, percent),
        "ratio_low": ratio_figure(effect.ratio_ci_low), "ratio_high": ratio_figure(effect.ratio_ci_high)}
    caveat, said = _caveat(result.warnings, wording, _(
        "this counts events against the population and assumes the earlier trend would have carried on; "
        "it does not allow for one period's figure following on from the last (autocorrelation)."))
    rows = [ratio_row(_("Rate ratio against the earlier trend by %(end)s") % {"end": end}, effect)]
    slope = next((e for e in result.estimates if e.term == "slope_change"), None)
    if slope is not None:
        rows += [ratio_row(_("Rate ratio at the start (%(start)s)") % {"start": start},
                           result.estimate("level_change")),
                 ratio_row(_("Rate ratio of the trend, %(per_period)s") % {"per_period": wording.per_period},
                           slope)]
    return PlainReading(what, how, caveat, _("rate ratio (1 = no change)"), rows, said_warnings=said)


def _comparators(wording):
    n = wording.comparators
    if not n:
        return _("the comparator areas")
    return ngettext("the %(count)s comparator area", "the %(count)s comparator areas", n) % {"count": n}


MULTI_WHAT = (
    gettext_lazy("Against %(them)s, the value here moved %(amount)s lower at the start (%(start)s) than theirs "
                 "did%(verdict)s."),
    gettext_lazy("Against %(them)s, the value here moved %(amount)s higher at the start (%(start)s) than theirs "
                 "did%(verdict)s."),
)
MULTI_AFTER = (gettext_lazy("Afterwards its trend was %(amount)s lower than theirs."),
               gettext_lazy("Afterwards its trend was %(amount)s higher than theirs."))
MULTI_TREND = {
    "chance": gettext_lazy("For the trend afterwards: anything from %(low)s lower to %(high)s higher, which "
                           "includes no change."),
    "lower": gettext_lazy("For the trend afterwards: between %(near)s and %(far)s lower."),
    "higher": gettext_lazy("For the trend afterwards: between %(near)s and %(far)s higher."),
}
MULTI_DRIFT = (
    gettext_lazy("before the start the value here was already drifting away from %(them)s (its trend was "
                 "%(amount)s lower than theirs), so they may not show what would have happened here."),
    gettext_lazy("before the start the value here was already drifting away from %(them)s (its trend was "
                 "%(amount)s higher than theirs), so they may not show what would have happened here."),
)


def multi_its(result, wording):
    """Own area against comparators over time: changes beyond the comparators'."""
    start = wording.label(result.start)
    level, slope, pre = result.level_difference, result.slope_difference, result.pre_trend_difference
    them = _comparators(wording)
    what = _comes_in(level.estimate, *MULTI_WHAT) % {
        "them": them, "amount": wording.amount(level.estimate), "start": start,
        "verdict": _unless_chance(wording, level)}
    what += " " + _comes_in(slope.estimate, *MULTI_AFTER) % {"amount": wording.amount_per_period(slope.estimate)}
    level_pc = _level(result.confidence)
    how = sure(level, wording, _("the change at the start beyond theirs"), level=level_pc)
    how += " " + str(MULTI_TREND[interval_key(slope.ci_low, slope.ci_high)]) % interval_values(
        slope.ci_low, slope.ci_high, wording.amount_per_period)
    if not pre.ci_low < 0 < pre.ci_high:
        caveat = _comes_in(pre.estimate, *MULTI_DRIFT) % {"them": them, "amount": wording.amount_per_period(pre.estimate)}
        said = [w for w in result.warnings if "trends differed" in w]
    else:
        caveat, said = _caveat(result.warnings, wording, _(
            "%(them)s stand in for what would have happened here; before the start the two trends differed by "
            "%(amount)s, not clearly more than chance.") % {"them": them,
                                                           "amount": wording.amount_per_period(pre.estimate)})
    per_period = {"per_period": wording.per_period, "start": start}
    rows = [
        row(_("Own area's change in level at the start, beyond the comparators' (%(start)s)") % per_period, level),
        row(_("Own area's change in trend beyond the comparators', %(per_period)s") % per_period, slope),
        row(_("Difference in trend before the start, %(per_period)s (should be near 0)") % per_period, pre),
    ]
    terms = {e.term: e for e in result.estimates}
    for term, text in (("level_change", _("Comparator areas' own change in level at the start (%(start)s)")),
                       ("slope_change", _("Comparator areas' own change in trend, %(per_period)s"))):
        if term in terms:
            rows.append(row(text % per_period, terms[term]))
    return PlainReading(what, how, caveat, wording.table_unit, rows, said_warnings=said)


DID_WHAT = (
    gettext_lazy("Comparing the average before and after %(start)s, the value here moved %(amount)s lower "
                 "relative to %(them)s%(verdict)s."),
    gettext_lazy("Comparing the average before and after %(start)s, the value here moved %(amount)s higher "
                 "relative to %(them)s%(verdict)s."),
)
DID_DRIFT = (
    gettext_lazy("before %(start)s the value here was already drifting away from %(them)s (its trend was "
                 "%(amount)s lower than theirs), so part of this difference may have happened anyway."),
    gettext_lazy("before %(start)s the value here was already drifting away from %(them)s (its trend was "
                 "%(amount)s higher than theirs), so part of this difference may have happened anyway."),
)


def did(result, wording):
    """Difference in differences: the change in the average here against the comparators'."""
    start = wording.label(result.settings["start"]) if result.settings.get("start") else _("the start")
    estimate = result.estimate
    them = _comparators(wording)
    means = {(m.group, m.period): m.mean for m in result.means}
    here = (means[("treated", "before")], means[("treated", "after")])
    there = (means[("comparison", "before")], means[("comparison", "after")])
    what = _comes_in(estimate.estimate, *DID_WHAT) % {
        "start": start, "amount": wording.amount(estimate.estimate), "them": them,
        "verdict": _unless_chance(wording, estimate)}
    what += " " + _("Here the average went from %(here_before)s to %(here_after)s; in %(them)s from "
                    "%(there_before)s to %(there_after)s.") % {
        "here_before": figure(here[0]), "here_after": figure(here[1]), "them": them,
        "there_before": figure(there[0]), "there_after": figure(there[1])}
    how = sure(estimate, wording, _("the difference"), level=_level(result.confidence))
    cluster = [w for w in result.warnings if "clustered" in w.lower()]
    if cluster:
        how += " " + _("The interval is probably too narrow: with one own area and few comparators the usual "
                       "allowance for chance is too small, so treat it as a rough guide.")
    pre = result.pre_trend
    if pre is not None and not pre.ci_low < 0 < pre.ci_high:
        caveat = _comes_in(pre.estimate, *DID_DRIFT) % {
            "start": start, "them": them, "amount": wording.amount_per_period(pre.estimate)}
        said = [w for w in result.warnings if "trend differed" in w or "not parallel" in w]
    elif pre is not None:
        caveat = _("this assumes the value here would have moved in step with %(them)s without the partnership; "
                   "before %(start)s they did move roughly in step (the difference in trend was %(amount)s, not "
                   "clearly different from none).") % {
            "them": them, "start": start, "amount": wording.amount_per_period(pre.estimate)}
        said = []
    else:  # the clustered-interval warnings are said under "how sure", not as the caveat
        others = [w for w in result.warnings if w not in cluster]
        caveat, said = _caveat(others, wording, _(
            "this assumes the value here would have moved in step with %(them)s without the "
            "partnership.") % {"them": them})
    rows = [row(_("Difference in differences"), estimate)]
    if pre is not None:
        rows.append(row(_("Difference in trend before the start, %(per_period)s (should be near 0)") % {
            "per_period": wording.per_period}, pre))
    table = [{"group": _("Own area"), "before": figure(here[0]), "after": figure(here[1]),
              "change": signed(here[1] - here[0])},
             {"group": _("Comparator areas"), "before": figure(there[0]), "after": figure(there[1]),
              "change": signed(there[1] - there[0])}]
    return PlainReading(what, how, caveat, wording.table_unit, rows, table, said_warnings=said + cluster)


READERS = {"its": its, "its_poisson": its_counts, "multi_its": multi_its, "did": did}


def plain_reading(key, result, wording):
    """The plain reading of one method's result, or None for the methods that
    already read plainly (the XmR chart, a rate, a funnel plot)."""
    reader = READERS.get(key)
    return reader(result, wording) if reader and result is not None else None
