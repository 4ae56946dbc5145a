"""The social-return page and its forms: who may do what, the investment
used, and errors that name the field."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from joinedup.review.models import Review
from joinedup.social_return.models import OutcomeValuation, SocialReturnBasis

from .conftest import valuation_form

WARNING = "These figures rest on your assumptions and are not part of the verdict."


def url(name, partnership, *args, slug="northshire"):
    return reverse(f"social_return:{name}", args=[slug, partnership.pk, *args])


def test_the_partnership_page_links_to_it(client, viewer, partnership):
    client.force_login(viewer)
    page = client.get(reverse("partnerships:detail", args=["northshire", partnership.pk])).content.decode()
    assert url("page", partnership) in page


def test_an_empty_page_asks_for_unit_costs_and_an_investment(client, editor, partnership):
    client.force_login(editor)
    page = client.get(url("page", partnership)).content.decode()
    assert WARNING in page
    assert "No unit costs recorded yet." in page
    assert "Not entered. There is no review with a yearly meeting cost" in page
    assert "3.5% a year, HM Treasury&#x27;s Green Book rate" in page
    assert url("valuation_add", partnership) in page


def test_an_editor_adds_a_unit_cost(client, editor, partnership, outcome):
    client.force_login(editor)
    response = client.post(url("valuation_add", partnership), valuation_form(outcome))
    assert response.status_code == 302
    assert response["Location"] == url("page", partnership)
    saved = OutcomeValuation.objects.get()
    assert saved.partnership == partnership and saved.unit_cost == Decimal(61)
    page = client.get(url("page", partnership)).content.decode()
    assert "£61.00" in page and "table 9.2.1" in page
    assert "£54,628.51" in page
    assert "Needs an investment" in page


def test_the_investment_defaults_to_the_latest_reviews_meeting_cost(client, viewer, partnership, valuation):
    Review.objects.create(partnership=partnership, as_of=date(2026, 3, 1), verdict="continue",
                          figures={"yearly_cost": "1.00"})
    Review.objects.create(partnership=partnership, as_of=date(2026, 11, 22), verdict="continue",
                          figures={"yearly_cost": "20000.00", "meetings_in_year": 10})
    client.force_login(viewer)
    page = client.get(url("page", partnership)).content.decode()
    assert "£20,000.00, the cost of the partnership&#x27;s meetings in the year to 22 November 2026" in page
    assert "£2.73 for each £1 invested" in page
    assert "£34,628.51" in page
    assert 'id="sensitivity"' in page and "Discount rate" in page and "1.5%" in page
    assert "0.37 times what you entered (63% lower)" in page


def test_an_entered_investment_wins(client, editor, partnership, valuation):
    Review.objects.create(partnership=partnership, as_of=date(2026, 11, 22), verdict="continue",
                          figures={"yearly_cost": "20000.00"})
    client.force_login(editor)
    response = client.post(url("basis_edit", partnership), {
        "investment": "40000", "investment_note": "Pooled budget share", "discount_rate": "3.5"})
    assert response.status_code == 302
    basis = SocialReturnBasis.objects.get(partnership=partnership)
    assert basis.investment == Decimal(40000)
    page = client.get(url("page", partnership)).content.decode()
    assert "£40,000.00, entered by you: Pooled budget share" in page
    assert "£1.37 for each £1 invested" in page


def test_a_unit_cost_without_quantity_is_shown_but_not_counted(client, viewer, partnership, outcome, valuation):
    OutcomeValuation.objects.create(partnership=partnership, outcome=outcome, counted="A bed day avoided",
                                    unit_cost=Decimal(0), source="Our own costing")
    client.force_login(viewer)
    page = client.get(url("page", partnership)).content.decode()
    assert "A bed day avoided" in page
    assert "Not given: unit cost only, not in the calculation" in page
    assert "£54,628.51" in page


def test_an_editor_archives_and_restores(client, editor, partnership, valuation):
    client.force_login(editor)
    response = client.post(url("valuation_archive", partnership, valuation.pk))
    assert response["Location"] == url("page", partnership)
    valuation.refresh_from_db()
    assert valuation.is_archived
    page = client.get(url("page", partnership)).content.decode()
    assert "1 archived unit cost" in page and "No unit costs recorded yet." in page
    client.post(url("valuation_archive", partnership, valuation.pk))
    valuation.refresh_from_db()
    assert not valuation.is_archived


def test_a_viewer_reads_but_cannot_change(client, viewer, partnership, outcome, valuation):
    client.force_login(viewer)
    page = client.get(url("page", partnership)).content.decode()
    assert WARNING in page
    assert url("valuation_add", partnership) not in page
    assert url("valuation_edit", partnership, valuation.pk) not in page
    for target in (url("valuation_add", partnership), url("valuation_edit", partnership, valuation.pk),
                   url("valuation_archive", partnership, valuation.pk), url("basis_edit", partnership)):
        assert client.get(target).status_code == 403, target
        assert client.post(target, valuation_form(outcome)).status_code == 403, target
    assert OutcomeValuation.objects.count() == 1 and not SocialReturnBasis.objects.exists()


def test_signed_out_people_are_sent_to_sign_in(client, partnership):
    response = client.get(url("page", partnership))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


@pytest.mark.parametrize("changes,message", [
    ({"deadweight": "101"}, "Deadweight must be 100% or less"),
    ({"displacement": "-1"}, "Displacement must be 0% or more"),
    ({"attribution": "150"}, "Attribution must be 100% or less"),
    ({"drop_off": "-0.5"}, "Drop-off must be 0% or more"),
    ({"quantity": "-3"}, "How many a year must be 0 or more"),
    ({"unit_cost": "-1"}, "Unit cost must be £0 or more"),
    ({"duration_years": "0"}, "How many years it lasts must be 1 or more"),
    ({"duration_years": "51"}, "How many years it lasts must be 50 or fewer"),
    ({"deadweight": "lots"}, "Deadweight must be a number"),
    ({"unit_cost": "12.345"}, "Unit cost can have at most 2 decimal places"),
    ({"source": ""}, "Enter the source of the unit cost"),
    ({"counted": ""}, "Enter what is counted"),
    ({"outcome": ""}, "Choose the outcome it values"),
])
def test_form_errors_name_the_field(client, editor, partnership, outcome, changes, message):
    client.force_login(editor)
    response = client.post(url("valuation_add", partnership), {**valuation_form(outcome), **changes})
    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    assert "<title>Error:" in page
    assert message in page
    assert not OutcomeValuation.objects.exists()


@pytest.mark.parametrize("changes,message", [
    ({"investment": "0"}, "Investment must be more than £0"),
    ({"discount_rate": "21"}, "Discount rate must be 20% or less"),
    ({"discount_rate": ""}, "Enter the discount rate as a percentage"),
])
def test_basis_errors_name_the_field(client, editor, partnership, changes, message):
    client.force_login(editor)
    data = {"investment": "1000", "investment_note": "", "discount_rate": "3.5", **changes}
    response = client.post(url("basis_edit", partnership), data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_only_this_partnerships_live_outcomes_can_be_chosen(client, editor, partnership, outcome, workspace):
    from joinedup.partnerships.models import Outcome, Partnership

    other = Partnership.objects.create(workspace=workspace, name="Other", form="co_location")
    elsewhere = Outcome.objects.create(partnership=other, statement="Not this partnership's")
    client.force_login(editor)
    response = client.post(url("valuation_add", partnership), valuation_form(elsewhere))
    assert response.status_code == 200
    assert "choose one of the answers listed" in response.content.decode()
