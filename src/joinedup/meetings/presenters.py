"""Turn ledgers, meetings and loads into what the pages show."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from joinedup.design_system.dates import short_date_time

from .charts import cost_chart_svg


def money(value):
    return "" if value is None else f"£{value:,.2f}"


def share(value):
    return "" if value is None else f"{value * 100:.0f}%"


def when(value):
    return short_date_time(timezone.localtime(value))


def period_row(totals):
    return {
        "label": totals.period.label if totals.period else _("All meetings"),
        "meetings": totals.meetings,
        "cost": money(totals.cost),
        "hours": f"{totals.people_hours:,}",
        "decisions": totals.decisions,
        "linked": share(totals.share_linked_to_outcome) or _("None taken"),
        "on_time": f"{totals.actions_completed_on_time} of {totals.actions_assessed}",
        "per_decision": money(totals.cost_per_linked_decision) or _("No linked decisions"),
    }


PERIOD_CELLS = ("meetings", "cost", "hours", "decisions", "linked", "on_time", "per_decision")
PERIOD_ROW = '\n  <tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{}</th>{}</tr>\n  '
PERIOD_CELL = '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'


def _shown(value):
    """A value as the template language shows it: localised, then escaped."""
    return conditional_escape(localize(value))


def period_rows_html(rows):
    """The rows of meetings/_period_table.html, made here as the template made them
    (each value localised and escaped), all at once: a ledger of five years has
    some 90 rows of eight cells, and filling them in one by one was a third of
    the page's rendering."""
    return mark_safe("".join(  # noqa: S308 (every value is escaped by _shown)
        PERIOD_ROW.format(_shown(r["label"]), "".join(PERIOD_CELL.format(_shown(r[key])) for key in PERIOD_CELLS))
        for r in rows
    ))


class LedgerPresenter:
    RECENT = 20

    def __init__(self, ledger, workspace):
        self.ledger = ledger
        self.workspace = workspace
        p = ledger.partnership
        args = [workspace.slug, p.pk]
        self.csv_url = reverse("meetings:ledger_csv", args=args)
        self.xlsx_url = reverse("meetings:ledger_xlsx", args=args)
        self.meetings_url = reverse("meetings:partnership_meetings", args=args)

    @property
    def summary_rows(self):
        t = self.ledger.totals
        return [
            (_("Meetings held"), str(t.meetings)),
            (_("Total cost"), money(t.cost)),
            (_("People-hours (meeting, preparation and travel)"), f"{t.people_hours:,}"),
            (_("Decisions taken"), str(t.decisions)),
            (_("Share of decisions linked to an outcome"), share(t.share_linked_to_outcome) or _("No decisions recorded")),
            (_("Actions done on time"), _("%(actions_completed_on_time)s of %(actions_assessed)s due") % {"actions_completed_on_time": t.actions_completed_on_time, "actions_assessed": t.actions_assessed}
             + (f" ({share(t.share_on_time)})" if t.share_on_time is not None else "")),
            (_("Cost per decision linked to an outcome"), money(t.cost_per_linked_decision) or _("No linked decisions")),
        ]

    @property
    def notes(self):
        notes = []
        if self.ledger.defaulted_people and self.ledger.default_label:
            n = self.ledger.defaulted_people
            notes.append(ngettext("%(count)s person without a pay band in the pay scale was costed at %(label)s.",
                                  "%(count)s people without a pay band in the pay scale were costed at %(label)s.",
                                  n) % {"count": n, "label": self.ledger.default_label})
        if self.ledger.without_attendance:
            n = len(self.ledger.without_attendance)
            notes.append(ngettext(
                "%(count)s meeting has no attendance recorded, so its cost is not known and is not in the "
                "totals. Record who came on each to cost it.",
                "%(count)s meetings have no attendance recorded, so their cost is not known and is not in the "
                "totals. Record who came on each to cost them.", n) % {"count": n})
        if self.ledger.planned:
            n = len(self.ledger.planned)
            notes.append(ngettext("%(count)s planned meeting after today is not counted or costed until held.",
                                  "%(count)s planned meetings after today are not counted or costed until held.",
                                  n) % {"count": n})
        if self.ledger.missing_rate:
            notes.append(_("Some people have no pay band and the workspace has no default, so their time is left out of the cost. Set a default on the pay scale page."))
        return notes

    @property
    def years(self):
        return [period_row(t) for t in self.ledger.by_year]

    @property
    def quarters(self):
        return [period_row(t) for t in self.ledger.by_quarter]

    @property
    def months(self):
        return [period_row(t) for t in self.ledger.by_month]

    @property
    def years_html(self):
        return period_rows_html(self.years)

    @property
    def quarters_html(self):
        return period_rows_html(self.quarters)

    @property
    def months_html(self):
        return period_rows_html(self.months)

    @property
    def organisations(self):
        return [{"name": name, "cost": money(row.cost), "share": share(row.share)}
                for name, row in self.ledger.by_organisation]

    @property
    def chart_svg(self):
        return cost_chart_svg([(t.period.label, t.cost) for t in self.ledger.by_month])

    @property
    def recent_meetings(self):
        rows = list(reversed(self.ledger.meetings))[: self.RECENT]
        return [meeting_row(row, self.workspace, self.ledger.partnership) for row in rows]


