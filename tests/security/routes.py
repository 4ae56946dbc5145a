"""Every URL pattern of the project, read from the resolver, with what it is
(public, account, respondent, admin or workspace-scoped), and one of every
kind of record a workspace-scoped URL can name, so a test can fill in any
route with any workspace's objects."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from joinedup.practice.models import CaseStudy

# Routes outside any workspace, by what they are. A route that is neither
# listed here nor takes a workspace (`ws`) is unclassified: the test fails.
PUBLIC = {"login", "logout", "password_reset", "password_reset_done", "password_reset_confirm",
          "password_reset_complete", "health", "language"}
ACCOUNT = {"workspaces:list", "workspaces:create", "workspaces:accept", "workspaces:two_step",
           "workspaces:two_step_code", "archive:import"}
RESPONDENT = {"respond:enter_code", "respond:thanks", "respond:answer"}
ADMIN_NAMESPACE = "admin"
# The REST API: a token names the workspace (tests/security/test_every_api_operation.py).
API_NAMESPACE = "api-v1"
# What an API path's arguments name.
API_ARGUMENTS = {"organisation_id": "organisation", "partnership_id": "partnership", "indicator_id": "indicator",
                 "person_id": "person", "outcome_id": "outcome", "membership_id": "membership",
                 "responsibility_id": "responsibility", "resource_id": "resource",
                 "accountability_id": "accountability", "wave_id": "wave",
                 "meeting_id": "meeting",
                 # Query arguments naming a record (the lists' filters), sent with another workspace's too.
                 "partnership": "partnership"}
# Query arguments naming no record: paging and sync.
API_PLAIN_QUERY = {"limit", "offset", "updated_since"}

# What a workspace route's arguments name. `pk` means a different record on
# each route, so it is looked up per route; every other argument by its name.
ARGUMENTS = {"partnership": "partnership", "wave": "wave", "review": "review", "run": "run",
             "role_id": "role", "kind": "export_kind"}
TOKENS = {"meetings:import_preview": "calendar_token", "indicators:import_mapping": "import_token",
          "indicators:import_table": "import_token",
          "indicators:import_preview": "import_token", "indicators:import_progress": "import_token"}
PK = {
    "organisations:organisation_edit": "organisation", "organisations:organisation_archive": "organisation",
    "organisations:person_edit": "person", "organisations:person_archive": "person",
    "partnerships:partnership_edit": "partnership", "partnerships:partnership_archive": "partnership",
    "partnerships:detail": "partnership", "partnerships:agreement_edit": "partnership",
    "meetings:payband_edit": "payband", "meetings:payband_archive": "payband",
    "meetings:meeting_detail": "meeting", "meetings:meeting_edit": "meeting",
    "indicators:partnership_evidence": "partnership", "indicators:indicator_detail": "indicator",
    "indicators:import_upload": "indicator", "indicators:indicator_values": "indicator", "indicators:area_edit": "area", "indicators:area_archive": "area",
    "indicators:indicator_edit": "indicator", "indicators:indicator_archive": "indicator",
    "indicators:event_edit": "event", "indicators:event_archive": "event",
    "surveys:partnership": "partnership", "surveys:wave_add": "partnership", "surveys:outcomes": "partnership",
    "surveys:obstacle_edit": "obstacle", "surveys:obstacle_archive": "obstacle",
    "review:partnership_reviews": "partnership", "review:run_review": "partnership",
    "social_return:valuation_edit": "valuation", "social_return:valuation_archive": "valuation",
    "network:suggestions": "partnership",
    "practice:detail": "case_study", "practice:edit": "case_study",
    "api_tokens:revoke": "api_token",
}
for _kind in ["membership", "outcome", "responsibility", "resource", "accountability", "document"]:
    PK[f"partnerships:{_kind}_edit"] = PK[f"partnerships:{_kind}_archive"] = _kind

# Routes only an owner may use (managing members, sharing for comparison).
OWNER_ONLY = {"workspaces:members", "workspaces:change_role", "workspaces:settings", "workspaces:audit_log",
              "archive:export"}
# Routes a viewer may POST to: leaving the workspace changes only their own
# role; making or revoking a read-only API token, only their own tokens.
VIEWER_MAY_POST = {"workspaces:leave", "api_tokens:list", "api_tokens:revoke"}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    arguments: tuple

    @property
    def kind(self):
        if self.name.startswith(ADMIN_NAMESPACE + ":"):
            return "admin"
        if self.name.startswith(API_NAMESPACE + ":"):
            return "api"
        if "ws" in self.arguments:
            return "workspace"
        for kind, names in [("public", PUBLIC), ("account", ACCOUNT), ("respondent", RESPONDENT)]:
            if self.name in names:
                return kind
        return None

    def record_for(self, argument):
        """Which record (key of `one_of_everything`) an argument names, or None if unknown."""
        if argument == "pk":
            return PK.get(self.name)
        if argument == "token":
            return TOKENS.get(self.name)
        return ARGUMENTS.get(argument)

    @property
    def names_records(self):
        return any(a != "ws" and a != "kind" for a in self.arguments)

    def url(self, slug, records):
        kwargs = {}
        for argument in self.arguments:
            kwargs[argument] = slug if argument == "ws" else records[self.record_for(argument)]
        return reverse(self.name, kwargs=kwargs)


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            arguments = tuple(entry.pattern.converters) if hasattr(entry.pattern, "converters") else ()
            outer = tuple(re.findall(r"<(?:\w+:)?(\w+)>", prefix))
            yield Route(namespace + (entry.name or pattern), pattern, outer + arguments)


def all_routes():
    return list(_walk(get_resolver()))


def one_of_everything(workspace, marker, user):
    """One record of every kind a workspace route can name, each carrying
    `marker` in its text so that a page showing it can be spotted."""
    from joinedup.api.models import ApiToken
    from joinedup.indicators import importing
    from joinedup.indicators.models import Area, Event, Indicator
    from joinedup.meetings.models import Meeting, PayBand
    from joinedup.meetings.scales import pay_scale_for
    from joinedup.organisations.models import Organisation, Person
    from joinedup.partnerships.models import (
        Agreement,
        Membership,
        Outcome,
        PartnerAccountability,
        Partnership,
        Resource,
        Responsibility,
        StatutoryDocument,
    )
    from joinedup.review import services
    from joinedup.social_return.models import OutcomeValuation
    from joinedup.surveys.invitations import issue_batch
    from joinedup.surveys.models import Obstacle, Wave
    from joinedup.workspaces.models import UserRole
    from tests.public_data import PUBLIC as PUBLIC_DATA

    org = Organisation.objects.create(workspace=workspace, name=f"{marker} ICB", sector="nhs_primary_care")
    person = Person.objects.create(workspace=workspace, name=f"{marker} Fernsby", organisation=org,
                                   pay_band="AfC 8a", active_from=date(2020, 1, 1))
    partnership = Partnership.objects.create(
        workspace=workspace, name=f"{marker} Discharge", form="pooled_budget",
        purpose=f"{marker} people go home.", start_date=date(2016, 4, 1),
    )
    outcome = Outcome.objects.create(partnership=partnership, statement=f"I go home ({marker}).",
                                     why_partnership="Four agencies.")
    Agreement.objects.create(partnership=partnership, signed_on=date(2024, 1, 1))
    pay_scale_for(workspace)
    indicator = Indicator.objects.create(partnership=partnership, outcome=outcome, name=f"{marker} delays",
                                         unit="rate_100k", direction="lower", frequency="financial_year")
    wave = Wave.objects.create(partnership=partnership, name=f"{marker} wave", opens_on=date(2026, 3, 1),
                               instruments=["service_user"], respondent_groups=["Service users"])
    _batch, links = issue_batch(wave, group="Service users", instrument="service_user", count=1,
                                language="en-gb", easy_read=False)
    review = services.review_partnership(partnership)
    run = services.start_run(workspace, Partnership.objects.filter(pk=partnership.pk))
    import_batch = importing.stage_upload(
        indicator, user, "admissions.csv",
        (PUBLIC_DATA / "trafford_dashboard_residential_home_admissions.csv").read_bytes(),
    )
    return {
        "organisation": org.pk, "person": person.pk, "partnership": partnership.pk,
        "membership": Membership.objects.create(partnership=partnership, organisation=org).pk,
        "outcome": outcome.pk,
        "responsibility": Responsibility.objects.create(partnership=partnership, task=f"{marker} task",
                                                        responsible_organisation=org).pk,
        "resource": Resource.objects.create(partnership=partnership, organisation=org, kind="money",
                                            status="agreed").pk,
        "accountability": PartnerAccountability.objects.create(partnership=partnership, organisation=org,
                                                               target=f"{marker} target").pk,
        "document": StatutoryDocument.objects.create(partnership=partnership, duty="scotland_performance_report",
                                                     published_on=date(2025, 7, 31), note=f"{marker} report").pk,
        "payband": PayBand.objects.filter(workspace=workspace).first().pk,
        "meeting": Meeting.objects.create(
            partnership=partnership, title=f"{marker} board", length_minutes=90, preparation_minutes=30,
            travel_minutes=20, starts_at=datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("Europe/London")),
        ).pk,
        "indicator": indicator.pk,
        "area": Area.objects.create(workspace=workspace, name=f"{marker} area", is_own_area=True).pk,
        "event": Event.objects.create(partnership=partnership, date=date(2024, 1, 1), label=f"{marker} launch").pk,
        "wave": wave.pk,
        "obstacle": Obstacle.objects.create(partnership=partnership, text=f"{marker} obstacle").pk,
        "review": review.pk,
        "run": run.pk,
        "valuation": OutcomeValuation.objects.create(
            partnership=partnership, outcome=outcome, counted=f"{marker} day at home", unit_cost=Decimal(10),
            source="Own costing", quantity=Decimal(5),
        ).pk,
        "role": UserRole.objects.get(workspace=workspace, user=user).pk,
        # Published to its own workspace only: what another workspace must never reach.
        "case_study": CaseStudy.objects.create(
            workspace=workspace, title=f"{marker} case study", problem="p", user_group="u", form="co_location",
            what_we_did="w", outcomes="o", visibility="workspace",
        ).pk,
        "import_token": import_batch.token,
        "api_token": ApiToken.issue(workspace, user, f"{marker} token", "read", 30)[0].pk,
        # Calendar uploads are kept in the uploader's session; any well-formed token will do.
        "calendar_token": "a" * 32,
        "export_kind": "csv",
        "survey_key": links[0].token,
    }
