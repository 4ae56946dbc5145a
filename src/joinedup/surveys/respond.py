"""Answering a survey: open an invitation, keep a draft, send the answers.

Sending is one transaction: the invitation is claimed with a single
conditional UPDATE (only while it is unused), and the response stored, so
two tabs or a double click count once: the second UPDATE waits for the
first's row lock, then finds the invitation used. The response is written
with no reference to the invitation. Used links are sealed later, beside the
requests and never in one (sealing.py).
"""

import functools
import hashlib
import secrets
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from joinedup.partnerships import models as partnerships

from .instruments import (
    FREE_TEXT,
    FREE_TEXT_MAX_LENGTH,
    clean_answers,
    instrument,
    with_partnership,
    without_own_ratings,
)
from .invitations import invitation_to_open
from .models import Draft, Invitation, Response, WaveStatus
from .sealing import after_sending, seal_claims
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
        for pk, name in partnerships.Membership.objects.live().filter(partnership_id=partnership.pk)
        .order_by("organisation__name").values_list("organisation_id", "organisation__name")
    ]
    outcomes = [
        (str(pk), statement)
        for pk, statement in partnerships.Outcome.objects.live().filter(partnership_id=partnership.pk)
        .order_by("position", "id").values_list("id", "statement")
    ]
    return organisations, outcomes


def partnerships_choices(partnership_ids):
    """{partnership id: partnership_choices(it)} for many partnerships in two queries
    (a portfolio review's chunk), each partnership's pairs in the same order."""
    found = {pid: ([], []) for pid in partnership_ids}
    for pid, pk, name in (
        partnerships.Membership.objects.live().filter(partnership_id__in=found)
        .order_by("partnership_id", "organisation__name").values_list("partnership_id", "organisation_id", "organisation__name")
    ):
        found[pid][0].append((str(pk), name))
    for pid, pk, statement in (
        partnerships.Outcome.objects.live().filter(partnership_id__in=found)
        .order_by("partnership_id", "position", "id").values_list("partnership_id", "id", "statement")
    ):
        found[pid][1].append((str(pk), statement))
    return found


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
    return _ready_survey(batch.instrument_code, tuple(organisations), tuple(outcomes), batch.group)


@functools.lru_cache(maxsize=256)
def _ready_survey(instrument_code, organisations, outcomes, group):
    """survey_for's work, kept per process: it depends on nothing but its
    arguments (texts stay lazy, so any language), and every submission asks
    it again. A change to the partnership's choices is a new key."""
    fixed = next((value for value, label in organisations if label == group), None)
    survey = with_partnership(instrument(instrument_code), organisations, outcomes, own_organisation=fixed)
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
    if survey.grouped_by_partner:
        answers = without_own_ratings(survey, answers)
    group = _group_label(survey, answers, batch.group)
    # Not the day of use: with it, a day on which one link was used would pair
    # that link with the one answer of its group released from that day.
    used_on = batch.wave.opens_on
    # A consented obstacle is not written here but when the answer is released
    # (surveys.release), so it shares no transaction, order or day with it.
    if draft_key is None and connection.vendor == "postgresql":
        claimed = _claim_and_store(invitation.pk, used_on, [
            batch.wave_id, batch.instrument_code, group, batch.language,
            Response._meta.get_field("answers").get_db_prep_save(answers, connection), False,
        ])
    else:
        with transaction.atomic():
            claimed = Invitation.objects.filter(pk=invitation.pk, used_on__isnull=True).update(used_on=used_on)
            if claimed == 1:
                Response(
                    wave_id=batch.wave_id, instrument=batch.instrument_code, respondent_group=group,
                    language=batch.language, answers=answers,
                ).save()
                if draft_key:
                    Draft.objects.filter(key_hash=_hash(draft_key)).delete()
    if claimed != 1:
        raise Unusable("used")
    after_sending(batch.wave_id, invitation.pk)
    return Outcome(sent=True, answers=answers)


# The response's columns as _claim_and_store writes them, in this order.
CLAIM_COLUMNS = ["wave_id", "instrument", "respondent_group", "language", "answers", "released"]


@functools.cache
def _claim_sql():
    columns = ", ".join(Response._meta.get_field(name).column for name in CLAIM_COLUMNS)
    return (
        f"WITH claimed AS (UPDATE {Invitation._meta.db_table} SET used_on = %s "
        f"WHERE id = %s AND used_on IS NULL RETURNING id) "
        f"INSERT INTO {Response._meta.db_table} ({columns}) "
        f"SELECT {', '.join(['%s'] * len(CLAIM_COLUMNS))} FROM claimed"
    )


def _claim_and_store(invitation_id, used_on, values):
    """Claim the invitation and store the response (`values`, ready for the
    database, in CLAIM_COLUMNS order) in one statement: the usual submission
    on PostgreSQL. One statement is atomic on its own, and sparing the BEGIN
    and COMMIT round trips and the ORM's work halves the database time of a
    submission (bench/survey_load.py). The response row is only inserted if
    the UPDATE claimed the invitation. Returns how many rows it inserted."""
    with hot_cursor() as cursor:
        cursor.execute(_claim_sql(), [used_on, invitation_id, *values])
        return cursor.rowcount


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
    from .release import release_answers

    lapsed = list(Wave.objects.filter(status=WaveStatus.OPEN, closes_on__lt=today).values_list("id", flat=True))
    Wave.objects.filter(id__in=lapsed).update(status=WaveStatus.CLOSED, closed_on=today)
    for wave in Wave.objects.filter(id__in=lapsed):
        release_answers(wave, closing=True)
    sealed = sum(seal_claims(wave_id, minimum=0) for wave_id in lapsed)
    return len(lapsed), sealed, forget_old_drafts(today)


def forget_old_drafts(today=None):
    """Delete drafts not touched for DRAFT_DAYS, and those of closed waves."""
    today = today or timezone.localdate()
    old = Draft.objects.filter(saved_on__lt=today - timezone.timedelta(days=DRAFT_DAYS))
    closed = Draft.objects.filter(wave__status=WaveStatus.CLOSED)
    return old.delete()[0] + closed.delete()[0]
