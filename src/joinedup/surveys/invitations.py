"""Single-use invitation links and short codes.

Each invitation has two secrets: a long random token for the link (and the
QR code), and a short code of 12 letters and digits to type in at /s/ from
a paper form. Only their SHA-256 hashes are stored, so the links can be
shown once, when they are made, and never again. Both secrets are random
and long enough (128 and 59 bits) that a plain hash is safe to keep.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from .models import Invitation, InvitationBatch

# No 0/O, 1/I/L or U/V look-alikes: codes are read off paper and typed.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
CODE_LENGTH = 12


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


def normalise_code(text):
    """A short code as typed: any case, with or without dashes and spaces."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


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
