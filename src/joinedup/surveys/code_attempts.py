"""A limit on wrong survey codes from one address, so that nobody can try
codes (at /s/ or as /s/<code>/) until one works.

Only wrong codes count: a care home or library where many people type their
own right codes from one address is never held up. The address is kept only
as a keyed hash, in the cache, for the length of the window, and never
beside an answer. The cache is per process unless CACHES names a shared one
(docs/security.md)."""

import hmac

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 15 * 60


def limit():
    return settings.SURVEY_CODE_ATTEMPTS


def _key(request):
    address = request.META.get("REMOTE_ADDR", "")
    # hmac.digest: the same keyed hash as hmac.new(...), in one C call.
    digest = hmac.digest(settings.SECRET_KEY.encode(), address.encode(), "sha256").hex()
    return f"survey-code-failures:{digest[:32]}"


def held_back(request):
    """True once this address has tried too many wrong codes in the window."""
    return cache.get(_key(request), 0) >= limit()


def count_wrong_code(request):
    key = _key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
