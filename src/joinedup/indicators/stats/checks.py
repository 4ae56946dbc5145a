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

from .said import Said, gettext_noop, ngettext

MIN_POINTS_PER_SEGMENT = 8
MIN_POINTS_FOR_LIMITS = 12
MAX_MISSING_SHARE = 0.2
MIN_CLUSTERS = 10


def segment_length_warnings(
    n_before: int, n_after: int, minimum: int = MIN_POINTS_PER_SEGMENT
) -> list[str]:
    """Warn when there are fewer than ``minimum`` points before or after the start."""
    messages = {
        "before": ngettext(
            "Only %(count)s point before the start; at least %(minimum)s are needed to estimate a change "
            "in level or trend with any confidence.",
            "Only %(count)s points before the start; at least %(minimum)s are needed to estimate a change "
            "in level or trend with any confidence.", n_before),
        "after": ngettext(
            "Only %(count)s point after the start; at least %(minimum)s are needed to estimate a change "
            "in level or trend with any confidence.",
            "Only %(count)s points after the start; at least %(minimum)s are needed to estimate a change "
            "in level or trend with any confidence.", n_after),
    }
    return [
        Said(messages[side], count=count, minimum=minimum)
        for count, side in ((n_before, "before"), (n_after, "after"))
        if count < minimum
    ]


def limit_length_warnings(
    counts: Sequence[int], labels: Sequence[str], minimum: int = MIN_POINTS_FOR_LIMITS
) -> list[str]:
    """Warn for each SPC segment whose limits rest on fewer than ``minimum`` points."""
    return [
        Said(gettext_noop("The process limits from %(label)s rest on %(count)s points; at least %(minimum)s "
                          "are needed before the limits are reliable."), label=label, count=count, minimum=minimum)
        for count, label in zip(counts, labels, strict=True)
        if count < minimum
    ]


def missing_warnings(values: np.ndarray, maximum_share: float = MAX_MISSING_SHARE) -> list[str]:
    """Warn when more than ``maximum_share`` of the values are missing."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return [Said(gettext_noop("There are no values."))]
    missing = int(np.isnan(values).sum())
    if missing / values.size > maximum_share:
        return [
            Said(gettext_noop("%(missing)s of %(count)s values are missing (%(share)s); with more than "
                              "%(maximum)s missing the result may not be representative."),
                 missing=missing, count=values.size, share=f"{missing / values.size:.0%}",
                 maximum=f"{maximum_share:.0%}")
        ]
    return []


def definition_change_warnings(
    changes: Sequence[str], first: float, last: float, positions: Sequence[float]
) -> list[str]:
    """Warn for each flagged change of the indicator's definition inside the data's span."""
    return [
        Said(gettext_noop("The indicator's definition changed at %(label)s; a change in the series around "
                          "then may be an artefact of the new definition, not a real change."), label=label)
        for label, position in zip(changes, positions, strict=True)
        if first <= position <= last
    ]


def cluster_warnings(n_clusters: int, n_treated: int, minimum: int = MIN_CLUSTERS) -> list[str]:
    """Warn when clustered standard errors rest on too few areas or treated areas."""
    warnings = []
    if n_clusters < minimum:
        warnings.append(
            Said(gettext_noop("Standard errors are clustered over only %(count)s areas; with fewer than "
                              "%(minimum)s they are unreliable (usually too small)."),
                 count=n_clusters, minimum=minimum)
        )
    if 0 < n_treated < 2:
        warnings.append(
            Said(gettext_noop("Only one area is treated: clustered standard errors cannot capture that area's "
                              "own shocks, so the interval and p-value are too optimistic (Conley and Taber "
                              "2011)."))
        )
    return warnings
