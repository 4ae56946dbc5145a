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
    joinedup analyse card_krueger_fte.csv --method did --value fte \\
        --treated nj --post d --unit id --balanced --se conventional
    joinedup analyse sicily.csv --method before-after --time time --value aces --start 37

A counter time column (1, 2, 3, ...) beside ``year`` and ``month`` columns is
dated from them, so results name periods as dates ("From 2005-01-01"), not as
row numbers; starts given on the counter's scale are moved with it.

``--format json`` prints the result's ``to_dict()``; for the models its
``estimates`` list gives, by term, the estimate, standard error, confidence
interval and p-value. The exit status is 0 on success, 1 when the data
cannot be analysed (with a message saying why), and 2 for a usage error.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
from typing import Any

import pandas as pd

from joinedup.design_system import text_files
from joinedup.indicators import stats
from joinedup.indicators.analyse_text import format_text

METHODS = ("spc", "its", "its-poisson", "multi-its", "did", "before-after")
THOUSANDS = r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?"
STANDARD_ERRORS = ("conventional", "hc1", "cluster", "hac")
# The first bytes of files that are not text: a clearer message than a codec error.
NOT_TEXT = {
    b"PK\x03\x04": "a ZIP archive or an Excel .xlsx workbook",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls workbook or another Office file",
    b"%PDF": "a PDF",
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``joinedup analyse``."""
    parser = argparse.ArgumentParser(
        prog="joinedup analyse",
        description="Analyse an indicator in a CSV file: SPC chart, interrupted time series, "
        "difference in differences or a before/after change in the mean. "
        "Methods: docs/statistics.md.",
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
    columns.add_argument(
        "--missing-markers",
        default="",
        metavar="MARKERS",
        help="comma-separated cell texts to treat as missing in the value column, e.g. "
        "'*,..,x' (blank and NA are always missing; any other text is an error)",
    )
    columns.add_argument(
        "--se",
        choices=STANDARD_ERRORS,
        help="standard errors: conventional (homoskedastic, as many published tables), hc1, "
        "cluster (by --unit or area) or hac (Newey–West). Defaults: its hac; did cluster "
        "(hc1 for a 2x2 without --unit)",
    )
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
    did.add_argument(
        "--balanced",
        action="store_true",
        help="keep only units (with --unit) or areas observed in every period: a balanced panel",
    )
    spc = parser.add_argument_group("statistical process control")
    spc.add_argument(
        "--direction",
        choices=("higher", "lower", "neutral"),
        help="which way is better (default: neutral, special causes are high or low)",
    )
    spc.add_argument("--target", type=float)
    spc.add_argument(
        "--recalculate-from",
        action="append",
        default=[],
        help="recalculate limits from this period; repeatable",
    )
    spc.add_argument("--shift-length", type=int, default=7)
    spc.add_argument("--trend-length", type=int, default=7)
    spc.add_argument("--baseline-points", type=int, help="fix the limits after N points")
    spc.add_argument(
        "--screen-moving-ranges",
        choices=("on", "off"),
        default="on",
        help="on (NHSRplotthedots' default): leave out moving ranges at or above 3.267 times "
        "their mean; off: keep them all, as the Making Data Count Excel tool",
    )


def read_table(path: str, sep: str, encoding: str | None) -> pd.DataFrame:
    """Read a CSV file in `encoding`, or else in the encoding its bytes show (UTF-8, UTF-16, cp1252)."""
    _refuse_binary(path)
    with open(path, "rb") as file:
        data = file.read()
    try:
        text = text_files.decode(data, encoding).text
    except text_files.NotText:
        if encoding:
            raise ValueError(
                f"{path} is not a text file in {encoding}; "
                "give its encoding with --encoding or save it as CSV"
            ) from None
        raise ValueError(f"{path} is not a text file (it holds binary data): save it as CSV") from None
    return pd.read_csv(io.StringIO(text), sep=sep)


def _refuse_binary(path: str) -> None:
    with open(path, "rb") as file:
        head = file.read(8192)
    kind = next((kind for magic, kind in NOT_TEXT.items() if head.startswith(magic)), None)
    if kind is None and b"\x00" in head:
        kind = "binary data"
    if kind:
        raise ValueError(f"{path} is not a text file (it looks like {kind}): save it as CSV")


def clean_values(frame: pd.DataFrame, column: str, markers: str) -> pd.DataFrame:
    """Numbers in ``column``; listed markers become missing; any other text is an error.

    Rows are named by their line in the file (the header is line 1).
    """
    if column not in frame:
        raise KeyError(f"columns not found: [{column!r}]; columns are {list(frame.columns)}")
    allowed = {m.strip() for m in markers.split(",") if m.strip()}
    text = frame[column].astype("string").str.strip()
    # only true thousands separators ("12,345.6"): "1,5" is not fifteen
    grouped = text.str.fullmatch(THOUSANDS).fillna(False).astype(bool)
    numbers = pd.to_numeric(
        text.where(~grouped, text.str.replace(",", "", regex=False)), errors="coerce"
    )
    marker = text.isin(allowed)
    bad = frame[column].notna() & numbers.isna() & ~marker
    if bad.any():
        shown = [f"line {int(i) + 2} ({text[i]!r})" for i in bad[bad].index[:5]]
        more = f" and {int(bad.sum()) - 5} more" if bad.sum() > 5 else ""
        raise ValueError(
            f"the value column {column!r} has text that is not a number: {', '.join(shown)}"
            f"{more}. Correct the file, or pass the texts that mean missing, e.g. "
            f"--missing-markers '{','.join(sorted({text[i] for i in bad[bad].index[:5]}))}'"
        )
    return frame.assign(**{column: numbers.where(~marker).astype(float)})


def dated_periods(frame: pd.DataFrame, args: argparse.Namespace) -> pd.DataFrame:
    """Date a counter time column from year and month columns, moving the starts with it.

    Returns the frame with a ``_period`` column (and updates ``args``), or the
    frame unchanged when there is nothing to date.
    """
    if not args.time or args.time not in frame or args.method == "did" and not args.area:
        return frame
    names = {str(c).lower(): c for c in frame.columns}
    year, month = names.get("year"), names.get("month")
    counter = pd.to_numeric(frame[args.time], errors="coerce")
    if year is None or month is None or args.time in (year, month) or counter.isna().any():
        return frame
    try:
        dates = pd.to_datetime(
            pd.DataFrame({"year": frame[year], "month": frame[month], "day": 1}), errors="raise"
        )
    except (ValueError, TypeError):
        return frame
    pairs = pd.DataFrame({"t": counter, "d": dates}).drop_duplicates()
    if pairs["t"].duplicated().any() or pairs["d"].duplicated().any():
        return frame  # not one date per counter value: leave the counter as it is
    lookup = pairs.sort_values("t")

    def moved(point):
        if point is None:
            return None
        later = lookup[lookup["t"] >= float(point)]
        if later.empty:
            return point
        return later["d"].iloc[0].strftime("%Y-%m-%d")

    args.start = moved(args.start)
    args.recalculate_from = [moved(p) for p in args.recalculate_from]
    args.definition_change = [moved(p) for p in args.definition_change]
    args.time = "_period"
    return frame.assign(_period=dates.dt.strftime("%Y-%m-%d"))


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
    frame = dated_periods(frame, args)
    if args.method in ("spc", "its", "its-poisson", "before-after"):
        frame = _one_area(frame, args)
    frame = clean_values(frame, args.value, args.missing_markers)
    result = _run_method(args, frame)
    _refuse_unestimable(result)
    return result


def _refuse_unestimable(result) -> None:
    """A fit whose standard errors are not numbers was not estimable: refuse it, saying why."""
    broken = [
        e.term
        for e in getattr(result, "estimates", [])
        if not (math.isfinite(e.estimate) and math.isfinite(e.std_error) and e.std_error > 0)
    ]
    if broken:
        raise stats.InsufficientData(
            f"the design cannot be estimated from these data: {', '.join(broken)} "
            f"{'has' if len(broken) == 1 else 'have'} no finite standard error (too few "
            "points or units on one side, or terms that duplicate each other)"
        )


def _run_method(args: argparse.Namespace, frame: pd.DataFrame):
    if args.se == "cluster" and args.method in ("spc", "its", "its-poisson", "before-after"):
        raise ValueError(f"--se cluster needs several units: not available for --method {args.method}")
    if args.se and args.method in ("spc", "its-poisson", "multi-its", "before-after"):
        raise ValueError(
            f"--se is for --method its and did; --method {args.method} has its own errors"
        )
    if args.method == "before-after":
        _require(args, "time", "start")
        return stats.before_after_change(
            frame, time=args.time, value=args.value, start=args.start,
            confidence=args.confidence, definition_changes=args.definition_change,
        )  # fmt: skip
    if args.method == "spc":
        _require(args, "time")
        return stats.xmr_chart(
            frame,
            time=args.time,
            value=args.value,
            direction=args.direction,
            target=args.target,
            recalculate_from=args.recalculate_from,
            shift_length=args.shift_length,
            trend_length=args.trend_length,
            baseline_points=args.baseline_points,
            screen_moving_ranges=args.screen_moving_ranges == "on",
            definition_changes=args.definition_change,
        )
    if args.method == "its":
        _require(args, "time", "start")
        return stats.segmented_regression(
            frame,
            **_its_options(args),
            maxlags=args.hac_lags,
            use_correction=args.use_correction,
            errors=args.se or "hac",
        )
    if args.method == "its-poisson":
        _require(args, "time", "start")
        return stats.segmented_poisson(
            frame,
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
    if args.se == "hac":
        raise ValueError("--se hac needs one time series: use --method its, or cluster for did")
    if args.treated or args.post:
        _require(args, "treated", "post")
        return stats.difference_in_differences(
            frame,
            value=args.value,
            treated=args.treated,
            post=args.post,
            unit=args.unit,
            confidence=args.confidence,
            errors=args.se,
            balanced=args.balanced,
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
        errors=args.se or "cluster",
        balanced=args.balanced,
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


if __name__ == "__main__":
    sys.exit(main())
