"""``joinedup analyse``: run the statistics engine on any CSV file, without Django.

Examples (the data sets are in tests/data/public)::

    joinedup analyse sicily.csv --method its-poisson --time time --value aces \\
        --start 37 --population stdpop --level-only --seasonality fourier:2 \\
        --season-column month
    joinedup analyse card_krueger_fte.csv --method did --value fte \\
        --treated nj --post d --unit id
    joinedup analyse california_prop99.csv --sep ';' --method did --time Year \\
        --value PacksPerCapita --area State --treated-area California --start 1989
    joinedup analyse dtoc.csv --method spc --time period --value value \\
        --area area_name --treated-area Trafford --direction lower --target 20

``--format json`` prints the result's ``to_dict()``; for the models its
``estimates`` list gives, by term, the estimate, standard error, confidence
interval and p-value. The exit status is 0 on success, 1 when the data
cannot be analysed, and 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import Any

import pandas as pd

from joinedup.indicators import stats

METHODS = ("spc", "its", "its-poisson", "multi-its", "did")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``joinedup analyse``."""
    parser = argparse.ArgumentParser(
        prog="joinedup analyse",
        description="Analyse an indicator in a CSV file: SPC chart, interrupted time series "
        "or difference in differences. Methods: docs/statistics.md.",
    )
    parser.add_argument("file", help="CSV file, one row per area and period")
    parser.add_argument("--method", required=True, choices=METHODS)
    parser.add_argument("--format", default="text", choices=("text", "json"))
    parser.add_argument("--sep", default=",", help="field separator (default ',')")
    parser.add_argument(
        "--encoding", default=None, help="file encoding (default: utf-8, falling back to cp1252)"
    )
    parser.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="COLUMN=VALUE",
        help="keep only rows where COLUMN equals VALUE; repeatable",
    )
    columns = parser.add_argument_group("columns and timing")
    columns.add_argument("--time", help="time column: numbers, dates or years like 2014/15")
    columns.add_argument("--value", required=True, help="value (or count) column")
    columns.add_argument("--area", help="area column")
    columns.add_argument(
        "--treated-area",
        action="append",
        default=[],
        help="the own (treated) area; repeat for several",
    )
    columns.add_argument("--start", help="first period of the intervention (partnership start)")
    columns.add_argument(
        "--definition-change",
        action="append",
        default=[],
        help="a period when the indicator's definition changed; repeatable",
    )
    columns.add_argument("--confidence", type=float, default=0.95)
    _add_model_options(parser)
    return parser


def _add_model_options(parser: argparse.ArgumentParser) -> None:
    """Options for the time-series, difference-in-differences and SPC methods."""
    its = parser.add_argument_group("interrupted time series")
    its.add_argument("--seasonality", help="month, quarter or fourier:K")
    its.add_argument("--season-column", help="column giving each row's season (1-12 or 1-4)")
    its.add_argument(
        "--season-period", type=int, help="periods per year for fourier terms (default 12)"
    )
    its.add_argument("--hac-lags", type=int, help="Newey–West lags (default floor(4(n/100)^(2/9)))")
    its.add_argument(
        "--use-correction",
        action="store_true",
        help="apply the n/(n-k) small-sample factor to Newey–West errors",
    )
    its.add_argument("--level-only", action="store_true", help="no slope-change term")
    its.add_argument("--population", help="population column (log offset) for its-poisson")
    its.add_argument("--offset", help="column already on the log scale, for its-poisson")
    its.add_argument("--dispersion", default="quasi", choices=("quasi", "poisson"))
    its.add_argument("--rate-per", type=float, default=100_000)
    its.add_argument(
        "--errors",
        default="driscoll-kraay",
        choices=("driscoll-kraay", "hac-panel", "cluster"),
        help="multi-its standard errors",
    )
    did = parser.add_argument_group("difference in differences (2x2 from 0/1 columns)")
    did.add_argument("--treated", help="0/1 column: 1 for the treated group")
    did.add_argument("--post", help="0/1 column: 1 after the start")
    did.add_argument("--unit", help="column to cluster standard errors by (store, area)")
    spc = parser.add_argument_group("statistical process control")
    spc.add_argument("--direction", choices=("higher", "lower"), help="which way is better")
    spc.add_argument("--target", type=float)
    spc.add_argument(
        "--recalculate-from",
        action="append",
        default=[],
        help="recalculate limits from this period; repeatable",
    )
    spc.add_argument("--shift-length", type=int, default=7)
    spc.add_argument("--trend-length", type=int, default=6)
    spc.add_argument("--baseline-points", type=int)
    spc.add_argument("--screen-moving-ranges", action="store_true")


