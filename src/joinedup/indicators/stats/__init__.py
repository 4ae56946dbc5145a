"""joinedup's statistics engine: plain pandas/NumPy in, plain results out.

No Django and no database: every function takes a DataFrame (or arrays) and
returns a dataclass with ``to_dict()`` for JSON, a plain-English ``reading``,
``warnings`` (what the data cannot support) and ``caveats`` (what the method
assumes). Methods, formulas and conventions: docs/statistics.md.

Statistical process control
    :func:`xmr_chart`, :func:`process_limits`, :func:`assurance_status`
Interrupted time series
    :func:`segmented_regression` (OLS, Newey–West errors),
    :func:`segmented_poisson` (Poisson / quasi-Poisson, rate ratios),
    :func:`multi_group_its` (treated against comparator areas),
    :func:`segmented_regression_batch` (many series at once, NumPy)
Difference in differences
    :func:`difference_in_differences` (2×2), :func:`two_way_fixed_effects`
Before and after
    :func:`before_after_change` (mean change, Welch interval, percentage change)
Rates
    :func:`proportion`, :func:`rate`, :func:`wilson_interval`,
    :func:`exact_poisson_interval`, :func:`byar_interval`, :func:`funnel_plot`

The methods are imported on first use (``stats.xmr_chart`` imports ``stats.spc``; PEP 562):
statsmodels, SciPy's distributions and pandas take a new process seconds to import, and
``joinedup review --format text`` needs none of them -- its evidence facts
(indicators/review_facts.py) use the NumPy parts of ``spc``, ``series`` and ``batch``
alone, which import them only in the functions that use them. `joinedup serve` imports
the methods once, before its workers start (gunicorn_conf.WARM_MODULES).
"""

import importlib

# {module: the names it gives the package}
_METHODS = {
    "batch": ("BatchSegmentedResult", "ols_hac_batch", "segmented_regression_batch"),
    "before_after": ("BeforeAfterResult", "before_after_change"),
    "did": ("DifferenceInDifferencesResult", "GroupMean", "difference_in_differences",
            "two_way_fixed_effects"),
    "its": ("FittedPoint", "InterruptedTimeSeriesResult", "segmented_poisson",
            "segmented_regression"),
    "multi_its": ("GroupFittedPoint", "MultiGroupItsResult", "multi_group_its"),
    "rates": ("FunnelPoint", "FunnelResult", "RateEstimate", "byar_interval",
              "exact_poisson_interval", "funnel_plot", "proportion", "rate", "wilson_interval"),
    "results": ("Estimate", "InsufficientData"),
    "series": ("Seasonality", "default_maxlags"),
    "spc": ("ProcessLimits", "SpcPoint", "SpcResult", "SpcSegment", "assurance_status",
            "process_limits", "xmr_chart"),
}
_FROM = {name: module for module, names in _METHODS.items() for name in names}
__all__ = sorted(_FROM)


def __getattr__(name):
    module = _FROM.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted({*globals(), *__all__})
