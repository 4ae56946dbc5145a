"""The app's URLs, plus (only when JOINEDUP_BENCH_BARE_VIEW=1) bare Django
views, the yardsticks the app's pages are compared with: one that inserts one
row (for the survey submission), and the floors of bench/run.py's pages, each
the page's main aggregate as raw SQL, answered with its row count. Never part
of the app's URLs."""

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


# Each: one partnership's (or one workspace's) figures as the page totals them.
FLOORS = {
    # The partnership page: its members, meetings and attendance, indicators and latest values, answers.
    "partnership": """
        SELECT (SELECT count(*) FROM partnerships_membership WHERE partnership_id = %(pk)s),
               (SELECT count(*) FROM meetings_meeting WHERE partnership_id = %(pk)s),
               (SELECT count(*) FROM meetings_attendance a JOIN meetings_meeting m ON m.id = a.meeting_id
                 WHERE m.partnership_id = %(pk)s AND a.status <> 'apologies'),
               (SELECT count(*) FROM (SELECT DISTINCT ON (i.id) me.value FROM indicators_indicator i
                 JOIN indicators_measurement me ON me.indicator_id = i.id WHERE i.partnership_id = %(pk)s
                 ORDER BY i.id, me.period_start DESC) latest),
               (SELECT count(*) FROM surveys_response r JOIN surveys_wave w ON w.id = r.wave_id
                 WHERE w.partnership_id = %(pk)s AND r.released)""",
    # The cost ledger: every attendance line costed at its person's band (or the default), by month.
    "ledger": """
        SELECT date_trunc('month', m.starts_at) AS month, count(*),
               sum((coalesce(a.minutes_attended, m.length_minutes) + m.preparation_minutes + m.travel_minutes)
                   * coalesce(b.hourly_pence, d.hourly_pence, 0) / 60)
          FROM meetings_attendance a
          JOIN meetings_meeting m ON m.id = a.meeting_id
          JOIN organisations_person p ON p.id = coalesce(a.deputy_id, a.person_id)
          JOIN partnerships_partnership pa ON pa.id = m.partnership_id
          LEFT JOIN meetings_payscale s ON s.workspace_id = pa.workspace_id
          LEFT JOIN meetings_payband d ON d.id = s.default_band_id
          LEFT JOIN meetings_payband b ON b.workspace_id = pa.workspace_id AND b.code_key = lower(p.pay_band)
         WHERE m.partnership_id = %(pk)s AND a.status <> 'apologies'
         GROUP BY 1 ORDER BY 1""",
    # The portfolio: each partnership of the workspace with its latest review and its answers.
    "portfolio": """
        SELECT p.id, p.name, p.form, p.status, r.high_count, r.as_of,
               (SELECT count(*) FROM surveys_response x JOIN surveys_wave w ON w.id = x.wave_id
                 WHERE w.partnership_id = p.id AND x.instrument = 'health_check' AND x.released)
          FROM partnerships_partnership p
          LEFT JOIN LATERAL (SELECT high_count, as_of FROM review_review WHERE partnership_id = p.id
                             ORDER BY as_of DESC, id DESC LIMIT 1) r ON true
         WHERE p.workspace_id = %(pk)s ORDER BY p.name""",
    # The network: who sat in which partnership's meetings in the last year, and the memberships.
    "network": """
        SELECT m.partnership_id, a.person_id, count(*) FROM meetings_attendance a
          JOIN meetings_meeting m ON m.id = a.meeting_id
          JOIN partnerships_partnership p ON p.id = m.partnership_id
         WHERE p.workspace_id = %(pk)s AND a.status <> 'apologies'
           AND m.starts_at >= now() - interval '1 year'
         GROUP BY 1, 2
        UNION ALL
        SELECT ms.partnership_id, ms.organisation_id, 1 FROM partnerships_membership ms
          JOIN partnerships_partnership p ON p.id = ms.partnership_id WHERE p.workspace_id = %(pk)s""",
}


def floor(request, kind, pk):
    with connection.cursor() as cursor:
        cursor.execute(FLOORS[kind], {"pk": pk})
        rows = cursor.fetchall()
    return HttpResponse(str(len(rows)))


if os.environ.get("JOINEDUP_BENCH_BARE_VIEW") == "1":
    urlpatterns = [*urlpatterns, path("bench/bare/", bare_insert),
                   path("bench/floor/<str:kind>/<int:pk>/", floor)]
