"""Theme means kept per wave (``ThemeMeans``), so that a page showing the
health check of hundreds of partnerships (the portfolio) reads one stored
row per wave instead of scoring every answer (issue 19).

The means are worked out on first need, from the database's counts
(theme_counts.py) by the results page's own rules
(``scoring.all_respondents_theme_means``), and kept with a fingerprint of
what they came from: the wave's released answers to the instrument (how
many, the largest and the sum of their ids, so that a release, a new answer
or a deleted one changes it), the invitations by group and the wave's
suppression rule. Each read compares the fingerprint with the data as it is
now and works the means out again where they differ, so a figure shown never
disagrees with the answers. An answer edited in place (the admin) deletes
its wave's kept means (models.py).
"""

import hashlib
from collections import defaultdict

from django.db.models import Count, Max, Sum
from django.utils import timezone

from .instruments import instrument
from .models import InvitationBatch, Response, ThemeMeans
from .results import rule_for
from .scoring import all_respondents_theme_means
from .theme_counts import family_codes, theme_score_counts


def _fingerprint(answered, invited, rule):
    text = "|".join([
        "{}:{}:{}".format(*answered),
        f"{rule.threshold}:{rule.min_response_rate!r}",
        "\x1f".join(f"{group}={count}" for group, count in sorted(invited.items())),
    ])
    return hashlib.sha256(text.encode()).hexdigest()


def invited_by_wave(wave_ids, code):
    """{wave id: {group: links made}} for one instrument (as results.invited_counts)."""
    found = defaultdict(dict)
    for wave_id, group, count in (
        InvitationBatch.objects.filter(wave_id__in=wave_ids, instrument=code)
        .values_list("wave_id", "group").annotate(n=Sum("count")).order_by()
    ):
        found[wave_id][group] = count
    return found


def theme_means(waves, code):
    """{wave id: {theme: "all respondents" mean, or None where hidden}} of the
    instrument ``code`` in each wave: the kept means where they are still
    right, worked out again (and kept) where the answers, invitations or
    rule have changed since. A constant number of queries however many waves."""
    waves = {w.pk: w for w in waves}
    if not waves:
        return {}
    ids = sorted(waves)
    invited = invited_by_wave(ids, code)
    answered = {
        row["wave_id"]: (row["n"], row["last"], row["total"])
        for row in Response.objects.filter(wave_id__in=ids, instrument__in=family_codes(code))
        .values("wave_id").annotate(n=Count("pk"), last=Max("pk"), total=Sum("pk")).order_by()
    }
    fingerprints = {
        pk: _fingerprint(answered.get(pk, (0, 0, 0)), invited.get(pk, {}), rule_for(wave))
        for pk, wave in waves.items()
    }
    kept = {
        wave_id: means
        for wave_id, fingerprint, means in ThemeMeans.objects.filter(wave_id__in=ids, instrument=code)
        .values_list("wave_id", "fingerprint", "means")
        if fingerprint == fingerprints[wave_id]
    }
    stale = [pk for pk in ids if pk not in kept]
    if stale:
        survey = instrument(code)
        counts = theme_score_counts(stale, code)
        made = []
        for pk in stale:
            kept[pk] = all_respondents_theme_means(
                survey, counts.get(pk, {}), invited=invited.get(pk) or None, rule=rule_for(waves[pk]))
            made.append(ThemeMeans(wave_id=pk, instrument=code, fingerprint=fingerprints[pk], means=kept[pk],
                                   worked_out_at=timezone.now()))
        ThemeMeans.objects.bulk_create(
            made, update_conflicts=True, unique_fields=["wave", "instrument"],
            update_fields=["fingerprint", "means", "worked_out_at"], batch_size=500,
        )
    return kept
