"""The SQL of a ledger's grouped lines is kept by partnership and costing (issue 19:
CPU per request); a changed pay scale or pay band must cost the next ledger afresh."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from joinedup.meetings.ledger import partnership_ledger
from joinedup.meetings.models import PayBand
from joinedup.meetings.scales import pay_scale_for

from .factories import at, attend, meeting, member, organisation, person

AS_OF = date(2026, 4, 1)


def test_the_next_ledger_is_costed_with_a_changed_band_and_a_changed_person(client, editor, workspace, partnership):
    nhs = organisation(workspace, "Northshire Hospitals")
    member(partnership, nhs)
    ada = person(workspace, "Ada", "AfC 7", nhs)
    attend(meeting(partnership, at(2026, 3, 10, 10), minutes=60, prep=0, travel=0), ada)
    pay_scale_for(workspace)
    first = partnership_ledger(workspace, partnership, as_of=AS_OF)
    assert first.totals.cost == Decimal("37.20") and first.defaulted_people == 0

    band = PayBand.objects.get(workspace=workspace, code="AfC 7")
    client.force_login(editor)
    response = client.post(reverse("meetings:payband_edit", args=[workspace.slug, band.pk]), {
        "code": "AfC 7", "name": band.name, "scale": band.scale, "annual_salary": "60000",
        "employer_ni_rate": "0", "employer_ni_threshold": "0", "pension_rate": "0",
        "annual_working_hours": "1500", "source": "Local pay policy"})
    assert response.status_code == 302
    assert partnership_ledger(workspace, partnership, as_of=AS_OF).totals.cost == Decimal("40.00")

    ada.pay_band = ""
    ada.save()
    costed_at_default = partnership_ledger(workspace, partnership, as_of=AS_OF)
    assert costed_at_default.defaulted_people == 1
    assert costed_at_default.meetings[0].defaulted == 1