def read_table(path: str, sep: str, encoding: str | None) -> pd.DataFrame:
    """Read a CSV file; without an encoding try UTF-8 (with BOM) then cp1252."""
    if encoding:
        return pd.read_csv(path, sep=sep, encoding=encoding)
    try:
        return pd.read_csv(path, sep=sep, encoding="utf-8-sig")
    except UnicodeDecodeError:
        return pd.read_csv(path, sep=sep, encoding="cp1252")


def apply_filters(frame: pd.DataFrame, filters: list[str]) -> pd.DataFrame:
    """Keep the rows where each ``COLUMN=VALUE`` holds (compared as text)."""
    for item in filters:
        column, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"--filter needs COLUMN=VALUE, not {item!r}")
        if column not in frame:
            raise KeyError(f"columns not found: [{column!r}]; columns are {list(frame.columns)}")
        frame = frame[frame[column].astype(str).str.strip() == value.strip()]
    if frame.empty:
        raise ValueError("no rows are left after the filters")
    return frame


def _require(args: argparse.Namespace, *names: str) -> None:
    missing = [f"--{n.replace('_', '-')}" for n in names if not getattr(args, n)]
    if missing:
        raise ValueError(f"--method {args.method} needs {' and '.join(missing)}")


def _one_area(frame: pd.DataFrame, args: argparse.Namespace) -> pd.DataFrame:
    """The rows of the own area, for single-series methods."""
    if not args.area:
        return frame
    if len(args.treated_area) != 1:
        raise ValueError(f"--method {args.method} with --area needs one --treated-area")
    rows = frame[frame[args.area].astype(str) == args.treated_area[0]]
    if rows.empty:
        raise ValueError(f"no rows for area {args.treated_area[0]!r} in column {args.area!r}")
    return rows


def _its_options(args: argparse.Namespace) -> dict[str, Any]:
    seasonality = stats.Seasonality.parse(args.seasonality, args.season_period)
    return {
        "time": args.time,
        "value": args.value,
        "start": args.start,
        "slope_change": not args.level_only,
        "seasonality": seasonality,
        "season": args.season_column,
        "confidence": args.confidence,
        "definition_changes": args.definition_change,
    }


def run(args: argparse.Namespace, frame: pd.DataFrame):
    """Run the chosen method on the data and return its result object."""
    if args.method == "spc":
        _require(args, "time")
        return stats.xmr_chart(
            _one_area(frame, args),
            time=args.time,
            value=args.value,
            direction=args.direction,
            target=args.target,
            recalculate_from=args.recalculate_from,
            shift_length=args.shift_length,
            trend_length=args.trend_length,
            baseline_points=args.baseline_points,
            screen_moving_ranges=args.screen_moving_ranges,
            definition_changes=args.definition_change,
        )
    if args.method == "its":
        _require(args, "time", "start")
        return stats.segmented_regression(
            _one_area(frame, args),
            **_its_options(args),
            maxlags=args.hac_lags,
            use_correction=args.use_correction,
        )
    if args.method == "its-poisson":
        _require(args, "time", "start")
        return stats.segmented_poisson(
            _one_area(frame, args),
            **_its_options(args),
            population=args.population,
            offset=args.offset,
            overdispersion=args.dispersion == "quasi",
            rate_per=args.rate_per,
        )
    if args.method == "multi-its":
        _require(args, "time", "start", "area", "treated_area")
        options = _its_options(args)
        options.pop("slope_change")
        return stats.multi_group_its(
            frame,
            area=args.area,
            treated_areas=args.treated_area,
            errors=args.errors,
            maxlags=args.hac_lags,
            **options,
        )
    return _run_did(args, frame)


