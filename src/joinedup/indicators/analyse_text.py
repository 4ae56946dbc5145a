"""Text output of ``joinedup analyse``: title, reading, the method's table, warnings, caveats."""

from __future__ import annotations

import textwrap

import pandas as pd

from joinedup.indicators import stats

TITLES = {
    "spc": "Statistical process control (XmR chart, Making Data Count rules)",
    "its": "Interrupted time series: segmented regression, Newey–West errors",
    "its-poisson": "Interrupted time series: segmented Poisson regression (rate ratios)",
    "multi-its": "Interrupted time series against comparator areas",
    "did": "Difference in differences",
    "before-after": "Before and after: change in the mean (Welch interval)",
}


def format_text(result, method: str) -> str:
    """Readable text: title, reading, the table for the method, warnings and caveats."""
    lines = [TITLES[method], "", *textwrap.wrap(result.reading, 88), ""]
    if isinstance(result, stats.SpcResult):
        lines += _spc_table(result)
    elif isinstance(result, stats.BeforeAfterResult):
        lines += _before_after_table(result)
    else:
        if isinstance(result, stats.DifferenceInDifferencesResult):
            lines += _means_table(result)
        estimates = list(result.estimates)
        if getattr(result, "pre_trend", None) is not None:
            estimates.append(result.pre_trend)
        lines += _estimate_table(estimates, result.confidence)
        errors = result.settings.get("errors")
        if errors:
            lines.append(f"Standard errors: {ERROR_NAMES.get(errors, errors)}")
        if getattr(result, "pre_trend", None) is not None:
            lines.append("(treated_trend: the treated areas' extra trend per period before the "
                         "start, the parallel-trends check)")  # fmt: skip
    for heading, items in (("Warnings", result.warnings), ("Caveats", result.caveats)):
        if items:
            lines += ["", f"{heading}:"]
            for item in items:
                lines += textwrap.wrap(item, 86, initial_indent="- ", subsequent_indent="  ")
    return "\n".join(lines)


ERROR_NAMES = {
    "conventional": "conventional (homoskedastic)",
    "hc1": "heteroskedasticity-robust (HC1)",
    "cluster": "clustered by unit (CR1)",
    "hac": "Newey–West (HAC)",
}


def _number(value: float | None) -> str:
    if value is None or pd.isna(value):
        return "-"
    return f"{value:.4g}" if abs(value) < 1e5 else f"{value:,.0f}"


def _ratio(value: float | None) -> str:
    """A rate ratio; one that would print as "1" shows its decimals, as the reading
    does ("no change in trend (a factor of 1.0004 per period ...)")."""
    text = _number(value)
    return f"{value:.4f}" if text == "1" and value != 1 else text


def _estimate_table(estimates, confidence: float) -> list[str]:
    ratio = any(e.ratio is not None for e in estimates)
    level = f"{confidence:.0%} CI"
    header = f"{'term':<24}{'estimate':>11}{'std error':>11}  {level:<22}{'p':>9}"
    if ratio:
        header += f"  {'ratio':>8}  {'ratio ' + level:<20}"
    lines = [header, "-" * len(header)]
    for e in estimates:
        p = _p(e.p_value)
        row = (
            f"{e.term:<24}{_number(e.estimate):>11}{_number(e.std_error):>11}  "
            f"{_number(e.ci_low) + ' to ' + _number(e.ci_high):<22}{p:>9}"
        )
        if ratio:
            interval = f"{_ratio(e.ratio_ci_low)} to {_ratio(e.ratio_ci_high)}"
            row += f"  {_ratio(e.ratio):>8}  {interval:<20}"
        lines.append(row)
    return lines


def _means_table(result) -> list[str]:
    lines = [f"{'group':<12}{'before':>12}{'after':>12}{'change':>12}"]
    for group in ("treated", "comparison"):
        cell = {m.period: m for m in result.means if m.group == group}
        before, after = cell["before"], cell["after"]
        lines.append(
            f"{group:<12}{_number(before.mean):>12}{_number(after.mean):>12}"
            f"{_number(after.mean - before.mean):>12}"
            f"   (standard errors {_number(before.std_error)}, {_number(after.std_error)}; "
            f"n {before.n}, {after.n})"
        )
    lines += [
        f"{'difference in differences of means':<36}{_number(result.means_difference):>12}",
        "",
    ]
    return lines


def _spc_table(result) -> list[str]:
    lines = [
        f"Variation: {result.variation.replace('_', ' ')}"
        + (f"; assurance: {result.assurance.replace('_', ' ')}" if result.assurance else ""),
        "",
        f"{'from':<12}{'to':<12}{'points':>7}{'mean':>10}{'lower':>10}{'upper':>10}"
        f"{'common':>8}{'better':>8}{'worse':>7}{'high':>6}{'low':>5}  latest",
    ]
    for s in result.segments:
        lines.append(
            f"{s.start:<12}{s.end:<12}{s.n_points:>7}{_number(s.mean):>10}"
            f"{_number(s.lower_limit):>10}{_number(s.upper_limit):>10}{s.common_cause:>8}"
            f"{s.special_cause_improvement:>8}{s.special_cause_concern:>7}"
            f"{s.special_cause_neutral_high:>6}{s.special_cause_neutral_low:>5}  "
            f"{s.variation.replace('_', ' ')}"
        )
    lines += ["", f"{'period':<14}{'value':>10}{'mean':>10}{'lower':>10}{'upper':>10}  label"]
    for point in result.points:
        label = "" if point.rule is None else (
            f"{point.special_cause_type} ({point.variation.replace('_', ' ')})"
        )
        lines.append(
            f"{point.time:<14}{_number(point.value):>10}{_number(point.mean):>10}"
            f"{_number(point.lower_limit):>10}{_number(point.upper_limit):>10}  {label}"
        )
    return lines


def _before_after_table(result) -> list[str]:
    level = f"{result.confidence:.0%} CI"
    lines = [
        f"{'':<22}{'points':>8}{'mean':>12}",
        f"{'before ' + result.start:<22}{result.n_before:>8}{_number(result.mean_before):>12}",
        f"{'from ' + result.start:<22}{result.n_after:>8}{_number(result.mean_after):>12}",
        "",
        f"{'change':<22}{_number(result.difference):>12}  {level} "
        f"{_number(result.difference_ci_low)} to {_number(result.difference_ci_high)}"
        f"  (Welch, {result.degrees_of_freedom:.1f} df, p {_p(result.p_value)})",
    ]
    if result.percent_change is not None:
        lines.append(
            f"{'percentage change':<22}{result.percent_change:>+11.1f}%  {level} "
            f"{result.percent_ci_low:+.1f}% to {result.percent_ci_high:+.1f}%"
        )
    return lines


def _p(p_value: float) -> str:
    return "<0.001" if p_value < 0.001 else f"{p_value:.3f}"
