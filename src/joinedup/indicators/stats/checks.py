"""Warnings for when the data cannot support a claim.

The thresholds are conventions, written down in docs/statistics.md:
at least 8 points before and 8 after for an interrupted time series
(Penfold and Zhang 2013 suggest 8 per segment as a minimum), at least 12
points for process limits (Making Data Count asks for 15-20 and
tolerates 12), and no more than 20% missing values.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MIN_POINTS_PER_SEGMENT = 8
MIN_POINTS_FOR_LIMITS = 12
MAX_MISSING_SHARE = 0.2
MIN_CLUSTERS = 10


def segment_length_warnings(
    n_before: int, n_after: int, minimum: int = MIN_POINTS_PER_SEGMENT
) -> list[str]:
    """Warn when there are fewer than ``minimum`` points before or after the start."""
    warnings = []
    for count, side in ((n_before, "before"), (n_after, "after")):
        if count < minimum:
            warnings.append(
                f"Only {count} point{'s' if count != 1 else ''} {side} the start; at least "
                f"{minimum} are needed to estimate a change in level or trend with any confidence."
            )
    return warnings


def limit_length_warnings(
    counts: Sequence[int], labels: Sequence[str], minimum: int = MIN_POINTS_FOR_LIMITS
) -> list[str]:
    """Warn for each SPC segment whose limits rest on fewer than ``minimum`` points."""
    return [
        f"The process limits from {label} rest on {count} points; at least {minimum} are "
        f"needed before the limits are reliable."
        for count, label in zip(counts, labels, strict=True)
        if count < minimum
    ]


def missing_warnings(values: np.ndarray, maximum_share: float = MAX_MISSING_SHARE) -> list[str]:
    """Warn when more than ``maximum_share`` of the values are missing."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return ["There are no values."]
    missing = int(np.isnan(values).sum())
    if missing / values.size > maximum_share:
        return [
            f"{missing} of {values.size} values are missing ({missing / values.size:.0%}); "
            f"with more than {maximum_share:.0%} missing the result may not be representative."
        ]
    return []


def definition_change_warnings(
    changes: Sequence[str], first: float, last: float, positions: Sequence[float]
) -> list[str]:
    """Warn for each flagged change of the indicator's definition inside the data's span."""
    return [
        f"The indicator's definition changed at {label}; a change in the series around then "
        f"may be an artefact of the new definition, not a real change."
        for label, position in zip(changes, positions, strict=True)
        if first <= position <= last
    ]


def cluster_warnings(n_clusters: int, n_treated: int, minimum: int = MIN_CLUSTERS) -> list[str]:
    """Warn when clustered standard errors rest on too few areas or treated areas."""
    warnings = []
    if n_clusters < minimum:
        warnings.append(
            f"Standard errors are clustered over only {n_clusters} areas; with fewer than "
            f"{minimum} they are unreliable (usually too small)."
        )
    if 0 < n_treated < 2:
        warnings.append(
            "Only one area is treated: clustered standard errors cannot capture that area's "
            "own shocks, so the interval and p-value are too optimistic (Conley and Taber 2011)."
        )
    return warnings
