"""What a workspace archive holds: every table with a path to the workspace,
in the order they can be written back (a table only points at tables before
it), and the tables left out, each with the reason.

tests/api/test_archive_tables.py fails when a model with a path to
Workspace is in neither list, so the archive cannot fall behind a new table."""

import secrets
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from joinedup.audit.models import Entry
from joinedup.comparison.models import ComparisonOptIn
from joinedup.indicators.models import (
    Area,
    Event,
    ImportBatch,
    Indicator,
    Measurement,
    MeasurementRevision,
    SavedMapping,
)
from joinedup.meetings.models import Action, Attendance, Decision, Meeting, PayBand, PayScale
from joinedup.network.models import Figures as NetworkFigures
from joinedup.network.models import Layout
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
from joinedup.practice.models import CaseStudy
from joinedup.review.models import Review, ReviewRun
from joinedup.social_return.models import OutcomeValuation, SocialReturnBasis
from joinedup.surveys.models import Draft, InvitationBatch, Obstacle, Response, ThemeMeans, Wave
from joinedup.surveys.models import Invitation as SurveyInvitation
from joinedup.workspaces.models import Invitation as WorkspaceInvitation
from joinedup.workspaces.models import UserRole, Workspace

from .models import ApiToken


@dataclass(frozen=True)
class Table:
    """One model in the archive. `path` is the lookup from the model to its
    workspace; `rows` narrows the rows taken (None: all of the workspace's);
    `secret` fields are never written and get a fresh value on import."""

    model: type
    path: str
    rows: models.Q | None = None
    secret: dict = field(default_factory=dict)

    @property
    def name(self):
        return self.model._meta.label_lower

    @property
    def fields(self):
        """The fields written, in order: every concrete field but the
        pointer to the workspace (the archive holds one) and the secrets."""
        return [f for f in self.model._meta.concrete_fields
                if f.name not in self.secret and not (f.is_relation and f.related_model is Workspace)]

    @property
    def columns(self):
        return [f.name for f in self.fields]

    def queryset(self, workspace):
        # The base manager: every row of the workspace, whatever a default
        # manager hides, then narrowed by `rows` only.
        rows = self.model._base_manager.filter(**{self.path: workspace.pk})
        if self.rows is not None:
            rows = rows.filter(self.rows)
        return rows.order_by("pk")


def _import_token():
    return secrets.token_urlsafe(24)


WORKSPACE = "workspace"
PARTNERSHIP = "partnership__workspace"
MEETING = "meeting__partnership__workspace"
WAVE = "wave__partnership__workspace"

TABLES = [
    Table(Workspace, "pk"),
    Table(UserRole, WORKSPACE),
    Table(Entry, WORKSPACE),
    Table(Organisation, WORKSPACE),
    Table(Person, WORKSPACE),
    Table(Partnership, WORKSPACE),
    Table(Membership, PARTNERSHIP),
    Table(Outcome, PARTNERSHIP),
    Table(Agreement, PARTNERSHIP),
    Table(Responsibility, PARTNERSHIP),
    Table(Resource, PARTNERSHIP),
    Table(PartnerAccountability, PARTNERSHIP),
    Table(StatutoryDocument, PARTNERSHIP),
    Table(PayBand, WORKSPACE),
    Table(PayScale, WORKSPACE),
    Table(Meeting, PARTNERSHIP),
    Table(Attendance, MEETING),
    Table(Decision, MEETING),
    Table(Action, MEETING),
    Table(Area, WORKSPACE),
    Table(Indicator, PARTNERSHIP),
    Table(Event, PARTNERSHIP),
    # The token names a pending upload's page and file: a new one on import.
    Table(ImportBatch, WORKSPACE, secret={"token": _import_token}),
    Table(SavedMapping, WORKSPACE),
    Table(Measurement, "indicator__partnership__workspace"),
    Table(MeasurementRevision, "measurement__indicator__partnership__workspace"),
    Table(Wave, PARTNERSHIP),
    Table(InvitationBatch, WAVE),
    # Released answers only, as stored: anonymous, with nothing that leads
    # back to a link. Answers not yet released are held back in a group
    # smaller than the threshold, so they never leave the instance.
    Table(Response, WAVE, rows=models.Q(released=True)),
    Table(Obstacle, PARTNERSHIP),
    Table(ReviewRun, WORKSPACE),
    Table(Review, PARTNERSHIP),
    Table(CaseStudy, WORKSPACE),
    Table(ComparisonOptIn, WORKSPACE),
    Table(OutcomeValuation, PARTNERSHIP),
    Table(SocialReturnBasis, PARTNERSHIP),
]

# Models with a path to Workspace that the archive leaves out: what they are, and why.
LEFT_OUT = {
    ApiToken: _("API tokens: secrets; each member makes new ones where the workspace goes"),
    WorkspaceInvitation: _("invitations to join: each is a secret e-mailed link; owners invite again"),
    SurveyInvitation: _("survey links and codes: secrets, and the only way to an answer"),
    Draft: _("survey answers half-finished on a respondent's device: never sent, never released"),
    Layout: _("the network drawing's positions: a cache keyed by record ids, worked out again when needed"),
    NetworkFigures: _("the network's whole-web figures: a cache keyed by record ids, worked out again when needed"),
    ThemeMeans: _("survey theme scores kept per wave: worked out again from the answers when needed"),
}

TABLE_OF = {table.model: table for table in TABLES}


def _by_verbose_name():
    found = {}
    for table in TABLES:
        found.setdefault(str(table.model._meta.verbose_name), []).append(table.model)
    return {name: models_named[0] for name, models_named in found.items() if len(models_named) == 1}


# What an audit entry's object type (a verbose name) names, where that is
# one archived table: its object id is renumbered with that table's records.
AUDITED_MODEL = _by_verbose_name()
