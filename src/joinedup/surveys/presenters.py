"""Turn waves, links and results into what the Voice pages show."""

import segno
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.design_system.dates import long_date
from joinedup.partnerships.models import Partnership
from joinedup.workspaces.access import for_workspace

from . import tables
from .instruments import instrument
from .models import WAVE_INSTRUMENTS, Language, Obstacle, Wave, group_label
from .results import answers_counted, answers_counted_total, rule_for

INSTRUMENT_NAMES = dict(WAVE_INSTRUMENTS)


def _date(value):
    return long_date(value) if value else ""


def partnership_voice_url(partnership):
    return reverse("surveys:partnership", args=[partnership.workspace.slug, partnership.pk])


def wave_url(wave, name="wave"):
    return reverse(f"surveys:{name}", args=[wave.partnership.workspace.slug, wave.pk])


def voice_home_rows(workspace):
    # The workspace with each partnership: its link needs the slug.
    partnerships = for_workspace(Partnership, workspace).live().select_related("workspace").annotate(
        wave_count=Count("waves", distinct=True),
        open_waves=Count("waves", filter=Q(waves__status="open"), distinct=True),
    )
    return [
        {"name": p.name, "href": partnership_voice_url(p), "waves": p.wave_count, "open": p.open_waves}
        for p in partnerships
    ]


def respondents_text(n, threshold):
    """Answers counted in the results: the sum of the "Everyone" figures the
    results pages show. It is never a number under the threshold, and it
    leaves out groups too small to show, so nothing can be subtracted from it."""
    if n == 0:
        return _("None yet")
    if n < threshold:  # cannot happen: each counted group has at least the threshold
        return _("Fewer than %(threshold)s") % {"threshold": threshold}
    return str(n)


