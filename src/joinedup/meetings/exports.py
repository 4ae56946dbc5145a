"""The cost ledger as tables for CSV and XLSX: the meetings, then (in the
workbook) the cost by month, quarter, year and organisation. The design
system's downloads neutralise text a spreadsheet would run as a formula, so an
imported meeting title cannot become one."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.design_system.spreadsheets import Table

MEETING_HEADINGS = [
    gettext_lazy("Date"), gettext_lazy("Meeting"), gettext_lazy("Attended"), gettext_lazy("Apologies"), gettext_lazy("People-hours"), gettext_lazy("Cost (£)"), gettext_lazy("Decisions"),
    gettext_lazy("Decisions linked to an outcome"),
]


def meeting_rows(ledger):
    return [
        [row.held_on, row.title, row.attended, row.apologies, float(round(row.people_minutes / 60, 2)),
         row.cost, row.decisions, row.linked]
        for row in ledger.meetings
    ]


def period_rows(periods):
    return [
        [p.period.label, p.meetings, p.cost, float(p.people_hours), p.decisions, p.decisions_linked_to_outcome,
         p.actions_completed_on_time, p.actions_assessed]
        for p in periods
    ]


PERIOD_HEADINGS = [
    gettext_lazy("Period"), gettext_lazy("Meetings"), gettext_lazy("Cost (£)"), gettext_lazy("People-hours"), gettext_lazy("Decisions"), gettext_lazy("Decisions linked to an outcome"),
    gettext_lazy("Actions done on time"), gettext_lazy("Actions due"),
]


def meetings_table(ledger):
    return Table(_("Meetings"), MEETING_HEADINGS, meeting_rows(ledger))


def ledger_sheets(ledger):
    """The sheets after the meetings in the ledger's workbook."""
    return [
        Table(_("Months"), PERIOD_HEADINGS, period_rows(ledger.by_month)),
        Table(_("Quarters"), PERIOD_HEADINGS, period_rows(ledger.by_quarter)),
        Table(_("Years"), PERIOD_HEADINGS, period_rows(ledger.by_year)),
        Table(_("Organisations"), [_("Organisation"), _("Cost (£)"), _("Share")],
              [[name, row.cost, float(row.share or 0)] for name, row in ledger.by_organisation]),
    ]
