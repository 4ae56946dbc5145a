"""Turn waves, links and results into what the Voice pages show."""

import segno
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.safestring import mark_safe

from joinedup.partnerships.models import Partnership
from joinedup.workspaces.access import for_workspace

from .models import WAVE_INSTRUMENTS, Invitation, Language, Obstacle, Response, Wave
from .results import rule_for

INSTRUMENT_NAMES = dict(WAVE_INSTRUMENTS)


def _date(value):
    return value.strftime("%-d %B %Y") if value else ""


def partnership_voice_url(partnership):
    return reverse("surveys:partnership", args=[partnership.workspace.slug, partnership.pk])


def wave_url(wave, name="wave"):
    return reverse(f"surveys:{name}", args=[wave.partnership.workspace.slug, wave.pk])


def voice_home_rows(workspace):
    partnerships = for_workspace(Partnership, workspace).filter(archived_at__isnull=True).annotate(
        wave_count=Count("waves", distinct=True),
        open_waves=Count("waves", filter=Q(waves__status="open"), distinct=True),
    )
    return [
        {"name": p.name, "href": partnership_voice_url(p), "waves": p.wave_count, "open": p.open_waves}
        for p in partnerships
    ]


def respondents_text(n, threshold):
    """How many answered, without giving away a small number."""
    if n == 0:
        return "No answers yet"
    if n < threshold:
        return f"Fewer than {threshold} answers"
    return f"{n} answers"


class PartnershipVoicePresenter:
    def __init__(self, partnership):
        self.partnership = partnership
        self.slug = partnership.workspace.slug

    @property
    def waves(self):
        waves = Wave.objects.filter(partnership=self.partnership).annotate(answers=Count("responses"))
        return [
            {
                "name": w.name, "href": wave_url(w), "results_href": wave_url(w, "results"),
                "opens": _date(w.opens_on), "closes": _date(w.closes_on) or "When closed",
                "status": "Open" if w.is_open else "Closed", "open": w.is_open,
                "surveys": ", ".join(INSTRUMENT_NAMES.get(c, c) for c in w.instruments),
                "answers": respondents_text(w.answers, rule_for(w).threshold),
            }
            for w in waves
        ]

    @property
    def obstacles(self):
        rows = Obstacle.objects.filter(partnership=self.partnership, archived_at__isnull=True).select_related("owner")
        return [
            {
                "text": o.text, "raised_by": o.get_raised_by_kind_display(), "owner": o.owner.name if o.owner else "No one yet",
                "status": o.get_status_display(), "status_colour": {"open": "red", "in_hand": "yellow", "removed": "green"}[o.status],
                "created": _date(o.created_on),
                "edit_url": reverse("surveys:obstacle_edit", args=[self.slug, self.partnership.pk, o.pk]),
            }
            for o in rows
        ]


class WavePresenter:
    def __init__(self, wave):
        self.wave = wave
        self.rule = rule_for(wave)

    @property
    def summary_rows(self):
        w = self.wave
        answers = Response.objects.filter(wave=w).count()
        return [
            ("Surveys", ", ".join(INSTRUMENT_NAMES.get(c, c) for c in w.instruments)),
            ("Groups asked", ", ".join(w.respondent_groups)),
            ("Opens", _date(w.opens_on)),
            ("Closes", _date(w.closes_on) or "When it is closed here"),
            ("Status", "Open" if w.is_open else "Closed"),
            ("Answers", respondents_text(answers, self.rule.threshold)),
            ("Smallest group shown", f"{self.rule.threshold} people"),
            ("Lowest response rate shown", f"{round(100 * self.rule.min_response_rate)}%"),
        ]

    @property
    def batches(self):
        languages = dict(Language.choices)
        used = dict(
            Invitation.objects.filter(batch__wave=self.wave, used_on__isnull=False)
            .values_list("batch").annotate(n=Count("id")).values_list("batch", "n")
        )
        return [
            {
                "group": b.group, "survey": INSTRUMENT_NAMES.get(b.instrument, b.instrument)
                + (" (easy read)" if b.easy_read else ""),
                "count": b.count, "language": languages.get(b.language, b.language),
                "made": _date(b.created_at),
                # Links used per batch is a group's response count: hide small numbers.
                "used": respondents_text(used.get(b.pk, 0), self.rule.threshold),
            }
            for b in self.wave.batches.all()
        ]


def link_rows(request, links):
    return [
        {
            "url": request.build_absolute_uri(reverse("respond:answer", args=[link.token])),
            "code": link.printed_code,
        }
        for link in links
    ]


def qr_cards(rows):
    """A QR code (inline SVG made by segno from our own link) per invitation."""
    return [
        {**row, "svg": mark_safe(segno.make(row["url"], error="m").svg_inline(scale=4, title="QR code of the survey link"))}
        for row in rows
    ]


class ResultsPresenter:
    """Which instrument's results to show, with links to the others."""

    def __init__(self, results, chosen):
        self.results = results
        codes = [i.code for i in results.instruments]
        self.code = chosen if chosen in codes else (codes[0] if codes else None)
        self.current = next((i for i in results.instruments if i.code == self.code), None)
        self.tabs = [
            {"title": i.title, "href": f"?instrument={i.code}", "current": i.code == self.code}
            for i in results.instruments
        ]
