"""Answering a survey: open an invitation, keep a draft, send the answers.

Sending is one transaction: the invitation is claimed with a single
conditional UPDATE (only while it is unused), and the response stored, so
two tabs or a double click count once: the second UPDATE waits for the
first's row lock, then finds the invitation used. The response is written
with no reference to the invitation.
"""

import hashlib
import secrets
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Exists
from django.utils import timezone

from joinedup.partnerships import models as partnerships

from .instruments import (
    FREE_TEXT,
    FREE_TEXT_MAX_LENGTH,
    clean_answers,
    consented_obstacle,
    instrument,
    with_partnership,
)
from .invitations import invitation_to_open
from .models import Draft, Invitation, Obstacle, RaisedBy, Response, WaveStatus
from .statements import hot_cursor

# Anything bigger than this is not a survey answer; refused before parsing.
MAX_POST_BYTES = 64 * 1024
DRAFT_COOKIE = "joinedup_draft"
DRAFT_DAYS = 60


class Unusable(Exception):
    """Why an invitation cannot be answered: "unknown", "used", "closed" or "not_open"."""

    def __init__(self, kind, language=None):
        super().__init__(kind)
        self.kind = kind
        self.language = language  # the link's, when the link was found


@dataclass
class Outcome:
    """What happened when answers were sent."""

    sent: bool
    errors: dict = field(default_factory=dict)
    answers: dict = field(default_factory=dict)


def open_invitation(key):
    """The invitation for a link token or short code, ready to answer."""
    invitation = invitation_to_open(key)
    if invitation is None:
        raise Unusable("unknown")
    language = invitation.batch.language
    if invitation.used_on is not None:
        raise Unusable("used", language)
    wave = invitation.batch.wave
    if wave.status != WaveStatus.OPEN or not wave.is_open:
        raise Unusable("closed", language)
    if wave.opens_on and wave.opens_on > timezone.localdate():
        raise Unusable("not_open", language)
    return invitation


def partnership_choices(partnership):
    """(value, label) pairs of the partnership's organisations and outcomes."""
    # values_list rather than model instances: this runs on every submission.
    organisations = [
        (str(pk), name)
        for pk, name in partnerships.Membership.objects.filter(partnership_id=partnership.pk, archived_at__isnull=True)
        .order_by("organisation__name").values_list("organisation_id", "organisation__name")
    ]
    outcomes = [
        (str(pk), statement)
        for pk, statement in partnerships.Outcome.objects.filter(partnership_id=partnership.pk, archived_at__isnull=True)
        .order_by("position", "id").values_list("id", "statement")
    ]
    return organisations, outcomes


CHOICES_CACHE_SECONDS = 60


def cached_partnership_choices(partnership_id):
    """partnership_choices for the respondent pages, kept for a minute per
    process: every submission needs them, and they change rarely."""
    key = f"survey-choices:{partnership_id}"
    choices = cache.get(key)
    if choices is None:
        choices = partnership_choices(SimpleNamespace(pk=partnership_id))
        cache.set(key, choices, CHOICES_CACHE_SECONDS)
    return choices


def survey_for(batch):
    """The batch's instrument, filled in with its partnership, and the group
    answer fixed by the batch (an organisation's id) or None."""
    organisations, outcomes = cached_partnership_choices(batch.wave.partnership_id)
    fixed = next((value for value, label in organisations if label == batch.group), None)
    survey = with_partnership(
        instrument(batch.instrument_code), organisations, outcomes, own_organisation=fixed,
    )
    return survey, fixed


def asked_questions(survey, fixed_group):
    """The questions shown: the group question is skipped when the link fixes it."""
    return [q for q in survey.questions if not (q.identifies_group and fixed_group)]


def raw_answers(survey, post):
    """The posted answers to this survey's questions, and nothing else."""
    raw = {}
    for question in survey.questions:
        values = post.getlist(question.code)
        if values:
            raw[question.code] = values if len(values) > 1 else values[0]
    return raw


def send(invitation, raw, draft_key=None, ready=None):
    """Check the answers and, if they are good, store them once. `ready` is
    survey_for(batch) when the caller has it already."""
    batch = invitation.batch
    survey, fixed = ready or survey_for(batch)
    if fixed is not None:
        raw = {**raw, survey.group_question.code: fixed} if survey.group_question else raw
    cleaned = clean_answers(survey, raw)
    if cleaned.errors:
        return Outcome(sent=False, errors=cleaned.errors, answers=raw)
    answers = _json_ready(cleaned.answers)
    group = _group_label(survey, answers, batch.group)
    response = Response(
        wave_id=batch.wave_id, instrument=batch.instrument_code, respondent_group=group,
        language=batch.language, submitted_on=timezone.localdate(), answers=answers,
    )
    obstacle = consented_obstacle(answers)
    if obstacle is None and draft_key is None and connection.vendor == "postgresql":
        claimed = _claim_and_store(invitation, response)
    else:
        with transaction.atomic():
            claimed = Invitation.objects.filter(pk=invitation.pk, used_on__isnull=True).update(
                used_on=response.submitted_on
            )
            if claimed == 1:
                response.save()
                if obstacle:
                    Obstacle.objects.create(
                        partnership_id=batch.wave.partnership_id, text=obstacle, raised_by_kind=RaisedBy.STAFF,
                        created_on=response.submitted_on,
                    )
                if draft_key:
                    Draft.objects.filter(key_hash=_hash(draft_key)).delete()
    if claimed != 1:
        raise Unusable("used")
    _after_sending(batch.wave_id)
    return Outcome(sent=True, answers=answers)


