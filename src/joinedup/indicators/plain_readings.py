"""The interrupted time series and difference-in-differences results said in
plain English for a board: what changed, by how much in the indicator's own
unit, how sure we can be, and the main caveat — with the technical table
behind them built from the same estimates and the same rounding, so that the
sentence and the table never disagree (docs/statistics.md, "Readings in
plain English").

Everything here is plain data in, text out: the statistics' results and a
`Wording` (the indicator's unit, direction and frequency, and how to name a
period)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from .models import Unit

PER_PERIOD = {
    "day": "a day", "week": "a week", "month": "a month", "quarter": "a quarter",
    "year": "a year", "financial_year": "a year", "academic_year": "a year",
    # Windows of several years are rolling, one a year (periods.STEP_DAYS).
    "several_years": "a year",
}
# The unit a difference is said in, and the table's heading for it.
UNIT_WORDS = {
    Unit.COUNT: ("", ""),
    Unit.RATE: (" per 100,000", "per 100,000"),
    Unit.PERCENTAGE: (" percentage points", "percentage points"),
    Unit.DAYS: (" days", "days"),
    Unit.MONEY: ("", "£"),
}
MINUS = "\N{MINUS SIGN}"


def figure(value):
    """A number to 3 significant figures, never in scientific notation: the
    one rounding both the sentences and the tables use."""
    size = abs(value)
    if size >= 1000:
        return f"{size:,.0f}"
    if size == 0:
        return "0"
    text = f"{size:.3g}"
    if "e" in text:
        text = f"{size:.6f}".rstrip("0").rstrip(".")
    return text


def signed(value):
    return f"{MINUS if value < 0 and figure(value) != '0' else ''}{figure(value)}"


def ratio_figure(value):
    """A rate ratio: 3 significant figures, or 4 decimals when that would
    round to 1 (a trend "changed by a factor of 1" reads as a change)."""
    text = figure(value)
    return f"{value:.4f}" if text == "1" and value != 1 else text


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
        suffix, _ = UNIT_WORDS.get(self.unit, ("", ""))
        prefix = "£" if self.unit == Unit.MONEY else ""
        return f"{prefix}{figure(value)}{suffix}"

    @property
    def per_period(self):
        return PER_PERIOD.get(self.frequency, "a period")

    @property
    def table_unit(self):
        return UNIT_WORDS.get(self.unit, ("", ""))[1]

    def verdict(self, value):
        """", an improvement (lower is better)" when the direction is known."""
        if self.direction not in ("higher", "lower") or value == 0:
            return ""
        better = (value < 0) == (self.direction == "lower")
        return f", {'an improvement' if better else 'a worsening'} ({self.direction} is better)"


def lower_higher(value):
    return "lower" if value < 0 else "higher"


def span(wording, low, high, say=None):
    """The confidence interval in words: "between 9.5 and 16.5 lower",
    "anything from 4.2 lower to 28.7 higher". `say` words an amount (the
    indicator's unit by default); the first of a pair says only the number."""
    in_unit = say is None
    say = say or wording.amount
    if low < 0 < high:
        return f"anything from {say(low)} lower to {say(high)} higher"
    near, far = (high, low) if high <= 0 else (low, high)
    number = ("£" if wording.unit == Unit.MONEY else "") + figure(near) if in_unit else say(near)
    return f"between {number} and {say(far)} {lower_higher(far)}"


def sure(estimate, wording, what, say=None, level="95%"):
    """How sure we can be, from the interval."""
    interval = span(wording, estimate.ci_low, estimate.ci_high, say)
    if estimate.ci_low < 0 < estimate.ci_high:
        return (f"this could be chance. Allowing for the ups and downs in the data, {what} "
                f"could be {interval} ({level} confidence interval), which includes no change at all.")
    return (f"unlikely to be chance. Allowing for the ups and downs in the data, {what} "
            f"is probably {interval} ({level} confidence interval).")


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
    return "< 0.001" if p_value < 0.001 else f"{p_value:.3f}"


def row(term, estimate, say=signed):
    return {"term": term, "estimate": say(estimate.estimate),
            "interval": f"{say(estimate.ci_low)} to {say(estimate.ci_high)}", "p": _p(estimate.p_value)}


def ratio_row(term, estimate):
    return {"term": term, "estimate": ratio_figure(estimate.ratio),
            "interval": f"{ratio_figure(estimate.ratio_ci_low)} to {ratio_figure(estimate.ratio_ci_high)}",
            "p": _p(estimate.p_value)}


def _level(confidence):
    return f"{confidence * 100:g}%"


# Which data warning is the main caveat, most serious first: a new definition
# can make a change by itself; trends apart before the start undo a comparison;
# too few points or too many gaps make any estimate shaky.
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
        return f"{wording.label(warning[:1].lower() + warning[1:])}", [warning]
    return f"{default}", []


def its(result, wording):
    """Segmented regression (one area against its own earlier trend)."""
    start, end = wording.label(result.start), wording.label(result.series[-1].time)
    effect = result.effect_at_end
    level = result.estimate("level_change")
    terms = {e.term: e for e in result.estimates}
    slope = terms.get("slope_change")
    what = (f"By {end} the value was {wording.amount(effect.estimate)} {lower_higher(effect.estimate)} than "
            f"its trend before the start ({start}) pointed to"
            f"{wording.verdict(effect.estimate) if not effect.ci_low < 0 < effect.ci_high else ''}.")
    if slope is not None:
        what += (f" It moved {wording.amount(level.estimate)} {lower_higher(level.estimate)} at the start, and its "
                 f"trend changed by {wording.amount(slope.estimate)} {wording.per_period}"
                 f"{'' if slope.estimate == 0 else ' (' + ('down' if slope.estimate < 0 else 'up') + ')'}.")
    how = sure(effect, wording, f"the difference by {end}", level=_level(result.confidence))
    default = (f"this assumes the earlier trend would have carried on unchanged; anything else that changed "
               f"around {start} (another service, a new way of counting) could explain the difference"
               + ("; the comparison with other areas below guards against that." if wording.comparators else "."))
    caveat, said = _caveat(result.warnings, wording, default)
    rows = [row(f"Difference from the earlier trend by {end}", effect)]
    if slope is not None:  # without a change in trend the difference is the change in level
        rows += [row(f"Change in level at the start ({start})", level),
                 row(f"Change in trend, {wording.per_period}", slope)]
    return PlainReading(what, how, caveat, wording.table_unit, rows, said_warnings=said)


def percent_change(ratio):
    return (ratio - 1) * 100


def its_counts(result, wording):
    """Segmented quasi-Poisson regression: changes as rate ratios and percentages."""
    start, end = wording.label(result.start), wording.label(result.series[-1].time)
    effect = result.effect_at_end  # the change in level alone when there is no change in trend

    def percent(ratio):
        change = percent_change(ratio)
        return "about the same as" if round(change) == 0 else f"{abs(change):.0f}% {'lower' if change < 0 else 'higher'} than"

    what = (f"By {end} the rate was {percent(effect.ratio)} its trend before the start ({start}) pointed to "
            f"(a rate ratio of {ratio_figure(effect.ratio)}; 1 means no change)"
            f"{wording.verdict(effect.ratio - 1) if not effect.ratio_ci_low < 1 < effect.ratio_ci_high else ''}.")
    low, high = percent_change(effect.ratio_ci_low), percent_change(effect.ratio_ci_high)

    def pct(value):
        return f"{abs(value):.0f}%"

    interval = span(wording, low, high, pct)
    level = _level(result.confidence)
    ratios = f"rate ratio {ratio_figure(effect.ratio_ci_low)} to {ratio_figure(effect.ratio_ci_high)}"
    if effect.ratio_ci_low < 1 < effect.ratio_ci_high:
        how = (f"this could be chance. The rate by {end} could be {interval} than the trend "
               f"pointed to ({level} confidence interval, {ratios}), which includes no change at all.")
    else:
        how = (f"unlikely to be chance. The rate by {end} is probably {interval} than the trend "
               f"pointed to ({level} confidence interval, {ratios}).")
    caveat, said = _caveat(result.warnings, wording, (
        "this counts events against the population and assumes the earlier trend would have carried on; "
        "it does not allow for one period's figure following on from the last (autocorrelation)."))
    rows = [ratio_row(f"Rate ratio against the earlier trend by {end}", effect)]
    slope = next((e for e in result.estimates if e.term == "slope_change"), None)
    if slope is not None:
        rows += [ratio_row(f"Rate ratio at the start ({start})", result.estimate("level_change")),
                 ratio_row(f"Rate ratio of the trend, {wording.per_period}", slope)]
    return PlainReading(what, how, caveat, "rate ratio (1 = no change)", rows, said_warnings=said)


def _comparators(wording):
    n = wording.comparators
    return f"the {n} comparator area{'s' if n != 1 else ''}" if n else "the comparator areas"


def multi_its(result, wording):
    """Own area against comparators over time: changes beyond the comparators'."""
    start = wording.label(result.start)
    level, slope, pre = result.level_difference, result.slope_difference, result.pre_trend_difference
    them = _comparators(wording)
    what = (f"Against {them}, the value here moved {wording.amount(level.estimate)} "
            f"{lower_higher(level.estimate)} at the start ({start}) than theirs did"
            f"{wording.verdict(level.estimate) if not level.ci_low < 0 < level.ci_high else ''}, "
            f"and afterwards its trend was {wording.amount(slope.estimate)} {wording.per_period} "
            f"{lower_higher(slope.estimate)} than theirs.")
    level_pc = _level(result.confidence)
    how = sure(level, wording, "the change at the start beyond theirs", level=level_pc)
    per_period = lambda value: f"{wording.amount(value)} {wording.per_period}"  # noqa: E731
    how += (f" For the trend afterwards: {span(wording, slope.ci_low, slope.ci_high, per_period)}"
            + (", which includes no change." if slope.ci_low < 0 < slope.ci_high else "."))
    if not pre.ci_low < 0 < pre.ci_high:
        caveat = (f"before the start the value here was already drifting away from {them} (its trend "
                  f"was {per_period(pre.estimate)} {lower_higher(pre.estimate)} than theirs), so they may not "
                  f"show what would have happened here.")
        said = [w for w in result.warnings if "trends differed" in w]
    else:
        caveat, said = _caveat(result.warnings, wording, (
            f"{them} stand in for what would have happened here; before the start the two trends differed by "
            f"{per_period(pre.estimate)}, not clearly more than chance."))
    rows = [
        row(f"Own area's change in level at the start, beyond the comparators' ({start})", level),
        row(f"Own area's change in trend beyond the comparators', {wording.per_period}", slope),
        row(f"Difference in trend before the start, {wording.per_period} (should be near 0)", pre),
    ]
    terms = {e.term: e for e in result.estimates}
    for term, text in (("level_change", f"Comparator areas' own change in level at the start ({start})"),
                       ("slope_change", f"Comparator areas' own change in trend, {wording.per_period}")):
        if term in terms:
            rows.append(row(text, terms[term]))
    return PlainReading(what, how, caveat, wording.table_unit, rows, said_warnings=said)


def did(result, wording):
    """Difference in differences: the change in the average here against the comparators'."""
    start = wording.label(result.settings.get("start", "")) if result.settings.get("start") else "the start"
    estimate = result.estimate
    them = _comparators(wording)
    means = {(m.group, m.period): m.mean for m in result.means}
    here = (means[("treated", "before")], means[("treated", "after")])
    there = (means[("comparison", "before")], means[("comparison", "after")])
    what = (f"Comparing the average before and after {start}, the value here moved "
            f"{wording.amount(estimate.estimate)} {lower_higher(estimate.estimate)} relative to {them}"
            f"{wording.verdict(estimate.estimate) if not estimate.ci_low < 0 < estimate.ci_high else ''}. "
            f"Here the average went from {figure(here[0])} to {figure(here[1])}; in {them} from "
            f"{figure(there[0])} to {figure(there[1])}.")
    how = sure(estimate, wording, "the difference", level=_level(result.confidence))
    cluster = [w for w in result.warnings if "clustered" in w.lower()]
    if cluster:
        how += (" The interval is probably too narrow: with one own area and few comparators the "
                "usual allowance for chance is too small, so treat it as a rough guide.")
    pre = result.pre_trend
    if pre is not None and not pre.ci_low < 0 < pre.ci_high:
        caveat = (f"before {start} the value here was already drifting away from {them} "
                  f"(its trend was {wording.amount(pre.estimate)} {wording.per_period} {lower_higher(pre.estimate)} "
                  f"than theirs), "
                  f"so part of this difference may have happened anyway.")
        said = [w for w in result.warnings if "trend differed" in w or "not parallel" in w]
    elif pre is not None:
        caveat = (f"this assumes the value here would have moved in step with {them} without the "
                  f"partnership; before {start} they did move roughly in step (the difference in trend was "
                  f"{wording.amount(pre.estimate)} {wording.per_period}, not clearly different from none).")
        said = []
    else:  # the clustered-interval warnings are said under "how sure", not as the caveat
        others = [w for w in result.warnings if w not in cluster]
        caveat, said = _caveat(others, wording, (
            f"this assumes the value here would have moved in step with {them} without the partnership."))
    rows = [row("Difference in differences", estimate)]
    if pre is not None:
        rows.append(row(f"Difference in trend before the start, {wording.per_period} (should be near 0)", pre))
    table = [{"group": "Own area", "before": figure(here[0]), "after": figure(here[1]),
              "change": signed(here[1] - here[0])},
             {"group": "Comparator areas", "before": figure(there[0]), "after": figure(there[1]),
              "change": signed(there[1] - there[0])}]
    return PlainReading(what, how, caveat, wording.table_unit, rows, table, said_warnings=said + cluster)


READERS = {"its": its, "its_poisson": its_counts, "multi_its": multi_its, "did": did}


def plain_reading(key, result, wording):
    """The plain reading of one method's result, or None for the methods that
    already read plainly (the XmR chart, a rate, a funnel plot)."""
    reader = READERS.get(key)
    return reader(result, wording) if reader and result is not None else None
