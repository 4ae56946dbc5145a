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
"""

from .batch import BatchSegmentedResult, ols_hac_batch, segmented_regression_batch
from .before_after import BeforeAfterResult, before_after_change
from .did import (
    DifferenceInDifferencesResult,
    GroupMean,
    difference_in_differences,
    two_way_fixed_effects,
)
from .its import (
    FittedPoint,
    InterruptedTimeSeriesResult,
    segmented_poisson,
    segmented_regression,
)
from .multi_its import GroupFittedPoint, MultiGroupItsResult, multi_group_its
from .rates import (
    FunnelPoint,
    FunnelResult,
    RateEstimate,
    byar_interval,
    exact_poisson_interval,
    funnel_plot,
    proportion,
    rate,
    wilson_interval,
)
from .results import Estimate, InsufficientData
from .series import Seasonality, default_maxlags
from .spc import (
    ProcessLimits,
    SpcPoint,
    SpcResult,
    SpcSegment,
    assurance_status,
    process_limits,
    xmr_chart,
)

__all__ = [
    "BeforeAfterResult",
    "BatchSegmentedResult",
    "DifferenceInDifferencesResult",
    "Estimate",
    "FittedPoint",
    "FunnelPoint",
    "FunnelResult",
    "GroupFittedPoint",
    "GroupMean",
    "InsufficientData",
    "InterruptedTimeSeriesResult",
    "MultiGroupItsResult",
    "ProcessLimits",
    "RateEstimate",
    "Seasonality",
    "SpcPoint",
    "SpcResult",
    "SpcSegment",
    "assurance_status",
    "before_after_change",
    "byar_interval",
    "default_maxlags",
    "difference_in_differences",
    "exact_poisson_interval",
    "funnel_plot",
    "multi_group_its",
    "ols_hac_batch",
    "process_limits",
    "proportion",
    "rate",
    "segmented_poisson",
    "segmented_regression",
    "segmented_regression_batch",
    "two_way_fixed_effects",
    "wilson_interval",
    "xmr_chart",
]
