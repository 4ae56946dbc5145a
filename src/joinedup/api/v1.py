"""Version 1 of the REST API (docs/api.md). A token names its workspace, so
no path names one: every query starts from `for_workspace(..., token's
workspace)`, and another workspace's record is simply not found."""

import re
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from pydantic import field_validator

from joinedup.indicators.models import Indicator, Measurement
from joinedup.organisations.forms import OrganisationForm
from joinedup.organisations.models import Organisation, Person, Sector
from joinedup.partnerships.models import Membership, Outcome, Partnership
from joinedup.workspaces.access import for_workspace

from . import tokens
from .problems import CONTENT_TYPE, Problem, field_errors, problem

MAX_PAGE = 1000
ISO_8601 = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
REFUSALS = {401: Problem, 403: Problem, 404: Problem, 422: Problem}
# Text the register can hold: not blank, no NUL character (as its forms require).
TEXT = r"^[^\x00]*[^\s\x00][^\x00]*$"


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = tokens.authenticate(token)
        if found is not None:
            request.api_token = found
        return found


class JoinedupApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The document as django-ninja writes it, with refusals described as
        what they are sent as: problem details (RFC 9457)."""
        document = super().get_openapi_schema(*args, **kwargs)
        for operations in document["paths"].values():
            for operation in operations.values():
                for code, response in operation.get("responses", {}).items():
                    if int(code) >= 400 and "application/json" in response.get("content", {}):
                        response["content"] = {CONTENT_TYPE: response["content"]["application/json"]}
        return document


api = JoinedupApi(
    title="joinedup API", version="1", urls_namespace="api-v1", auth=TokenAuth(),
    description="Read a workspace's partnerships, outcomes and indicators; see docs/api.md. "
                "Send `Authorization: Bearer <token>`; make a token on the workspace's API tokens page.",
    docs_url="/docs",
)


@api.exception_handler(AuthenticationError)
def not_signed_in(request, exc):
    return problem(401, "Send a valid, unexpired API token: Authorization: Bearer jdu_…")


@api.exception_handler(NinjaValidationError)
def invalid(request, exc):
    return problem(422, "Some of the request is not valid; see errors.", field_errors(exc.errors))


@api.exception_handler(Http404)
def not_found(request, exc):
    return problem(404, "There is no such record in this token's workspace.")


@api.exception_handler(PermissionDenied)
def not_allowed(request, exc):
    return problem(403, str(exc) or "This token may not do that.")


@api.exception_handler(HttpError)
def http_error(request, exc):
    return problem(exc.status_code, str(exc))


class FormRefused(Exception):
    def __init__(self, errors, status=422):
        self.errors, self.status = errors, status


@api.exception_handler(FormRefused)
def refused(request, exc):
    detail = ("A record with the same name is already there." if exc.status == 409
              else "The record was not saved; see errors.")
    return problem(exc.status, detail, exc.errors)


def saved(form):
    """Save through the same form as the pages, so that the API keeps every
    rule they keep (names unique in the workspace, no NUL characters, ...)."""
    if not form.is_valid():
        errors = form.errors.as_data()
        duplicate = any(e.code in ("unique", "unique_together") for found in errors.values() for e in found)
        raise FormRefused([(field if field != "__all__" else "request", message)
                           for field, messages in form.errors.items() for message in messages],
                          409 if duplicate else 422)
    return form.save()


def workspace(request):
    return request.api_token.workspace


def needs_write(request):
    if not tokens.may_write(request.api_token):
        raise PermissionDenied("This needs a read-and-write token of an editor or owner.")


class Page(Schema):
    count: int
    next: str | None = Field(None, description="The address of the next page, or null on the last.")


class Paging(Schema):
    limit: int = Field(100, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=10_000_000)
    updated_since: datetime | None = Field(
        None, description="Only records changed after this time (ISO 8601, e.g. 2026-12-01T09:00:00Z).")

    @field_validator("updated_since", mode="before")
    @classmethod
    def iso_8601_only(cls, value):
        # pydantic would also take a number of seconds since 1970: a time
        # written so is more likely a mistake than a sync point.
        if value is not None and not (isinstance(value, str) and ISO_8601.match(value)):
            raise ValueError("Write the time as ISO 8601, e.g. 2026-12-01T09:00:00Z")
        return value


def page_of(request, queryset, paging, out):
    if paging.updated_since is not None:
        queryset = queryset.filter(updated_at__gt=paging.updated_since)
    count = queryset.count()
    items = [out.from_record(r) for r in queryset.order_by("pk")[paging.offset:paging.offset + paging.limit]]
    following = paging.offset + paging.limit
    next_url = None
    if following < count:
        query = request.GET.copy()
        query["offset"] = str(following)
        query["limit"] = str(paging.limit)
        next_url = request.build_absolute_uri(request.path + "?" + query.urlencode())
    return {"count": count, "next": next_url, "items": items}


class OrganisationOut(Schema):
    id: int
    name: str
    sector: str
    ons_code: str
    updated_at: datetime

    @staticmethod
    def from_record(o):
        return OrganisationOut(id=o.pk, name=o.name, sector=o.sector, ons_code=o.ons_code, updated_at=o.updated_at)


class OrganisationIn(Schema):
    name: str = Field(min_length=1, max_length=200, pattern=TEXT)
    sector: Sector
    ons_code: str = Field("", max_length=20, pattern=r"^[^\x00]*$")


class OrganisationPage(Page):
    items: list[OrganisationOut]


class PersonOut(Schema):
    id: int
    name: str
    organisation_id: int | None
    role_title: str
    updated_at: datetime

    @staticmethod
    def from_record(p):
        return PersonOut(id=p.pk, name=p.name, organisation_id=p.organisation_id, role_title=p.role_title,
                         updated_at=p.updated_at)


class PersonPage(Page):
    items: list[PersonOut]


class PartnershipOut(Schema):
    id: int
    name: str
    purpose: str
    user_groups: str
    form: str
    status: str
    start_date: date | None
    review_date: date | None
    updated_at: datetime

    @staticmethod
    def from_record(p):
        return PartnershipOut(id=p.pk, name=p.name, purpose=p.purpose, user_groups=p.user_groups, form=p.form,
                              status=p.status, start_date=p.start_date, review_date=p.review_date,
                              updated_at=p.updated_at)


class PartnershipPage(Page):
    items: list[PartnershipOut]


class OutcomeOut(Schema):
    id: int
    partnership_id: int
    statement: str
    why_partnership: str
    updated_at: datetime

    @staticmethod
    def from_record(o):
        return OutcomeOut(id=o.pk, partnership_id=o.partnership_id, statement=o.statement,
                          why_partnership=o.why_partnership, updated_at=o.updated_at)


class OutcomePage(Page):
    items: list[OutcomeOut]


class MembershipOut(Schema):
    id: int
    partnership_id: int
    organisation_id: int
    role: str
    joined_on: date | None
    left_on: date | None
    updated_at: datetime

    @staticmethod
    def from_record(m):
        return MembershipOut(id=m.pk, partnership_id=m.partnership_id, organisation_id=m.organisation_id,
                             role=m.role, joined_on=m.joined_on, left_on=m.left_on, updated_at=m.updated_at)


class MembershipPage(Page):
    items: list[MembershipOut]


class IndicatorOut(Schema):
    id: int
    partnership_id: int
    outcome_id: int | None
    name: str
    unit: str
    direction: str
    frequency: str
    source: str
    updated_at: datetime

    @staticmethod
    def from_record(i):
        return IndicatorOut(id=i.pk, partnership_id=i.partnership_id, outcome_id=i.outcome_id, name=i.name,
                            unit=i.unit, direction=i.direction, frequency=i.frequency, source=i.source,
                            updated_at=i.updated_at)


class IndicatorPage(Page):
    items: list[IndicatorOut]


class MeasurementOut(Schema):
    id: int
    area: str
    area_code: str
    period_start: date
    period_end: date
    period_label: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    status: str
    marker: str = Field(description="The file's mark for a suppressed or missing value, e.g. 'c' or '..'.")
    updated_at: datetime

    @staticmethod
    def from_record(m):
        return MeasurementOut(id=m.pk, area=m.area.name, area_code=m.area.ons_code, period_start=m.period_start,
                              period_end=m.period_end, period_label=m.period_label, value=m.value,
                              numerator=m.numerator, denominator=m.denominator, status=m.status,
                              marker=m.marker, updated_at=m.updated_at)


class MeasurementPage(Page):
    items: list[MeasurementOut]


def _partnership(request, partnership_id):
    return get_object_or_404(for_workspace(Partnership, workspace(request)).live(), pk=partnership_id)


@api.get("/organisations", response={200: OrganisationPage, **REFUSALS}, tags=["register"])
def list_organisations(request, paging: Query[Paging]):
    """The workspace's organisations that are not archived."""
    return page_of(request, for_workspace(Organisation, workspace(request)).live(), paging, OrganisationOut)


