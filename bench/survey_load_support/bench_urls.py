"""The app's URLs, plus (only when JOINEDUP_BENCH_BARE_VIEW=1) a bare Django
view that inserts one row: the yardstick the survey submission is compared
with. Never part of the app's URLs."""

import os

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from joinedup.urls import handler404, handler500, urlpatterns  # noqa: F401


@csrf_exempt
def bare_insert(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare (body) VALUES (%s)", [request.POST.get("body", "")])
    return HttpResponse("ok")


if os.environ.get("JOINEDUP_BENCH_BARE_VIEW") == "1":
    urlpatterns = [*urlpatterns, path("bench/bare/", bare_insert)]
