"""Version 1 of the REST API (docs/api.md). A token names its workspace, so
no path names one: every query starts from `for_workspace(..., token's
workspace)`, and another workspace's record is simply not found."""

import functools
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from ninja import NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from joinedup.indicators.models import Indicator
from joinedup.indicators.views import INDICATORS
from joinedup.organisations.views import ORGANISATIONS, PEOPLE
from joinedup.partnerships.views import (
    ACCOUNTABILITIES,
    MEMBERSHIPS,
    OUTCOMES,
    PARTNERSHIPS,
    RESOURCES,
    RESPONSIBILITIES,
)
from joinedup.workspaces.access import for_workspace

from . import measurements, meetings, results, tokens
from .conventions import (
    REFUSALS,
    FormRefused,
    Page,
    Paging,
    PartnershipArchived,
    of_partnerships,
    page_of,
    partnership_filter,
    workspace,
)
from .problems import CONTENT_TYPE, field_errors, problem
from .records import record_operations


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = tokens.authenticate(token)
        if found is not None:
            request.api_token = found
        return found


class JoinedupApi(NinjaAPI):
    def create_temporal_response(self, request):
        # Kept on the request so that a page can add its Link header (conventions.page_of).
        request.api_response = super().create_temporal_response(request)
        return request.api_response

    def get_openapi_schema(self, *args, **kwargs):
        """The document as django-ninja writes it, with refusals described as
        what they are sent as: problem details (RFC 9457)."""
        document = super().get_openapi_schema(*args, **kwargs)
        for operations in document["paths"].values():
            for operation in operations.values():
                for code, response in operation.get("responses", {}).items():
                    if int(code) >= 400 and "application/json" in response.get("content", {}):
                        response["content"] = {CONTENT_TYPE: response["content"]["application/json"]}
                    if int(code) == 200 and _is_page(response):
                        response["headers"] = {"Link": LINK_HEADER}
        return document


LINK_HEADER = {
    "description": 'RFC 8288 links to the pages beside this one: <…>; rel="next" (as the body\'s `next`) and '
                   '<…>; rel="prev", absolute addresses; absent on a list of one page.',
    "schema": {"type": "string"},
}


def _is_page(response):
    reference = response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
    return reference.endswith("Page")


api = JoinedupApi(
    title="joinedup API", version="1", urls_namespace="api-v1", auth=TokenAuth(),
    description="Read and write a workspace's register, partnerships, agreements, meetings and indicators, "
                "push indicator values in bulk, and read suppressed survey results, reviews and case studies; "
                "see docs/api.md. "
                "Send `Authorization: Bearer <token>`; make a token on the workspace's API tokens page.",
    docs_url="/docs",
)


def unknown_arguments_refused(run):
    """An address with a query argument its operation does not take is refused
    (422 naming it), not answered as if it were not there: a mistyped filter
    (`partnerhsip=3`) would otherwise give the whole list."""
    operation = run.__self__
    known = {name for model in operation.models if model.__ninja_param_source__ == "query"
             for name in model.__ninja_flatten_map__}

    @functools.wraps(run)
    def checked(request, *args, **kwargs):
        unknown = sorted(set(request.GET) - known)
        if unknown:
            return problem(422, "This address takes no such argument; see the OpenAPI document.",
                           [(name, f"Not an argument of this operation (it takes: {', '.join(sorted(known)) or 'none'}).")
                            for name in unknown])
        return run(request, *args, **kwargs)
    return checked


api.add_decorator(unknown_arguments_refused, mode="view")


@api.exception_handler(AuthenticationError)
def not_signed_in(request, exc):
    return problem(401, "Send a valid, unexpired API token: Authorization: Bearer jdu_…")


@api.exception_handler(NinjaValidationError)
def invalid(request, exc):
    return problem(422, "Some of the request is not valid; see errors.", field_errors(exc.errors))


@api.exception_handler(Http404)
def not_found(request, exc):
    return problem(404, "There is no such record in this token's workspace.")


@api.exception_handler(PartnershipArchived)
def under_archived_partnership(request, exc):
    return problem(404, f"Partnership {exc.partnership_id} is archived: neither it nor its records are served "
                        f"until it is restored (POST /api/v1/partnerships/{exc.partnership_id}/restore).")


@api.exception_handler(PermissionDenied)
def not_allowed(request, exc):
    return problem(403, str(exc) or "This token may not do that.")


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return problem(413, "The body is too big for one call (10 MB at most): send the rows in several calls.")


@api.exception_handler(HttpError)
def http_error(request, exc):
    return problem(exc.status_code, str(exc))


@api.exception_handler(FormRefused)
def refused(request, exc):
    detail = ("A record with the same name is already there." if exc.status == 409
              else "The record was not saved; see errors.")
    return problem(exc.status, detail, exc.errors)


class OrganisationOut(Schema):
    id: int
    name: str
    sector: str
    ons_code: str
    updated_at: datetime

    @staticmethod
    def from_record(o):
        return OrganisationOut(id=o.pk, name=o.name, sector=o.sector, ons_code=o.ons_code, updated_at=o.updated_at)


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


@api.get("/indicators", response={200: IndicatorPage, **REFUSALS}, tags=["indicators"])
def list_indicators(request, paging: Query[Paging], partnership: int | None = partnership_filter()):
    """The workspace's indicators that are not archived, of every partnership or of one."""
    indicators = of_partnerships(request, for_workspace(Indicator, workspace(request)).live(), partnership)
    return page_of(request, indicators, paging, IndicatorOut)


record_operations(api, ORGANISATIONS, name="organisation", plural="organisations", tag="register",
                  out=OrganisationOut)
record_operations(api, PEOPLE, name="person", plural="people", tag="register", out=PersonOut)
record_operations(api, PARTNERSHIPS, name="partnership", plural="partnerships", tag="partnerships",
                  out=PartnershipOut)
record_operations(api, OUTCOMES, name="outcome", plural="outcomes", tag="partnerships", out=OutcomeOut)
record_operations(api, MEMBERSHIPS, name="membership", plural="memberships", tag="partnerships",
                  out=MembershipOut)
record_operations(api, RESPONSIBILITIES, name="responsibility", plural="responsibilities", tag="agreements")
record_operations(api, RESOURCES, name="resource", plural="resources", tag="agreements")
record_operations(api, ACCOUNTABILITIES, name="accountability", plural="accountabilities", tag="agreements")
record_operations(api, INDICATORS, name="indicator", plural="indicators", tag="indicators", out=IndicatorOut,
                  listed=False)
api.add_router("", measurements.router)
api.add_router("", results.router)
api.add_router("", meetings.router)
