"""Workspace archives: what goes in (everything of the workspace, nothing of
another, no secrets), coming back exactly, and refusing a damaged, changed
or newer archive with nothing written."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model

from joinedup.api.archive_export import write_archive
from joinedup.api.archive_import import AddressTaken, ArchiveRefused, import_archive
from joinedup.api.archive_tables import TABLES
from joinedup.api.models import ApiToken
from joinedup.demo.loader import load_demo
from joinedup.indicators.importing import stored_path
from joinedup.indicators.models import ImportBatch, Measurement
from joinedup.organisations.models import Organisation
from joinedup.partnerships.models import Partnership
from joinedup.surveys.models import Invitation, Response
from joinedup.workspaces.models import Invitation as WorkspaceInvitation
from joinedup.workspaces.models import Role, UserRole

from ..security.routes import one_of_everything
from .archive_files import json_table, members, rewritten, table, without_timestamps

OURS, THEIRS = "Aardvark", "Zebedee"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ours(workspace, owner, editor, viewer):
    return one_of_everything(workspace, OURS, owner)


@pytest.fixture
def theirs(other_workspace, outsider):
    return one_of_everything(other_workspace, THEIRS, outsider)


def exported(workspace):
    out = io.BytesIO()
    write_archive(workspace, out)
    return out.getvalue()


def row_counts():
    return {t.name: t.model._base_manager.count() for t in TABLES}


def test_the_demo_workspace_comes_back_exactly(db):
    workspace, _ = load_demo()
    first = exported(workspace)
    copy = import_archive(io.BytesIO(first), slug="northshire-copy")
    files_first, manifest_first = without_timestamps(first)
    files_again, manifest_again = without_timestamps(exported(copy))
    # The address was chosen anew; everything else is as it was.
    assert table(first, "workspaces.workspace")[0].pop("slug") == "northshire"
    assert manifest_first.pop("files") and manifest_again.pop("files")
    manifest_again["workspace"]["slug"] = "northshire"
    assert manifest_first == manifest_again
    for name in files_first:
        if not name.startswith("tables/workspaces.workspace."):
            assert files_first[name] == files_again[name], name
    assert manifest_first["tables"]["indicators.measurement"]["rows"] == Measurement.objects.filter(
        indicator__partnership__workspace=workspace).count() > 1000
    assert manifest_first["tables"]["surveys.response"]["rows"] == Response.objects.filter(
        wave__partnership__workspace=workspace).count() > 500


def test_every_kind_of_record_goes_out_and_comes_back(ours, workspace):
    data = exported(workspace)
    manifest = json.loads(members(data)["manifest.json"])
    kinds = {"organisations.organisation", "organisations.person", "partnerships.partnership",
             "partnerships.membership", "partnerships.outcome", "partnerships.agreement", "meetings.meeting",
             "meetings.payband", "meetings.payscale", "indicators.indicator", "indicators.area",
             "indicators.importbatch", "surveys.wave", "surveys.invitationbatch", "surveys.obstacle",
             "review.review", "review.reviewrun", "practice.casestudy", "social_return.outcomevaluation",
             "workspaces.userrole"}
    assert all(manifest["tables"][kind]["rows"] >= 1 for kind in kinds)
    before = row_counts()
    copy = import_archive(io.BytesIO(data), slug="copy")
    after = row_counts()
    assert {name: after[name] - before[name] for name in kinds} == {
        name: manifest["tables"][name]["rows"] for name in kinds}
    assert Organisation.objects.get(workspace=copy).name == f"{OURS} ICB"
    roles = UserRole.objects.filter(workspace=copy)
    assert sorted(roles.values_list("user__email", "role")) == [
        ("editor@example.org", "editor"), ("owner@example.org", "owner"), ("viewer@example.org", "viewer")]


def test_a_pending_upload_goes_with_its_import_and_gets_a_new_token(ours, workspace):
    batch = ImportBatch.objects.get(workspace=workspace)
    data = exported(workspace)
    assert members(data)["files/indicators.importbatch/1"] == stored_path(batch).read_bytes()
    copy = import_archive(io.BytesIO(data), slug="copy")
    restored = ImportBatch.objects.get(workspace=copy)
    assert restored.token != batch.token
    assert stored_path(restored).read_bytes() == stored_path(batch).read_bytes()


def test_an_archive_holds_nothing_of_another_workspace(ours, theirs, workspace, outsider):
    everything = b"".join(members(exported(workspace)).values())
    assert OURS.encode() in everything
    assert THEIRS.encode() not in everything
    assert outsider.email.encode() not in everything


def test_no_secrets_go_out(ours, workspace, owner):
    WorkspaceInvitation.objects.create(workspace=workspace, email="new@example.org", invited_by=owner)
    wave_id = ours["wave"]
    Response.stored.create(wave_id=wave_id, instrument="service_user", respondent_group="Service users",
                           answers={"comment": "not yet released"})
    everything = b"".join(members(exported(workspace)).values()).decode()
    secrets = [owner.password, ours["survey_key"], ImportBatch.objects.get(workspace=workspace).token,
               WorkspaceInvitation.objects.get(workspace=workspace).token,
               *ApiToken.objects.filter(workspace=workspace).values_list("digest", flat=True),
               *Invitation.objects.filter(batch__wave_id=wave_id).values_list("token_hash", flat=True),
               *Invitation.objects.filter(batch__wave_id=wave_id).values_list("code_hash", flat=True)]
    assert all(secret not in everything for secret in secrets)
    assert "not yet released" not in everything


def test_users_new_here_are_made_with_their_roles_from_the_command_line(ours, workspace, owner, viewer):
    data = exported(workspace)
    get_user_model().objects.filter(email="editor@example.org").delete()
    copy = import_archive(io.BytesIO(data), slug="copy")
    made = get_user_model().objects.get(email="editor@example.org")
    assert made.has_usable_password()  # nobody knows it; "Forgot your password?" sets one
    assert UserRole.objects.get(workspace=copy, user=made).role == Role.EDITOR
    assert UserRole.objects.get(workspace=copy, user=viewer).role == Role.VIEWER


def test_through_the_page_the_importer_alone_owns_it_and_no_account_is_made(ours, workspace, owner, viewer):
    data = exported(workspace)
    get_user_model().objects.filter(email="editor@example.org").delete()
    accounts = get_user_model().objects.count()
    copy = import_archive(io.BytesIO(data), slug="copy", owner=viewer)
    assert get_user_model().objects.count() == accounts
    assert list(UserRole.objects.filter(workspace=copy).values_list("user", "role")) == [(viewer.pk, Role.OWNER)]


def test_a_taken_address_is_refused_and_another_may_be_given(ours, workspace):
    data = exported(workspace)
    with pytest.raises(AddressTaken, match="“northshire” already exists"):
        import_archive(io.BytesIO(data))
    assert import_archive(io.BytesIO(data), slug="northshire-2").slug == "northshire-2"


def refused(data, match):
    before = row_counts()
    with pytest.raises(ArchiveRefused, match=match):
        import_archive(io.BytesIO(data), slug="refused")
    assert row_counts() == before


def test_a_changed_file_is_refused_by_name_with_nothing_written(ours, workspace):
    data = exported(workspace)
    name = "tables/organisations.organisation.json"
    changed = members(data)[name].replace(OURS.encode(), b"Forged")
    refused(rewritten(data, {name: changed}, fix_checksums=False),
            f"{name} in the archive does not match its checksum")


def test_a_cut_short_or_foreign_file_is_refused(ours, workspace):
    data = exported(workspace)
    refused(data[: len(data) // 2], "not a ZIP archive")
    refused(b"PK\x03\x04 not really", "not a ZIP archive")
    extra = rewritten(data, {"notes.txt": b"hello"}, fix_checksums=False)
    refused(extra, "holds notes.txt, which its manifest does not list")


def test_a_file_lost_from_the_archive_is_named(ours, workspace):
    data = exported(workspace)
    files = members(data)
    files.pop("tables/meetings.meeting.csv")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    refused(out.getvalue(), "has lost tables/meetings.meeting.csv")


def test_a_bad_record_late_in_the_archive_undoes_everything_before_it(ours, workspace):
    data = exported(workspace)
    rows = table(data, "social_return.outcomevaluation")
    rows[0]["outcome"] = 999
    refused(rewritten(data, {"tables/social_return.outcomevaluation.json": json_table(rows)}),
            "social_return.outcomevaluation, record 1, column outcome: record 999 is not in the archive")
    rows = table(data, "meetings.meeting")
    rows[0]["length_minutes"] = "an hour"
    refused(rewritten(data, {"tables/meetings.meeting.json": json_table(rows)}),
            "meetings.meeting, record 1, column length_minutes")


def test_a_newer_archive_is_refused_and_says_what_to_do(ours, workspace):
    data = exported(workspace)
    refused(rewritten(data, {}, manifest_changes={"archive_version": 99}), "Update joinedup here")


def test_an_archive_of_version_1_is_brought_up_to_date(ours, workspace):
    """Version 1: the tables at their first migrations, made here by hand."""
    Measurement.objects.create(indicator_id=ours["indicator"], area_id=ours["area"], period_start="2024-04-01",
                               period_end="2025-03-31", period_label="2024/25", frequency="financial_year",
                               value="12.5")
    data = exported(workspace)
    workspace_rows = table(data, "workspaces.workspace")
    for row in workspace_rows:
        del row["free_text_months"]
    measurement_rows = table(data, "indicators.measurement")
    for row in measurement_rows:
        del row["marker"], row["note"]
    older = rewritten(data, {"tables/workspaces.workspace.json": json_table(workspace_rows),
                             "tables/indicators.measurement.json": json_table(measurement_rows)},
                      manifest_changes={"archive_version": 1})
    copy = import_archive(io.BytesIO(older), slug="copy")
    assert copy.free_text_months == 12
    restored = Measurement.objects.get(indicator__partnership__workspace=copy)
    assert (restored.marker, restored.note, str(restored.value)) == ("", "", "12.5000000000000000")
    # The same archive claiming the current version is refused: its columns are not this version's.
    refused(rewritten(older, {}, manifest_changes={"archive_version": 4}),
            "workspaces.workspace, record 1: the columns are not those of archive version 4; missing free_text_months")


def test_an_archive_of_version_2_has_its_workspace_in_england(ours, workspace):
    """Version 2: before a workspace chose its nations, every one was English,
    and no partnership had a kind of body."""
    workspace.nations = "scotland"
    workspace.save()
    Partnership.objects.filter(pk=ours["partnership"]).update(body="integration_joint_board")
    data = exported(workspace)
    workspace_rows = table(data, "workspaces.workspace")
    for row in workspace_rows:
        del row["nations"]
    partnership_rows = table(data, "partnerships.partnership")
    for row in partnership_rows:
        del row["body"]
    older = rewritten(data, {"tables/workspaces.workspace.json": json_table(workspace_rows),
                             "tables/partnerships.partnership.json": json_table(partnership_rows)},
                      manifest_changes={"archive_version": 2})
    copy = import_archive(io.BytesIO(older), slug="copy")
    assert copy.nation_list == ["england"]
    assert set(Partnership.objects.filter(workspace=copy).values_list("body", flat=True)) == {""}
    # The current version keeps the nations and bodies chosen.
    current = import_archive(io.BytesIO(data), slug="copy-2")
    assert current.nation_list == ["scotland"]
    assert "integration_joint_board" in Partnership.objects.filter(workspace=current).values_list("body", flat=True)


def test_an_archive_of_version_3_costs_everyone_in_the_workspaces_first_nation(ours, workspace):
    """Version 3: before organisations said which nation they employ in and pay
    bands belonged to a nation, every band was its workspace's first nation's."""
    from joinedup.meetings.models import PayBand, PayScale
    from joinedup.meetings.scales import pay_scale_for

    workspace.nations = "wales"
    workspace.save()
    pay_scale_for(workspace)
    PayBand.objects.filter(workspace=workspace).exclude(nation="wales").delete()  # as a version 3 workspace had
    data = exported(workspace)
    stripped = {}
    for name, column in (("organisations.organisation", "nation"), ("meetings.payband", "nation"),
                         ("meetings.payscale", "seeded_nations")):
        rows = table(data, name)
        for row in rows:
            del row[column]
        stripped[f"tables/{name}.json"] = json_table(rows)
    copy = import_archive(io.BytesIO(rewritten(data, stripped, manifest_changes={"archive_version": 3})), slug="copy")
    assert set(PayBand.objects.filter(workspace=copy).values_list("nation", flat=True)) == {"wales"}
    assert PayScale.objects.get(workspace=copy).seeded_nations == "wales"
    assert set(Organisation.objects.filter(workspace=copy).values_list("nation", flat=True)) == {""}
