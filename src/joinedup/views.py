"""Error pages in the design system's words, and the health check."""

import logging

from django.db import DEFAULT_DB_ALIAS, Error, connections
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def forbidden(request, exception=None):
    return render(request, "errors/403.html", {"reason": str(exception or "")}, status=403)


def server_error(request):
    return render(request, "errors/500.html", status=500)


def database_state(alias=DEFAULT_DB_ALIAS):
    """"ok" when the database answers a trivial query, else "unavailable"."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Error as error:
        # The class only: a driver's message may name the host and user.
        logger.warning("health check: the database is unavailable (%s)", type(error).__name__)
        return "unavailable"
    return "ok"


@never_cache
@require_safe
def health(request):
    """For load balancers and monitors: no sign-in, nothing of any workspace,
    and 503 when the database does not answer, so a host that cannot reach it
    is taken out of rotation."""
    database = database_state()
    return JsonResponse({"status": "ok" if database == "ok" else "unavailable", "database": database},
                        status=200 if database == "ok" else 503)
