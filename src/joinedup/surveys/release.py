"""Releasing answers into the results in steps, so that two looks at a live
wave never differ by one person.

Results are shown while a wave is open. If every answer counted at once, a
reader who downloads the results before and after one person answers would
get that person's scores from the change in the means, and see which answer
cells they filled. So answers are stored unreleased (``Response.released``
is false) and every figure shown reads only released ones
(``Response.objects``). A group's waiting answers to a survey are released
together, and only when there are at least the wave's threshold of them
(5 by default): between any two views, every group's answers either stay
the same or grow by at least the threshold, and the figures move in the same
steps everywhere (results, CSV, wave page, partnership page, reviews).

When the wave closes:

* if none of a survey's answers was ever released, all of them are released
  together: a single view, like results read only after closing;
* otherwise each group's waiting answers are released only if there are at
  least the threshold of them. Fewer are never counted: adding them to a
  total already seen would show what they said. They stay stored, unshown.

Consented staff obstacles are passed on as answers are released: written in
a savepoint of their own (on PostgreSQL a row written in a savepoint carries
the savepoint's own transaction id, not its parent's), in a shuffled order,
dated with the day of release, so that neither transaction id, order nor day
ties an obstacle to the answer it came from. docs/surveys.md has the threat
model.
"""

import random
from collections import Counter, defaultdict

from django.db import transaction
from django.utils import timezone

from .instruments import consented_obstacle
from .models import Obstacle, RaisedBy, Response, Wave
from .results import family, rule_for

_shuffle = random.SystemRandom().shuffle


def release_answers(wave, closing=False):
    """Release the wave's waiting answers that may be released now; returns how many.

    Runs under a lock on the wave, so two releases cannot each take part of
    one step. Answers that arrive while it runs may join the step: it then
    grows, and never falls below the threshold."""
    threshold = rule_for(wave).threshold
    with transaction.atomic():
        locked = Wave.objects.select_for_update().filter(pk=wave.pk).values_list("pk", flat=True)
        if not list(locked):
            return 0
        waiting = Counter()
        codes = defaultdict(set)
        for code, group in Response.stored.filter(wave=wave, released=False).values_list(
            "instrument", "respondent_group"
        ):
            waiting[family(code), group] += 1
            codes[family(code)].add(code)
        if not waiting:
            return 0
        first_release = set()
        if closing:
            seen = {family(c) for c in Response.objects.filter(wave=wave).values_list("instrument", flat=True)}
            first_release = set(codes) - seen
        due = [(code, group) for (code, group), n in waiting.items() if n >= threshold or code in first_release]
        if not due:
            return 0
        released, obstacles = 0, []
        for code, group in due:
            rows = Response.stored.select_for_update().filter(
                wave=wave, released=False, instrument__in=codes[code], respondent_group=group,
            )
            ids, texts = [], []
            for pk, answers in rows.values_list("pk", "answers"):
                ids.append(pk)
                obstacle = consented_obstacle(answers)
                if obstacle:
                    texts.append(obstacle)
            released += Response.stored.filter(pk__in=ids).update(released=True)
            obstacles += texts
        if obstacles:
            _pass_on(wave, obstacles)
        return released


def _pass_on(wave, texts):
    _shuffle(texts)
    today = timezone.localdate()
    with transaction.atomic():  # a savepoint: its own transaction id on PostgreSQL
        Obstacle.objects.bulk_create(
            Obstacle(partnership_id=wave.partnership_id, text=text, raised_by_kind=RaisedBy.STAFF, created_on=today)
            for text in texts
        )


def release_waves(waves):
    """Release what may be released in each open wave (for pages that show several)."""
    return sum(release_answers(wave) for wave in waves if wave.is_open)