@api.get("/organisations/{organisation_id}", response={200: OrganisationOut, **REFUSALS}, tags=["register"])
def get_organisation(request, organisation_id: int):
    found = get_object_or_404(for_workspace(Organisation, workspace(request)).live(), pk=organisation_id)
    return OrganisationOut.from_record(found)


@api.post("/organisations", response={201: OrganisationOut, 400: Problem, 409: Problem, **REFUSALS},
          tags=["register"])
def add_organisation(request, payload: OrganisationIn):
    """Add an organisation to the register (a read-and-write token)."""
    needs_write(request)
    made = saved(OrganisationForm(data=payload.model_dump(), workspace=workspace(request)))
    return Status(201, OrganisationOut.from_record(made))


@api.get("/people", response={200: PersonPage, **REFUSALS}, tags=["register"])
def list_people(request, paging: Query[Paging]):
    return page_of(request, for_workspace(Person, workspace(request)).live(), paging, PersonOut)


@api.get("/partnerships", response={200: PartnershipPage, **REFUSALS}, tags=["partnerships"])
def list_partnerships(request, paging: Query[Paging]):
    return page_of(request, for_workspace(Partnership, workspace(request)).live(), paging, PartnershipOut)


@api.get("/partnerships/{partnership_id}", response={200: PartnershipOut, **REFUSALS}, tags=["partnerships"])
def get_partnership(request, partnership_id: int):
    return PartnershipOut.from_record(_partnership(request, partnership_id))


