"""Turn stored reviews into what the report pages and the PDF show. Templates
only display these."""

import re
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from joinedup.design_system import dates
from joinedup.indicators.evidence import measurement_frame
from joinedup.indicators.models import Indicator
from joinedup.meetings.cost import LedgerMeeting, PeriodKind, ledger_totals, period_containing
from joinedup.meetings.ledger import partnership_ledger
from joinedup.partnerships.amounts import amount_text
from joinedup.partnerships.fixes import RULE_FIXES, record_fix, rule_fix
from joinedup.surveys.headlines import latest_wave, wave_headlines
from joinedup.workspaces.access import for_workspace

from .charts import COST_QUARTERS, findings_over_time, indicator_series, meeting_cost_by_quarter
from .portfolio import evidence_figures
from .rules import RULES
from .services import compare
from .verdict import VERDICT_LABELS, VERDICT_MEANINGS, decide, family_of

SEVERITY_TAGS = {"high": "red", "medium": "orange", "low": "grey"}
SEVERITY_LABELS = {"high": gettext_lazy("High"), "medium": gettext_lazy("Medium"), "low": gettext_lazy("Low")}
VERDICT_TAGS = {
    "continue": "green", "refocus": "yellow", "refresh": "light-blue",
    "restructure": "orange", "end": "red",
}
FAMILY_NAMES = {
    "purpose": gettext_lazy("Purpose and outcomes"),
    "structure": gettext_lazy("Agreement, resources, accountabilities and people"),
    "staleness": gettext_lazy("Staleness"),
    "cost": gettext_lazy("Cost"),
    "evidence": gettext_lazy("Outcome evidence"),
    "value": gettext_lazy("Value for effort"),
    "network": gettext_lazy("The locality's network"),
    "duty": gettext_lazy("Legal duties"),
    "other": gettext_lazy("Other findings"),
}
# Where on the partnership page the records behind each kind of finding are.
RECORD_ANCHORS = {
    "purpose": "outcomes", "agreement": "agreement", "resources": "resources",
    "accountability": "accountabilities", "people": "members", "stale": "members",
    "duty": "duties",
}
# What the link of a finding of each of these families leads to (see record_link).
RECORD_TEXTS = {
    "anchor": gettext_lazy("See the records behind this finding"),
    "cost": gettext_lazy("See the meeting cost ledger"),
    "indicator": gettext_lazy("See the indicator"),
    "evidence": gettext_lazy("See the partnership's outcome evidence"),
    "voice": gettext_lazy("See the latest survey results"),
    "voice_home": gettext_lazy("See the partnership's surveys"),
    "network": gettext_lazy("See the locality's network"),
}
NOT_YET = {
    "cost": (gettext_lazy("Yearly cost"), gettext_lazy("Not yet recorded. The cost of meetings and people's time will appear here once meetings are recorded for this partnership.")),
    "evidence": (gettext_lazy("Outcome evidence"), gettext_lazy("Not yet recorded. Indicators of the outcomes, and whether they changed, will appear here once outcome data is imported.")),
    "voice": (gettext_lazy("Voices"), gettext_lazy("Not yet recorded. The views of partners, front-line staff and service users will appear here once survey waves have been run.")),
}
TOP_FINDINGS = 5
def in_reader_language(f):
    """A stored finding in the reader's language: the texts the review kept in that
    language (services.finding_records), or for a review saved before it kept them, the
    rule's own title and why it matters (the same for every finding of the rule) with the
    evidence and advice as they were written."""
    language = get_language() or ""
    texts = f.get("texts", {})
    said = texts.get(language) or texts.get(language.split("-")[0])
    if said is None:
        rule = RULES.get(f["rule_id"])
        return f if rule is None else {**f, "title": str(rule.title), "why_it_matters": str(rule.why_it_matters)}
    evidence = f["evidence"]
    if len(said["evidence"]) == len(evidence):
        evidence = [{**item, "text": text} for item, text in zip(evidence, said["evidence"], strict=True)]
    return {**f, "title": said["title"], "why_it_matters": said["why_it_matters"], "advice": said["advice"],
            "evidence": evidence}


RULE_IN_REASON = re.compile(r" \(([a-z_]+\.[a-z_]+), (high|medium|low)\)$")
# The report shows the latest year of monthly reviews; the partnership's reviews
# page lists them all. Each row is a fair share of the time WeasyPrint takes.
HISTORY_SHOWN = 12


def long_date(value):
    return dates.long_date(value) if value else ""


def verdict_tag(verdict):
    return {"text": str(VERDICT_LABELS[verdict]), "colour": VERDICT_TAGS[verdict]}