def meeting_row(row, workspace, partnership):
    return {
        "title": row.title,
        "when": when(row.starts_at),
        "attended": row.attended,
        "apologies": row.apologies,
        "hours": f"{Decimal(row.people_minutes) / 60:.1f}",
        "cost": _("No attendance recorded") if row.no_attendance else money(row.cost),
        "no_attendance": row.no_attendance,
        "decisions": row.decisions,
        "linked": row.linked,
        "url": reverse("meetings:meeting_detail", args=[workspace.slug, partnership.pk, row.id]),
    }


class MeetingPresenter:
    """One meeting, each person's line of its cost, and how it was reached."""

    def __init__(self, meeting, rates):
        from .cost import Attendance as PlainAttendance
        from .cost import Deputy, meeting_cost

        self.meeting = meeting
        self.attendances = list(meeting.attendances.select_related("person__organisation", "deputy__organisation"))
        plain = [
            PlainAttendance(
                person_id=a.pk, status=a.status, **_rate(rates, a.person),
                minutes_in_meeting=a.minutes_attended,
                preparation_minutes=meeting.preparation_minutes if a.preparation_minutes is None else a.preparation_minutes,
                travel_minutes=meeting.travel_minutes if a.travel_minutes is None else a.travel_minutes,
                deputy=Deputy(a.deputy.name, **_rate(rates, a.deputy)) if a.deputy else None,
            )
            for a in self.attendances
        ]
        self.cost = meeting_cost(meeting.length_minutes, plain, rates.default_rate)

    @property
    def summary_rows(self):
        m = self.meeting
        return [
            (_("When"), when(m.starts_at)),
            (_("Length"), f"{m.length_minutes} minutes"),
            (_("Preparation and travel per attendee"), _("%(preparation_minutes)s and %(travel_minutes)s minutes") % {"preparation_minutes": m.preparation_minutes, "travel_minutes": m.travel_minutes}),
            (_("Where"), m.location or _("Not recorded")),
            (_("Cost"), money(self.cost.total)),
            (_("People-hours"), f"{self.cost.people_hours}"),
        ]

    @property
    def lines(self):
        rows = []
        for attendance, line in zip(self.attendances, self.cost.lines, strict=True):
            rows.append({
                "name": attendance.person.name,
                "organisation": attendance.person.organisation or "",
                "status": attendance.get_status_display() + (f": {attendance.deputy.name}" if attendance.deputy else ""),
                "rate": money(line.hourly_cost) + (f" ({line.rate_source})" if line.hourly_cost is not None else ""),
                "minutes": line.total_minutes,
                "cost": money(line.cost) if line.cost is not None else _("Not costed"),
            })
        return rows

    @property
    def decisions(self):
        return [{"text": d.text, "outcome": str(d.outcome) if d.outcome_id else _("Not linked to an outcome")}
                for d in self.meeting.decisions.select_related("outcome")]

    @property
    def actions(self):
        return [{"text": a.text, "owner": a.owner.name if a.owner else "", "due": a.due_on, "done": a.done_on}
                for a in self.meeting.actions.select_related("owner")]


def _rate(rates, person):
    """The person's hourly cost with the bands of their employer's nation (the
    organisation's, else the workspace's first nation), and that nation's
    default when it is not the first."""
    nation = person.organisation.nation if person.organisation and person.organisation.nation else rates.nation
    other = nation != rates.nation
    return {"hourly_cost": _pounds(rates.pence_for(person.pay_band, nation)), "other_nation": other,
            "other_nation_default": _pounds(rates.default_pence_in(nation)) if other else None}


def _pounds(pence):
    return None if pence is None else (Decimal(pence) / 100).quantize(Decimal("0.01"))
