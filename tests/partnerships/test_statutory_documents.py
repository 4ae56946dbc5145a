"""Recording the documents the law asks a body for, through the pages, and
what the partnership page and its warnings then say."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from joinedup.partnerships.models import StatutoryDocument


def test_a_body_with_a_duty_shows_it_late_until_the_document_is_recorded(client, editor, partnership):
    partnership.body = "integrated_care_board"
    partnership.start_date = date(2022, 7, 1)
    partnership.save()
    client.force_login(editor)
    detail = reverse("partnerships:detail", args=["northshire", partnership.pk])
    page = client.get(detail).content.decode()
    assert 'id="duties"' in page and 'href="#duties"' in page
    assert "National Health Service Act 2006, section 14Z52" in page
    assert page.count("govuk-tag--red\">Late") == 2
    assert "duty.document_late" in page  # the warnings at the top
    assert "No statutory documents recorded." in page

    add = reverse("partnerships:document_add", args=["northshire", partnership.pk])
    form = client.get(add).content.decode()
    # Only the duties of the partnership's body are offered.
    assert "Joint forward plan" in form and "Annual performance report" not in form
    today = timezone.localdate()
    response = client.post(add, {
        "duty": "england_icb_joint_forward_plan", "published_on_day": today.day,
        "published_on_month": today.month, "published_on_year": today.year,
        "link": "www.example.org/jfp.pdf", "note": "Refreshed for the year ahead",
    })
    assert response.status_code == 302
    document = StatutoryDocument.objects.get(partnership=partnership)
    assert document.link == "https://www.example.org/jfp.pdf"
    page = client.get(detail).content.decode()
    assert page.count("govuk-tag--red\">Late") == 1
    assert page.count("govuk-tag--green\">In time") == 1
    assert "Refreshed for the year ahead" in page


def test_the_form_says_which_field_is_wrong(client, editor, partnership):
    partnership.body = "public_services_board"
    partnership.save()
    client.force_login(editor)
    response = client.post(reverse("partnerships:document_add", args=["northshire", partnership.pk]),
                           {"duty": "", "link": "not a link"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select which document was published" in page
    assert "Enter the date the document was published" in page
    assert not StatutoryDocument.objects.exists()


def test_a_body_with_no_duty_has_no_section(client, editor, partnership):
    partnership.body = "health_and_wellbeing_board"
    partnership.save()
    client.force_login(editor)
    page = client.get(reverse("partnerships:detail", args=["northshire", partnership.pk])).content.decode()
    assert 'id="duties"' not in page and "duty.document_late" not in page