def _run_did(args: argparse.Namespace, frame: pd.DataFrame):
    if args.treated or args.post:
        _require(args, "treated", "post")
        return stats.difference_in_differences(
            frame,
            value=args.value,
            treated=args.treated,
            post=args.post,
            unit=args.unit,
            confidence=args.confidence,
        )
    _require(args, "time", "start", "area", "treated_area")
    return stats.two_way_fixed_effects(
        frame,
        value=args.value,
        area=args.area,
        time=args.time,
        treated_areas=args.treated_area,
        start=args.start,
        confidence=args.confidence,
        definition_changes=args.definition_change,
    )


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``joinedup analyse``; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        frame = apply_filters(read_table(args.file, args.sep, args.encoding), args.filter)
        result = run(args, frame)
    except (OSError, ValueError, KeyError, pd.errors.ParserError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"joinedup analyse: error: {message}", file=sys.stderr)
        return 1
    if args.format == "json":
        payload = {"analysis": args.method, "file": args.file, **result.to_dict()}
        print(json.dumps(payload, indent=2, allow_nan=False))
    else:
        print(format_text(result, args.method))
    return 0


# Text presentation ---------------------------------------------------------------------

TITLES = {
    "spc": "Statistical process control (XmR chart, Making Data Count rules)",
    "its": "Interrupted time series: segmented regression, Newey–West errors",
    "its-poisson": "Interrupted time series: segmented Poisson regression (rate ratios)",
    "multi-its": "Interrupted time series against comparator areas",
    "did": "Difference in differences",
}


def format_text(result, method: str) -> str:
    """Readable text: title, reading, the table for the method, warnings and caveats."""
    lines = [TITLES[method], "", *textwrap.wrap(result.reading, 88), ""]
    if isinstance(result, stats.SpcResult):
        lines += _spc_table(result)
    else:
        if isinstance(result, stats.DifferenceInDifferencesResult):
            lines += _means_table(result)
        estimates = list(result.estimates)
        if getattr(result, "pre_trend", None) is not None:
            estimates.append(result.pre_trend)
        lines += _estimate_table(estimates, result.confidence)
        if getattr(result, "pre_trend", None) is not None:
            lines.append("(treated_trend: the treated areas' extra trend per period before the "
                         "start, the parallel-trends check)")  # fmt: skip
    for heading, items in (("Warnings", result.warnings), ("Caveats", result.caveats)):
        if items:
            lines += ["", f"{heading}:"]
            for item in items:
                lines += textwrap.wrap(item, 86, initial_indent="- ", subsequent_indent="  ")
    return "\n".join(lines)


def _number(value: float | None) -> str:
    if value is None or pd.isna(value):
        return "-"
    return f"{value:.4g}" if abs(value) < 1e5 else f"{value:,.0f}"


def _estimate_table(estimates, confidence: float) -> list[str]:
    ratio = any(e.ratio is not None for e in estimates)
    level = f"{confidence:.0%} CI"
    header = f"{'term':<24}{'estimate':>11}{'std error':>11}  {level:<22}{'p':>9}"
    if ratio:
        header += f"  {'ratio':>8}  {'ratio ' + level:<20}"
    lines = [header, "-" * len(header)]
    for e in estimates:
        p = "<0.001" if e.p_value < 0.001 else f"{e.p_value:.3f}"
        row = (
            f"{e.term:<24}{_number(e.estimate):>11}{_number(e.std_error):>11}  "
            f"{_number(e.ci_low) + ' to ' + _number(e.ci_high):<22}{p:>9}"
        )
        if ratio:
            interval = f"{_number(e.ratio_ci_low)} to {_number(e.ratio_ci_high)}"
            row += f"  {_number(e.ratio):>8}  {interval:<20}"
        lines.append(row)
    return lines


def _means_table(result) -> list[str]:
    lines = [f"{'group':<12}{'before':>12}{'after':>12}{'change':>12}"]
    for group in ("treated", "comparison"):
        cell = {m.period: m for m in result.means if m.group == group}
        before, after = cell["before"].mean, cell["after"].mean
        lines.append(
            f"{group:<12}{_number(before):>12}{_number(after):>12}{_number(after - before):>12}"
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
        f"{'period':<14}{'value':>10}{'mean':>10}{'lower':>10}{'upper':>10}  rules",
    ]
    for point in result.points:
        rules = [
            name
            for name, hit in (
                ("beyond limit", point.beyond_limit),
                ("shift", point.shift),
                ("trend", point.trend),
                ("2 of 3", point.two_of_three),
            )
            if hit
        ]
        lines.append(
            f"{point.time:<14}{_number(point.value):>10}{_number(point.mean):>10}"
            f"{_number(point.lower_limit):>10}{_number(point.upper_limit):>10}  "
            + (", ".join(rules) + f" ({point.variation.replace('_', ' ')})" if rules else "")
        )
    return lines


if __name__ == "__main__":
    sys.exit(main())