def _claim_and_store(invitation, response):
    """Claim the invitation and store the response in one statement: the
    usual submission on PostgreSQL. One statement is atomic on its own, and
    sparing the BEGIN and COMMIT round trips and the ORM's work halves the
    database time of a submission (bench/survey_load.py). The response row
    is only inserted if the UPDATE claimed the invitation."""
    columns = ["wave_id", "instrument", "respondent_group", "language", "submitted_on", "answers"]
    fields = [Response._meta.get_field(name) for name in columns]
    values = [f.get_db_prep_save(getattr(response, f.attname), connection) for f in fields]
    sql = (
        f"WITH claimed AS (UPDATE {Invitation._meta.db_table} SET used_on = %s "
        f"WHERE id = %s AND used_on IS NULL RETURNING id) "
        f"INSERT INTO {Response._meta.db_table} ({', '.join(f.column for f in fields)}) "
        f"SELECT {', '.join(['%s'] * len(fields))} FROM claimed"
    )
    with hot_cursor() as cursor:
        cursor.execute(sql, [response.submitted_on, invitation.pk, *values])
        return cursor.rowcount


# Claims are sealed in groups of at least this many, tried on every
# SEAL_EVERY-th submission a process handles, and all at once when a wave closes.
SEAL_MINIMUM = 10
SEAL_EVERY = 25
_sent_here = 0


def seal_claims(wave_id, minimum=SEAL_MINIMUM):
    """Rewrite the wave's claimed invitations together, so that no invitation
    keeps a mark shared with one answer. On PostgreSQL every row carries the
    id of the transaction that wrote it (the xmin column); a claim and its
    answer are written together, so until it is sealed a claimed invitation
    has the same xmin as the answer it gave. Sealing rewrites at least
    `minimum` waiting claims in one transaction, so they share one xmin that is
    no answer's. With minimum=0 (closing a wave) every claimed invitation of
    the wave is rewritten together, and the table is vacuumed so the old row
    versions go too. Returns how many were rewritten. docs/surveys.md has what
    this does and does not protect against."""
    claimed = Invitation.objects.filter(batch__wave_id=wave_id, used_on__isnull=False)
    if minimum:
        # One statement: count the waiting claims and rewrite them only if there are enough.
        waiting = claimed.filter(sealed=False)
        enough = Exists(waiting.values("batch__wave_id").annotate(n=Count("id")).filter(n__gte=minimum))
        sealed = waiting.filter(enough).update(sealed=True)
    else:
        sealed = claimed.update(sealed=True)
    if not minimum and connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {Invitation._meta.db_table}")
    return sealed


def _after_sending(wave_id):
    global _sent_here
    _sent_here += 1
    if _sent_here % SEAL_EVERY == 0:
        seal_claims(wave_id)


def _json_ready(answers):
    return {code: list(v) if isinstance(v, tuple) else v for code, v in answers.items()}


def _group_label(survey, answers, batch_group):
    question = survey.group_question
    if question is None or question.code not in answers:
        return batch_group
    labels = {o.value: o.label for o in question.options}
    return str(labels.get(answers[question.code], batch_group))


def _hash(value):
    return hashlib.sha256(value.encode()).hexdigest()


def load_draft(invitation, draft_key):
    """Answers saved earlier on this device for this link's wave, or {}."""
    if not draft_key:
        return {}
    draft = Draft.objects.filter(key_hash=_hash(draft_key), wave_id=invitation.batch.wave_id).first()
    return draft.answers if draft else {}


def save_draft(invitation, raw, draft_key=None, survey=None):
    """Keep half-finished answers; returns the cookie value that finds them."""
    survey = survey or survey_for(invitation.batch)[0]
    kept = {}
    for question in survey.questions:
        value = raw.get(question.code)
        if isinstance(value, str):
            kept[question.code] = value[:FREE_TEXT_MAX_LENGTH] if question.kind == FREE_TEXT else value[:100]
        elif isinstance(value, list):
            kept[question.code] = [str(v)[:100] for v in value[:20]]
    draft_key = draft_key or secrets.token_urlsafe(24)
    Draft.objects.update_or_create(
        key_hash=_hash(draft_key),
        defaults={"wave_id": invitation.batch.wave_id, "answers": kept, "saved_on": timezone.localdate()},
    )
    return draft_key


def close_lapsed_waves(today=None):
    """Close the open waves whose closing date has passed, seal each one's
    claims (seal_claims with minimum=0) and forget old drafts. Returns
    (waves closed, claims sealed, drafts deleted)."""
    today = today or timezone.localdate()
    from .models import Wave

    lapsed = list(Wave.objects.filter(status=WaveStatus.OPEN, closes_on__lt=today).values_list("id", flat=True))
    Wave.objects.filter(id__in=lapsed).update(status=WaveStatus.CLOSED)
    sealed = sum(seal_claims(wave_id, minimum=0) for wave_id in lapsed)
    return len(lapsed), sealed, forget_old_drafts(today)


def forget_old_drafts(today=None):
    """Delete drafts not touched for DRAFT_DAYS, and those of closed waves."""
    today = today or timezone.localdate()
    old = Draft.objects.filter(saved_on__lt=today - timezone.timedelta(days=DRAFT_DAYS))
    closed = Draft.objects.filter(wave__status=WaveStatus.CLOSED)
    return old.delete()[0] + closed.delete()[0]
