"""The ledger's period tables are made in Python (presenters.period_rows_html) rather
than filled in cell by cell by the template language (issue 19: CPU per request):
the rows must be exactly what the template's loop made."""

from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from joinedup.meetings.ledger import partnership_ledger
from joinedup.meetings.presenters import LedgerPresenter, period_rows_html

from .factories import at, attend, meeting, member, organisation, person

# The loop meetings/_period_table.html had until the rows were made in Python.
TEMPLATE_LOOP = Template("""{% for r in rows %}
  <tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{{ r.label }}</th><td class="govuk-table__cell govuk-table__cell--numeric">{{ r.meetings }}</td><td class="govuk-table__cell govuk-table__cell--numeric">{{ r.cost }}</td><td class="govuk-table__cell govuk-table__cell--numeric">{{ r.hours }}</td><td class="govuk-table__cell govuk-table__cell--numeric">{{ r.decisions }}</td><td class="govuk-table__cell govuk-table__cell--numeric">{{ r.linked }}</td><td class="govuk-table__cell govuk-table__cell--numeric">{{ r.on_time }}</td><td class="govuk-table__cell govuk-table__cell--numeric">{{ r.per_decision }}</td></tr>
  {% endfor %}""")


def loop_made(rows):
    return TEMPLATE_LOOP.render(Context({"rows": rows}))


def test_the_rows_are_the_ones_the_template_loop_made_of_a_ledger(workspace, partnership):
    nhs = organisation(workspace, "Northshire Hospitals")
    member(partnership, nhs)
    ada, carys = person(workspace, "Ada", "AfC 8a", nhs), person(workspace, "Carys", "", nhs)
    for year, month in ((2024, 2), (2024, 11), (2025, 6), (2026, 3)):
        held = meeting(partnership, at(year, month, 10, 10), minutes=90, prep=30, travel=15)
        attend(held, ada)
        attend(held, carys)
    page = LedgerPresenter(partnership_ledger(workspace, partnership), workspace)
    for language in ("en-gb", "cy"):
        with translation.override(language):
            for rows in (page.years, page.quarters, page.months):
                assert len(rows) > 1
                assert period_rows_html(rows) == loop_made(rows)


def test_the_rows_escape_and_localise_as_the_template_did():
    rows = [
        {"label": "<b>Q1</b> & “more”", "meetings": 1234567, "cost": "£1,234.50", "hours": "12,345",
         "decisions": 0, "linked": "None taken", "on_time": "3 of 4", "per_decision": "No linked <decisions>"},
        {"label": "2026-03", "meetings": 2, "cost": "", "hours": "0", "decisions": 10**6, "linked": "50%",
         "on_time": "0 of 0", "per_decision": "£0.01"},
    ]
    made = period_rows_html(rows)
    assert made == loop_made(rows)
    assert "&lt;b&gt;Q1&lt;/b&gt; &amp;" in made and "1234567" in made
    assert period_rows_html([]) == loop_made([]) == ""


def test_the_ledger_page_shows_the_period_rows(client, viewer, workspace, partnership):
    nhs = organisation(workspace, "Northshire Hospitals")
    member(partnership, nhs)
    attend(meeting(partnership, at(2026, 3, 10, 10), minutes=60, prep=0, travel=0), person(workspace, "Ada", "AfC 8a", nhs))
    client.force_login(viewer)
    html = client.get(reverse("meetings:ledger", args=[workspace.slug, partnership.pk])).content.decode()
    page = LedgerPresenter(partnership_ledger(workspace, partnership), workspace)
    for table_id, rows in (("ledger-years", page.years), ("ledger-quarters", page.quarters), ("ledger-months", page.months)):
        table = html.split(f'id="{table_id}"')[1].split("</table>")[0]
        assert '<tbody class="govuk-table__body">\n  ' + loop_made(rows) + "\n  </tbody>" in table
