"""The audit log (issue 14): each audited action, done through its page,
leaves the right entry; only the workspace's owners read it; nothing in the
app changes or deletes an entry, and on PostgreSQL the database refuses to."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory, TestCase
from django.urls import reverse

from joinedup.audit.models import AppendOnly, Entry, Kind
from joinedup.audit.record import record
from joinedup.indicators import importing
from joinedup.indicators.models import ImportBatch, Indicator
from joinedup.partnerships.models import Partnership
from joinedup.practice import services as practice_services
from joinedup.review import services
from joinedup.surveys.models import Wave
from joinedup.workspaces.models import UserRole, Workspace
from tests.conftest import PASSWORD
from tests.practice.conftest import case_study
from tests.public_data import PUBLIC

MEETING_FILES = Path(__file__).parents[1] / "meetings" / "files"

# Every kind of action the log records, and so every kind a test below makes.
AUDITED = {
    (Kind.PARTNERSHIP, "added"), (Kind.PARTNERSHIP, "changed"), (Kind.PARTNERSHIP, "archived"),
    (Kind.PARTNERSHIP, "restored"), (Kind.AGREEMENT, "added"), (Kind.AGREEMENT, "changed"),
    (Kind.VERDICT, "overridden"), (Kind.IMPORT, "imported measurements"), (Kind.IMPORT, "imported a calendar"),
    (Kind.IMPORT, "imported case studies"), (Kind.EXPORT, "downloaded the portfolio as CSV"),
    (Kind.EXPORT, "downloaded meeting cost as CSV"), (Kind.EXPORT, "downloaded survey results as CSV"),
    (Kind.EXPORT, "downloaded case studies as JSON"), (Kind.EXPORT, "downloaded the review as PDF"), (Kind.MEMBERSHIP, "invited"),
    (Kind.MEMBERSHIP, "invitation accepted"), (Kind.MEMBERSHIP, "role changed"), (Kind.MEMBERSHIP, "removed"),
    (Kind.MEMBERSHIP, "left"), (Kind.SETTINGS, "changed"), (Kind.SETTINGS, "created"),
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def last(kind):
    return Entry.objects.filter(kind=kind).first()


def partnership_form(**changes):
    data = {"name": "Home First", "purpose": "People go home.", "user_groups": "", "form": "joint_commissioning",
            "driver": "", "start_date": "2022-04-01", "review_date": "", "status": "active"}
    return {**data, **changes}


def test_partnership_records_added_changed_archived_and_restored(client, editor, workspace):
    client.force_login(editor)
    assert client.post(reverse("partnerships:partnership_add", args=["northshire"]), partnership_form()).status_code == 302
    partnership = Partnership.objects.get()
    added = last(Kind.PARTNERSHIP)
    assert (added.action, added.actor, added.actor_name) == ("added", editor, "editor@example.org")
    assert (added.object_type, added.object_id, added.object_label) == ("partnership", str(partnership.pk), "Home First")
    assert "Name: Home First" in added.change_lines

    edit = reverse("partnerships:partnership_edit", args=["northshire", partnership.pk])
    assert client.post(edit, partnership_form(name="Home First Together", start_date="2023-04-01")).status_code == 302
    changed = last(Kind.PARTNERSHIP)
    assert changed.action == "changed"
    assert sorted(changed.change_lines) == ["Name: Home First → Home First Together",
                                            "Start date: 2022-04-01 → 2023-04-01"]

    archive = reverse("partnerships:partnership_archive", args=["northshire", partnership.pk])
    client.post(archive)
    client.post(archive)
    assert [e.action for e in Entry.objects.filter(kind=Kind.PARTNERSHIP)[:2]] == ["restored", "archived"]

    # A record of a partnership (an outcome) is logged under partnership records too.
    client.post(reverse("partnerships:outcome_add", args=["northshire", partnership.pk]),
                {"statement": "I go home.", "why_partnership": "Four agencies.", "downsides": ""})
    assert last(Kind.PARTNERSHIP).object_type == "outcome"


def test_a_refused_form_records_nothing(client, editor, workspace):
    client.force_login(editor)
    response = client.post(reverse("partnerships:partnership_add", args=["northshire"]), partnership_form(name=""))
    assert response.status_code == 200
    assert not Entry.objects.exists()


def test_the_agreement(client, editor, partnership):
    client.force_login(editor)
    url = reverse("partnerships:agreement_edit", args=["northshire", partnership.pk])
    data = {"summary": "Who does what", "document_link": "", "signed_on": "2024-01-01", "review_on": ""}
    client.post(url, data)
    client.post(url, {**data, "review_on": "2026-01-01"})
    changed, added = Entry.objects.filter(kind=Kind.AGREEMENT)
    assert added.action == "added" and "Signed on: 2024-01-01" in added.change_lines
    assert changed.action == "changed" and changed.change_lines == ["Review due: (blank) → 2026-01-01"]


def test_a_verdict_override(client, editor, partnership):
    client.force_login(editor)
    review = services.review_partnership(partnership)
    rules_said = review.get_verdict_display()
    client.post(reverse("review:override", args=["northshire", review.pk]),
                {"verdict": "end", "reason": "The board decided to stop."})
    entry = last(Kind.VERDICT)
    assert entry.action == "overridden" and entry.object_type == "review"
    assert entry.change_lines == [f"Verdict: {rules_said} → End", "Reason: The board decided to stop."]


def test_imports_of_measurements_calendars_and_case_studies(client, editor, workspace, other_workspace, partnership,
                                                            outcome):
    client.force_login(editor)
    indicator = Indicator.objects.create(partnership=partnership, outcome=outcome, name="Admissions",
                                         unit="rate_100k", direction="lower", frequency="financial_year")
    batch = importing.stage_upload(indicator, editor, "admissions.csv",
                                   (PUBLIC / "trafford_dashboard_residential_home_admissions.csv").read_bytes())
    preview = reverse("indicators:import_preview", args=["northshire", batch.token])
    roles = {f"area_{i}": "own" if c.name == "Trafford" else "comparator"
             for i, c in enumerate(importing.preview(batch).areas)}
    # The import is recorded by its background task (run at once in tests) when it succeeds.
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(preview, roles).status_code == 302
    entry = last(Kind.IMPORT)
    assert entry.actor == editor
    assert (entry.action, entry.object_label) == ("imported measurements", "Admissions")
    assert entry.change_lines == ["File: admissions.csv: 50 added, 0 changed, 0 unchanged"]
    assert ImportBatch.objects.get().status == "committed"

    upload = reverse("meetings:import_upload", args=["northshire"]) + f"?partnership={partnership.pk}"
    with open(MEETING_FILES / "outlook.ics", "rb") as handle:
        staged = client.post(upload, {"file": handle})
    page = client.get(staged["Location"]).content.decode()
    data = {"preparation_minutes": "30", "travel_minutes": "0", "confirm": "1"}
    data.update(re.findall(r'<input type="hidden" name="(on_page)" value="(\d+)">', page))
    data.update({name: str(partnership.pk) for name in set(re.findall(r'name="(series_\d+)"', page))})
    assert client.post(staged["Location"], data).status_code == 302
    entry = last(Kind.IMPORT)
    assert (entry.action, entry.object_label) == ("imported a calendar", "outlook.ics")
    assert entry.changes.startswith("Meetings: ")

    exported = practice_services.export_json([case_study(other_workspace, "Brought over")])
    client.post(reverse("practice:import", args=["northshire"]),
                {"file": SimpleUploadedFile("case-studies.json", exported.encode())})
    entry = last(Kind.IMPORT)
    assert (entry.action, entry.object_label, entry.changes) == ("imported case studies", "case-studies.json",
                                                                 "Case studies added as drafts: 1")


def test_exports(client, viewer, partnership):
    client.force_login(viewer)
    client.get(reverse("review:portfolio_export", args=["northshire", "csv"]))
    client.get(reverse("meetings:ledger_csv", args=["northshire", partnership.pk]))
    wave = Wave.objects.create(partnership=partnership, name="Spring", opens_on=date(2026, 3, 1),
                               instruments=["service_user"], respondent_groups=["Service users"])
    assert client.get(reverse("surveys:results_csv", args=["northshire", wave.pk])).status_code == 200
    client.get(reverse("practice:export", args=["northshire"]))
    review = services.review_partnership(partnership)
    assert client.get(reverse("review:pdf", args=["northshire", review.pk])).status_code == 200
    assert [e.action for e in Entry.objects.filter(kind=Kind.EXPORT)] == [
        "downloaded the review as PDF", "downloaded case studies as JSON", "downloaded survey results as CSV",
        "downloaded meeting cost as CSV", "downloaded the portfolio as CSV"]
    assert {e.actor for e in Entry.objects.all()} == {viewer}
    # The export of results names the wave, never an answer.
    assert Entry.objects.get(action__contains="survey").object_label == str(wave)


def test_membership_changes(client, owner, editor, viewer, workspace):
    client.force_login(owner)
    client.post(reverse("workspaces:members", args=["northshire"]), {"email": "new@example.org", "role": "editor"})
    invited = last(Kind.MEMBERSHIP)
    assert (invited.action, invited.object_label, invited.changes) == ("invited", "new@example.org", "Role: Editor")

    editor_role = UserRole.objects.get(user=editor)
    client.post(reverse("workspaces:change_role", args=["northshire", editor_role.pk]), {"role": "owner"})
    changed = last(Kind.MEMBERSHIP)
    assert (changed.action, changed.object_label, changed.changes) == ("role changed", "editor@example.org",
                                                                        "Role: Editor → Owner")
    viewer_role = UserRole.objects.get(user=viewer)
    client.post(reverse("workspaces:change_role", args=["northshire", viewer_role.pk]), {"role": "remove"})
    removed = last(Kind.MEMBERSHIP)
    assert (removed.action, removed.actor, removed.changes) == ("removed", owner, "Role: Viewer → (none)")

    newcomer = get_user_model().objects.create_user("new", "new@example.org", PASSWORD)
    client.force_login(newcomer)
    invitation = workspace.invitations.get(accepted_at__isnull=True)
    client.post(reverse("workspaces:accept", args=[invitation.token]))
    accepted = last(Kind.MEMBERSHIP)
    assert (accepted.action, accepted.actor, accepted.changes) == ("invitation accepted", newcomer,
                                                                   "Role: (none) → Editor")
    client.post(reverse("workspaces:leave", args=["northshire"]))
    assert (last(Kind.MEMBERSHIP).action, last(Kind.MEMBERSHIP).actor) == ("left", newcomer)


def test_settings_changes_and_free_text_retention(client, owner, workspace):
    client.force_login(owner)
    url = reverse("workspaces:settings", args=["northshire"])
    page = client.get(url).content.decode()
    assert 'name="free_text_months" value="12"' in page
    response = client.post(url, {"name": "Northshire", "description": "", "nations": "england", "free_text_months": "6"})
    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.free_text_months == 6
    assert last(Kind.SETTINGS).change_lines == ["Keep survey free text for (months): 12 → 6"]
    refused = client.post(url, {"name": "Northshire", "description": "", "nations": "england", "free_text_months": "0"})
    assert refused.status_code == 200 and b"govuk-error-summary" in refused.content
    workspace.refresh_from_db()
    assert workspace.free_text_months == 6 and Entry.objects.count() == 1


def test_every_audited_kind_of_action_is_tested_here():
    # The list above is what the closing note counts; each item is made by a test in this file.
    assert len(AUDITED) == 22
    assert {kind for kind, _ in AUDITED} == set(Kind)


def test_only_the_workspaces_owners_read_the_log(client, owner, editor, viewer, outsider, workspace, other_workspace):
    record(workspace, owner, Kind.SETTINGS, "changed", workspace, changes="Name: A → Northshire")
    record(other_workspace, outsider, Kind.SETTINGS, "changed", other_workspace, changes="Name: B → Southshire")
    url = reverse("workspaces:audit_log", args=["northshire"])
    for user, status in [(editor, 403), (viewer, 403), (outsider, 404)]:
        client.force_login(user)
        assert client.get(url).status_code == status, user
    client.force_login(outsider)
    theirs = client.get(reverse("workspaces:audit_log", args=["southshire"])).content.decode()
    assert "Southshire" in theirs and "Name: A → Northshire" not in theirs
    client.force_login(owner)
    page = client.get(url).content.decode()
    assert "Name: A → Northshire" in page and "Name: B → Southshire" not in page
    assert "Name: A → Northshire" not in client.get(url + "?kind=export").content.decode()
    assert "Name: A → Northshire" in client.get(url + "?kind=settings").content.decode()


def test_the_log_pages_fifty_entries_at_a_time(client, owner, workspace):
    for number in range(51):
        record(workspace, owner, Kind.EXPORT, "downloaded", label=f"export {number:02}")
    client.force_login(owner)
    url = reverse("workspaces:audit_log", args=["northshire"])
    first = client.get(url).content.decode()
    assert "export 50" in first and "export 00" not in first and "?page=2" in first
    assert "export 00" in client.get(url + "?page=2").content.decode()


def test_the_app_cannot_change_or_delete_an_entry(workspace, owner):
    entry = record(workspace, owner, Kind.SETTINGS, "changed", workspace)
    entry.action = "forged"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        Entry.objects.filter(pk=entry.pk).update(action="forged")
    with pytest.raises(AppendOnly):
        Entry.objects.filter(pk=entry.pk).delete()
    assert Entry.objects.get().action == "changed"


def test_the_admin_only_reads_it(workspace, owner):
    staff = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    request = RequestFactory().get("/")
    request.user = staff
    entry_admin = admin.site._registry[Entry]
    entry = record(workspace, owner, Kind.SETTINGS, "changed", workspace)
    assert not entry_admin.has_add_permission(request)
    assert not entry_admin.has_change_permission(request, entry)
    assert not entry_admin.has_delete_permission(request, entry)


def test_a_deleted_workspace_takes_its_log_with_it(workspace, owner, other_workspace, outsider):
    record(workspace, owner, Kind.SETTINGS, "changed", workspace)
    kept = record(other_workspace, outsider, Kind.SETTINGS, "changed", other_workspace)
    UserRole.objects.filter(workspace=workspace).delete()
    workspace.delete()
    assert list(Entry.objects.all()) == [kept]
    assert Workspace.objects.get() == other_workspace


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_to_change_or_delete_an_entry(workspace, owner, other_workspace):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's; CI runs this suite on it too")
    entry = record(workspace, owner, Kind.SETTINGS, "changed", workspace)
    for sql in ["UPDATE audit_entry SET action = 'forged' WHERE id = %s", "DELETE FROM audit_entry WHERE id = %s"]:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    # Not even for a workspace other than the one being deleted.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('joinedup.audit_purge', %s, true)", [f",{other_workspace.pk},"])
            cursor.execute("DELETE FROM audit_entry WHERE id = %s", [entry.pk])
    assert Entry.objects.get().action == "changed"
    UserRole.objects.filter(workspace=workspace).delete()
    workspace.delete()
    assert not Entry.objects.exists()