class ReviewPresenter:
    def __init__(self, review, workspace, history=None):
        self.review = review
        self.partnership = review.partnership
        self.workspace = workspace
        self.history = history or [review]
        earlier = [r for r in self.history if (r.run_at, r.id) < (review.run_at, review.id)]
        self.previous = max(earlier, key=lambda r: (r.run_at, r.id)) if earlier else None

    def url(self, name, *args):
        return reverse(name, args=[self.workspace.slug, *args])

    @property
    def partnership_url(self):
        return self.url("partnerships:detail", self.partnership.pk)

    @property
    def reviews_url(self):
        return self.url("review:partnership_reviews", self.partnership.pk)

    @property
    def title(self):
        return _("Review of %(name)s") % {"name": self.partnership.name}

    @property
    def date_text(self):
        return long_date(self.review.as_of)

    @cached_property
    def verdict(self):
        final = self.review.final_verdict
        return {
            **verdict_tag(final),
            "meaning": VERDICT_MEANINGS[final],
            "overridden": bool(self.review.override_verdict),
            "rules_verdict": verdict_tag(self.review.verdict),
            # Stored (and given by the API) with rule ids; a reader gets the title and severity.
            "reasons": [RULE_IN_REASON.sub(r" (\2)", reason) for reason in self.verdict_reasons],
            "override_reason": self.review.override_reason,
            "overridden_by": self._person(self.review.overridden_by),
            "overridden_at": long_date(timezone.localtime(self.review.overridden_at))
            if self.review.overridden_at else "",
        }

    @property
    def verdict_reasons(self):
        """The rules' reasons for the verdict in the reader's language: worked out again
        from the findings as the reader reads them, when that gives the verdict stored
        (the rules' wording of a verdict can change; the verdict of a review does not);
        else as stored. From the findings without their links: reversing a URL imports
        every page's modules, which `joinedup review --format text` does not need."""
        again = decide([in_reader_language(f) for f in self.review.findings])
        return again.reasons if again.verdict == self.review.verdict else self.review.verdict_reasons

    @staticmethod
    def _person(user):
        if user is None:
            return ""
        return user.get_full_name() or user.email or user.username

    @cached_property
    def indicators(self):
        """The partnership's live indicators, in name order."""
        return list(for_workspace(Indicator, self.workspace).live().filter(
            partnership=self.partnership).order_by("name", "pk"))

    @cached_property
    def latest_wave(self):
        """The partnership's newest survey wave opened by the review's date."""
        return latest_wave(self.partnership, self.review.as_of)

    def _named_indicator(self, f):
        """The one indicator of the partnership the finding's evidence names
        (each item starts with an indicator's name), or None if not just one."""
        named = set()
        for item in f["evidence"]:
            starts = [i for i in self.indicators if item["text"].startswith(i.name)]
            if starts:  # "Delays at home: …" names "Delays at home", not "Delays"
                named.add(max(starts, key=lambda i: len(i.name)).pk)
        if len(named) != 1:
            return None
        return next(i for i in self.indicators if i.pk in named)

    def record_link(self, f):
        """(url, text) of the records behind a finding, inside this workspace:
        the register's section for register findings, the meeting cost ledger
        for cost findings, the indicator's page (or the partnership's outcome
        evidence when the finding names no single indicator) for evidence
        findings, the latest wave's results for voice findings, the network
        page for network findings. Keyed by the
        rule id's family prefix, so new rules of a family link the same way."""

        if f["rule_id"] in RULE_FIXES:
            # A rule whose records are not its family's: "Fewer decisions at
            # each meeting" is about the meetings, not the members.
            fix = rule_fix(self.workspace, self.partnership, f["rule_id"])
            return fix.url, fix.text
        prefix = f["rule_id"].split(".", 1)[0]
        if prefix in RECORD_ANCHORS:
            return f"{self.partnership_url}#{RECORD_ANCHORS[prefix]}", RECORD_TEXTS["anchor"]
        if prefix == "cost":
            return self.url("meetings:ledger", self.partnership.pk), RECORD_TEXTS["cost"]
        if prefix == "evidence":
            indicator = self._named_indicator(f)
            if indicator is not None:
                return self.url("indicators:indicator_detail", indicator.pk), RECORD_TEXTS["indicator"]
            return self.url("indicators:partnership_evidence", self.partnership.pk), RECORD_TEXTS["evidence"]
        if prefix == "voice":
            if self.latest_wave is not None:
                return self.url("surveys:results", self.latest_wave.pk), RECORD_TEXTS["voice"]
            return self.url("surveys:partnership", self.partnership.pk), RECORD_TEXTS["voice_home"]
        if prefix == "network":
            return self.url("network:home"), RECORD_TEXTS["network"]
        return "", ""

    def _finding(self, number, f):
        f = in_reader_language(f)
        url, text = self.record_link(f)
        evidence = [{**item, "fix": record_fix(self.workspace, self.partnership, item.get("link"))}
                    for item in f["evidence"]]
        return {
            **f,
            "evidence": evidence,
            "number": number,
            "tag": SEVERITY_TAGS[f["severity"]],
            "severity_label": SEVERITY_LABELS[f["severity"]],
            "record_url": url,
            "record_text": text,
            "family": family_of(f["rule_id"]),
        }

    @cached_property
    def findings(self):
        return [self._finding(i, f) for i, f in enumerate(self.review.findings, start=1)]

    @property
    def top_findings(self):
        return self.findings[:TOP_FINDINGS]

    @cached_property
    def findings_by_family(self):
        groups = {}
        for finding in self.findings:
            groups.setdefault(finding["family"], []).append(finding)
        return [
            {"name": FAMILY_NAMES[family], "findings": groups[family]}
            for family in FAMILY_NAMES if family in groups
        ]

    @property
    def counts(self):
        r = self.review
        return {"high": r.high_count, "medium": r.medium_count, "low": r.low_count,
                "total": r.high_count + r.medium_count + r.low_count}

    @cached_property
    def comparison(self):
        return compare(self.review, self.previous)

    @cached_property
    def change_text(self):
        comparison = self.comparison
        if comparison is None:
            return _("This is the partnership's first review.")
        since = long_date(comparison.since)
        if comparison.unchanged:
            return _("No change in the findings since the review of %(since)s.") % {"since": since}
        parts = []
        if comparison.resolved:
            n = len(comparison.resolved)
            parts.append(ngettext("%(count)s finding resolved since %(since)s", "%(count)s findings resolved since %(since)s",
                                  n) % {"count": n, "since": since})
        if comparison.new:
            n = len(comparison.new)
            parts.append(ngettext("%(count)s new finding", "%(count)s new findings", n) % {"count": n})
        if comparison.evidence_cleared:
            parts.append(ngettext("%(count)s item of evidence cleared", "%(count)s items of evidence cleared",
                                  comparison.evidence_cleared) % {"count": comparison.evidence_cleared})
        if comparison.evidence_added:
            parts.append(ngettext("%(count)s new item of evidence", "%(count)s new items of evidence",
                                  comparison.evidence_added) % {"count": comparison.evidence_added})
        text = _("; ").join(parts)
        return text[0].upper() + text[1:] + "."

    @cached_property
    def resolved_findings(self):
        return [in_reader_language(f) for f in self.comparison.resolved] if self.comparison else []

    @property
    def capability_sections(self):
        """Cost, outcome evidence and voices: "not yet recorded" until that
        capability had facts for this review, then its findings."""
        recorded = self.review.facts_recorded or {}
        sections = []
        for key, (title, not_yet) in NOT_YET.items():
            mine = [f for f in self.findings if f["rule_id"].split(".", 1)[0] == key]
            if not recorded.get(key):
                text = not_yet
            elif mine:
                text = _("; ").join(f"{f['title']} ({str(f['severity_label']).lower()})" for f in mine) + "."
            else:
                text = _("Recorded; no findings from it.")
            if key == "cost" and "yearly_cost" in (self.review.figures or {}):
                text = f"{self.yearly_cost_text}. {text}"
            if key == "evidence" and "indicators" in (self.review.figures or {}):
                text = f"{evidence_figures(self.review)[0]}. {text}"
            sections.append({"key": key, "title": title, "text": text})
        return sections

    @cached_property
    def voice_figures(self):
        """The latest wave's answers and key scores per instrument, shown
        only where its results page shows them (surveys/headlines.py)."""
        wave = self.latest_wave
        if wave is None or not (self.review.facts_recorded or {}).get("voice"):
            return None
        return {"wave": wave.name, "lines": [h.text for h in wave_headlines(wave)]}

    @property
    def yearly_cost_text(self):
        figures = self.review.figures
        cost = amount_text(Decimal(figures["yearly_cost"]).quantize(Decimal(1)), "£")
        meetings = figures.get("meetings_in_year", 0)
        return ngettext("%(cost)s for %(count)s meeting in the last 12 months",
                        "%(cost)s for %(count)s meetings in the last 12 months", meetings) % {"cost": cost, "count": meetings}

    @cached_property
    def value_for_effort(self):
        """The yearly cost beside the evidence of change, as the report's
        "Value for effort" section shows them. No money value is put on outcomes."""
        figures = self.review.figures or {}
        rows = [(_("Yearly cost of meetings"),
                 self.yearly_cost_text if "yearly_cost" in figures else _("Not recorded"))]
        if "indicators" not in figures:
            rows.append((_("Evidence of change"), _("Not recorded")))
            return {"rows": rows, "p_limit": ""}
        measured, improving = figures["indicators_measured"], figures["indicators_improving"]
        p_limit = f"{figures['improvement_p']:g}"
        if not figures["indicators"]:
            evidence = _("No indicators: none of the partnership's outcomes is measured yet.")
        elif not measured:
            evidence = _("No indicator has data since the partnership started.")
        else:
            evidence = ngettext(
                "%(improving)s of %(count)s indicator with data since the partnership started shows an "
                "improvement (p-value below %(p_limit)s).",
                "%(improving)s of %(count)s indicators with data since the partnership started show an "
                "improvement (p-value below %(p_limit)s).",
                measured) % {"improving": improving, "count": measured, "p_limit": p_limit}
        rows.append((_("Evidence of change"), evidence))
        worse = figures.get("indicators_worse")
        if measured and worse is not None:
            rows.append((_("Worse at latest value"),
                         _("%(worse)s of %(measured)s (special cause in the wrong direction on the XmR chart)") % {"worse": worse, "measured": measured}))
        latest = figures.get("latest_data")
        rows.append((_("Latest outcome data"), long_date(date.fromisoformat(latest)) if latest else _("None")))
        return {"rows": rows, "p_limit": p_limit}

    @property
    def summary_rows(self):
        p = self.partnership
        return [
            (_("Purpose"), p.purpose or _("Not stated")),
            (_("Form"), p.get_form_display()),
            (_("Status"), p.get_status_display()),
            (_("Started"), long_date(p.start_date) or _("Not recorded")),
        ]

    @cached_property
    def recent_history(self):
        newest_first = sorted(self.history, key=lambda r: (r.run_at, r.id), reverse=True)
        return newest_first[:HISTORY_SHOWN]

    @property
    def earlier_reviews(self):
        return max(len(self.history) - HISTORY_SHOWN, 0)

    @property
    def history_rows(self):
        return [
            {"date": long_date(r.as_of), "verdict": verdict_tag(r.final_verdict),
             "high": r.high_count, "medium": r.medium_count, "low": r.low_count,
             "url": self.url("review:detail", r.pk), "current": r.pk == self.review.pk}
            for r in self.recent_history
        ]

    @cached_property
    def chart(self):
        made = findings_over_time(self.recent_history)
        if made is None:
            return None
        svg, rows = made
        return {"svg": mark_safe(svg), "rows": rows}  # noqa: S308 - made by vl-convert from our data

    @cached_property
    def cost_chart(self):
        """The cost of meetings per financial quarter for the last three years
        to the review's date, from the meeting cost ledger (meetings/ledger.py,
        totals by meetings/cost.py), with its table; None without meetings."""
        if not (self.review.facts_recorded or {}).get("cost"):
            return None
        as_of = self.review.as_of
        ledger = partnership_ledger(self.workspace, self.partnership, as_of=as_of)
        plain = [LedgerMeeting(meeting_id=m.id, held_on=m.held_on, cost=m.cost, people_minutes=m.people_minutes,
                               decisions=m.decisions, decisions_linked_to_outcome=m.linked)
                 for m in ledger.meetings if m.held_on <= as_of]
        if not plain:
            return None
        periods = [period_containing(as_of, PeriodKind.FINANCIAL_QUARTER)]
        first = min(m.held_on for m in plain)
        while len(periods) < COST_QUARTERS and periods[0].start > first:
            periods.insert(0, period_containing(periods[0].start - timedelta(days=1), PeriodKind.FINANCIAL_QUARTER))
        made = meeting_cost_by_quarter([ledger_totals(plain, as_of=as_of, period=p) for p in periods])
        svg, rows = made
        return {"svg": mark_safe(svg), "rows": rows,  # noqa: S308 - made by vl-convert from our data
                "url": self.url("meetings:ledger", self.partnership.pk)}

    @cached_property
    def indicator_charts(self):
        """Each live indicator's series chart, as on its page, with its table."""
        charts = []
        for indicator in self.indicators:
            made = indicator_series(indicator, measurement_frame(indicator), self.review.as_of)
            charts.append({
                "indicator": indicator, "id": f"indicator-{indicator.pk}",
                "url": self.url("indicators:indicator_detail", indicator.pk),
                **({**made, "svg": mark_safe(made["svg"])} if made else {}),  # noqa: S308 - vl-convert
            })
        return charts

    @property
    def contents(self):
        items = [("summary", _("Summary")), ("verdict", _("The verdict and its reasons")),
                 ("value-for-effort", _("Value for effort"))]
        items += [(f"family-{i}", group["name"]) for i, group in enumerate(self.findings_by_family, 1)]
        if self.cost_chart:
            items.append(("cost-chart", _("Cost of meetings by quarter")))
        if self.indicator_charts:
            items.append(("indicator-charts", _("Outcome indicators over time")))
        items.append(("history", _("Reviews over time")))
        items.append(("about", _("About this review")))
        return items
