"""Single-use invitation links and short codes.

Each invitation has two secrets: a long random token for the link (and the
QR code), and a short code of 12 letters and digits to type in at /s/ from
a paper form. Only their SHA-256 hashes are stored, so the links can be
shown once, when they are made, and never again. Both secrets are random
and long enough (128 and 59 bits) that a plain hash is safe to keep.
"""

import functools
import hashlib
import re
import secrets
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q

from .models import Invitation, InvitationBatch, Wave
from .statements import hot_cursor

# No 0/O, 1/I/L or U/V look-alikes: codes are read off paper and typed.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
CODE_LENGTH = 12
_CODE_SET = frozenset(CODE_ALPHABET)


@dataclass(frozen=True)
class IssuedLink:
    """A link as shown once to the person who made it."""

    token: str
    code: str

    @property
    def printed_code(self):
        return "-".join(self.code[i:i + 4] for i in range(0, len(self.code), 4))


def hash_secret(value):
    return hashlib.sha256(value.encode()).hexdigest()


# Anything that is not a letter or digit: dashes, spaces, underscores.
_NOT_CODE_CHARACTERS = re.compile(r"[\W_]+")


def normalise_code(text):
    """A short code as typed: any case, with or without dashes and spaces."""
    # One regular expression, not a loop over the characters: this runs on
    # every survey page and submission (bench/survey_submission_cpu.py).
    return _NOT_CODE_CHARACTERS.sub("", text).upper()


def new_link():
    return IssuedLink(
        token=secrets.token_urlsafe(16),
        code="".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)),
    )


def issue_batch(wave, *, group, instrument, count, language, easy_read):
    """Make a batch of `count` single-use links; returns (batch, links)."""
    links = [new_link() for _ in range(count)]
    with transaction.atomic():
        batch = InvitationBatch.objects.create(
            wave=wave, group=group, instrument=instrument, count=count, language=language,
            easy_read=easy_read,
        )
        Invitation.objects.bulk_create(
            Invitation(batch=batch, token_hash=hash_secret(link.token), code_hash=hash_secret(link.code))
            for link in links
        )
    return batch, links


def invitations_matching(key):
    """The invitation (as a queryset) whose token or short code is `key`."""
    if not key or len(key) > 64:
        return Invitation.objects.none()
    return Invitation.objects.filter(
        Q(token_hash=hash_secret(key)) | Q(code_hash=hash_secret(normalise_code(key)))
    )


# What answering a survey reads of an invitation, its batch and its wave.
# Anything else is loaded only if asked for (Model.from_db defers it). The
# names are in the model's field order, the order Model.from_db takes values.
OPENING_FIELDS = {
    model: [f.attname for f in model._meta.concrete_fields if f.attname in wanted]
    for model, wanted in [
        (Invitation, {"id", "batch_id", "used_on"}),
        (InvitationBatch, {"id", "wave_id", "group", "instrument", "language", "easy_read"}),
        (Wave, {"id", "partnership_id", "status", "opens_on", "closes_on"}),
    ]
}


@functools.cache
def _opening_sql():
    quote = connection.ops.quote_name
    columns = [
        f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(name).column)}"
        for model, names in OPENING_FIELDS.items() for name in names
    ]
    invitation, batch, wave = (quote(m._meta.db_table) for m in OPENING_FIELDS)
    return (
        f"SELECT {', '.join(columns)} FROM {invitation} "
        f"JOIN {batch} ON {batch}.id = {invitation}.batch_id JOIN {wave} ON {wave}.id = {batch}.wave_id "
        f"WHERE {invitation}.{{column}} = %s"
    )


def looks_like_code(key):
    """True when `key` can only be a short code as typed (12 characters of
    the code alphabet, with any dashes or spaces), never a link token (22)."""
    if len(key) > 2 * CODE_LENGTH:
        return False
    code = normalise_code(key)
    return len(code) == CODE_LENGTH and set(code) <= _CODE_SET


def invitation_to_open(key):
    """The invitation whose token or short code is `key`, with its batch and
    wave attached, or None. The same as invitations_matching(key)
    .select_related("batch__wave") but a third of the work: it runs on every
    view and submission of a survey, and building that join through the ORM
    was the largest cost of a submission (bench/survey_load.py)."""
    if not key or len(key) > 64:
        return None
    # One index, not `token_hash = … OR code_hash = …`: a key is one or the other.
    if looks_like_code(key):
        sql, secret = _opening_sql().replace("{column}", "code_hash"), hash_secret(normalise_code(key))
    else:
        sql, secret = _opening_sql().replace("{column}", "token_hash"), hash_secret(key)
    with hot_cursor() as cursor:
        cursor.execute(sql, [secret])
        row = cursor.fetchone()
    if row is None:
        return None
    made, start = [], 0
    for model, names in OPENING_FIELDS.items():
        made.append(model.from_db(connection.alias, names, row[start:start + len(names)]))
        start += len(names)
    invitation, batch, wave = made
    batch.wave = wave
    invitation.batch = batch
    return invitation