class PartnershipVoicePresenter:
    def __init__(self, partnership):
        self.partnership = partnership
        self.slug = partnership.workspace.slug

    @property
    def waves(self):
        waves = list(Wave.objects.filter(partnership=self.partnership))
        counted = answers_counted(waves)
        return [
            {
                "name": w.name, "href": wave_url(w), "results_href": wave_url(w, "results"),
                "opens": _date(w.opens_on), "closes": _date(w.closes_on) or _("When closed"),
                "status": _("Open") if w.is_open else _("Closed"), "open": w.is_open,
                "surveys": ", ".join(str(INSTRUMENT_NAMES.get(c, c)) for c in w.instruments),
                "answers": respondents_text(answers_counted_total(counted[w.pk]), rule_for(w).threshold),
            }
            for w in waves
        ]

    @property
    def obstacles(self):
        rows = Obstacle.objects.live().filter(partnership=self.partnership).select_related("owner")
        return [
            {
                "text": o.text, "raised_by": o.get_raised_by_kind_display(), "owner": o.owner.name if o.owner else _("No one yet"),
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
    def counted(self):
        if not hasattr(self, "_counted"):
            self._counted = answers_counted([self.wave])[self.wave.pk]
        return self._counted

    @property
    def summary_rows(self):
        w = self.wave
        return [
            (_("Surveys"), ", ".join(str(INSTRUMENT_NAMES.get(c, c)) for c in w.instruments)),
            (_("Groups asked"), ", ".join(str(group_label(g)) for g in w.respondent_groups)),
            (_("Opens"), _date(w.opens_on)),
            (_("Closes"), _date(w.closes_on) or _("When it is closed here")),
            (_("Status"), _("Open") if w.is_open else _("Closed")),
            (_("Answers counted in the results"),
             respondents_text(answers_counted_total(self.counted), self.rule.threshold)),
            (_("Smallest group shown"), _("%(n)s people") % {"n": self.rule.threshold}),
            (_("Lowest response rate shown"), f"{round(100 * self.rule.min_response_rate)}%"),
        ]

    @property
    def answer_tables(self):
        """Answers so far, per survey: the results page's response-rate table, the same figures."""
        found = []
        for code in self.wave.instruments:
            table = tables.response_rates(self.counted.get(code, []))
            table.key = f"response_rates_{code}"
            table.title = _("Answers so far: %(survey)s") % {"survey": INSTRUMENT_NAMES.get(code, code)}
            found.append(table)
        return found

    @property
    def batches(self):
        # No count of links used per batch: a batch is one group (and one
        # language), so its count would be a group's count of answers, or a
        # part of one, beside the suppressed figures. Answers per group are
        # in answer_tables, through the same suppression as the results.
        languages = dict(Language.choices)
        return [
            {
                "group": group_label(b.group),
                "survey": (_("%(survey)s (easy read)") if b.easy_read else "%(survey)s")
                % {"survey": INSTRUMENT_NAMES.get(b.instrument, b.instrument)},
                "count": b.count, "language": languages.get(b.language, b.language),
                "made": _date(b.created_at),
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
        {**row, "svg": mark_safe(segno.make(row["url"], error="m").svg_inline(scale=4, title=_("QR code of the survey link")))}
        for row in rows
    ]


# The parts of one survey's results, each a page of its own: a survey's
# results on one page ran to 23,000 pixels. (key, title, which tables).
RESULT_SECTIONS = (
    ("summary", gettext_lazy("Summary"), lambda key: key in {"response_rates", "perspective_gaps"}),
    ("themes", gettext_lazy("Scores by theme"), lambda key: key == "theme_scores"),
    ("changes", gettext_lazy("Change since the previous wave"), lambda key: key == "changes"),
    ("culture", gettext_lazy("How partners see each other"), lambda key: key.startswith(("culture", "style"))),
    ("relationships", gettext_lazy("Trust and value between partners"), lambda key: key.startswith("relationship")),
    ("answers", gettext_lazy("Answers to each question"),
     lambda key: key.startswith("answers_") or key == "outcome_choices"),
)
ALL_SECTIONS = "all"
OTHER_QUESTIONS = "other"


def section_of(table_key):
    return next((key for key, _title, holds in RESULT_SECTIONS if holds(table_key)), "answers")


class ResultsPresenter:
    """Which instrument's results to show, and which part of them, with
    links to the other surveys and parts (server-side pages, no script)."""

    def __init__(self, results, chosen, section=None, theme=None):
        self.results = results
        codes = [i.code for i in results.instruments]
        self.code = chosen if chosen in codes else (codes[0] if codes else None)
        self.current = next((i for i in results.instruments if i.code == self.code), None)
        self.tabs = [
            {"title": i.title, "href": f"?instrument={i.code}", "current": i.code == self.code}
            for i in results.instruments
        ]
        present = []
        if self.current is not None:
            keys = {section_of(t.key) for t in self.current.tables}
            present = [(key, title) for key, title, _holds in RESULT_SECTIONS if key in keys]
            if self.current.comment_themes:
                present.append(("comments", _("What people wrote")))
        keys = [key for key, _title in present]
        if section == ALL_SECTIONS and present:
            self.section = ALL_SECTIONS
        else:
            self.section = section if section in keys else (keys[0] if keys else None)
        self.sections = [
            {"title": title, "href": f"?instrument={self.code}&section={key}", "current": key == self.section}
            for key, title in present
        ]
        self.everything_href = f"?instrument={self.code}&section={ALL_SECTIONS}"
        # The answers to a long survey (the health check asks 31 questions)
        # are a page per theme.
        self.theme = None
        self.themes = []
        if self.section == "answers":
            by_theme = {}
            for table in self.current.tables:
                if section_of(table.key) == "answers":
                    by_theme.setdefault(self._theme_of(table.key), []).append(table)
            themes = [(t.code, str(t.title)) for t in self._instrument().themes if t.code in by_theme]
            if OTHER_QUESTIONS in by_theme:
                themes.append((OTHER_QUESTIONS, _("Other questions")))
            if len(themes) > 1:
                self.theme = theme if theme in by_theme else themes[0][0]
                self.themes = [
                    {"title": title, "current": code == self.theme,
                     "href": f"?instrument={self.code}&section=answers&theme={code}"}
                    for code, title in themes
                ]

    def _instrument(self):
        return instrument(self.code)

    def _theme_of(self, table_key):
        code = table_key.removeprefix("answers_")
        try:
            return self._instrument().question(code).theme or OTHER_QUESTIONS
        except (KeyError, ValueError):
            return OTHER_QUESTIONS

    @property
    def tables(self):
        if self.current is None:
            return []
        return [
            t for t in self.current.tables
            if (self.section == ALL_SECTIONS or section_of(t.key) == self.section)
            and (self.theme is None or self._theme_of(t.key) == self.theme)
        ]

    @property
    def comment_themes(self):
        if self.current is None or self.section not in (ALL_SECTIONS, "comments"):
            return []
        return self.current.comment_themes
