"""A limit on wrong survey codes from one address, so that nobody can try
codes (at /s/ or as /s/<code>/) until one works.

Only wrong codes count: a care home or library where many people type their
own right codes from one address is never held up. The address is kept only
as a keyed hash, in the cache, for the length of the window, and never
beside an answer. The cache is per process unless CACHES names a shared one
(docs/security.md)."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 15 * 60


def limit():
    return getattr(settings, "SURVEY_CODE_ATTEMPTS", 20)


def _key(request):
    address = request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()
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