@api.get("/partnerships/{partnership_id}/outcomes", response={200: OutcomePage, **REFUSALS},
         tags=["partnerships"])
def list_outcomes(request, partnership_id: int, paging: Query[Paging]):
    """A partnership's outcomes, in the service user's words."""
    partnership = _partnership(request, partnership_id)
    return page_of(request, Outcome.objects.filter(partnership=partnership).live(), paging, OutcomeOut)


@api.get("/partnerships/{partnership_id}/memberships", response={200: MembershipPage, **REFUSALS},
         tags=["partnerships"])
def list_memberships(request, partnership_id: int, paging: Query[Paging]):
    partnership = _partnership(request, partnership_id)
    return page_of(request, Membership.objects.filter(partnership=partnership).live(), paging, MembershipOut)


@api.get("/indicators", response={200: IndicatorPage, **REFUSALS}, tags=["indicators"])
def list_indicators(request, paging: Query[Paging]):
    return page_of(request, for_workspace(Indicator, workspace(request)).live(), paging, IndicatorOut)


@api.get("/indicators/{indicator_id}/measurements", response={200: MeasurementPage, **REFUSALS},
         tags=["indicators"])
def list_measurements(request, indicator_id: int, paging: Query[Paging]):
    """An indicator's values, one per area and period."""
    indicator = get_object_or_404(for_workspace(Indicator, workspace(request)).live(), pk=indicator_id)
    measurements = Measurement.objects.filter(indicator=indicator).select_related("area")
    return page_of(request, measurements, paging, MeasurementOut)
