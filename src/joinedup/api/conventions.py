"""The API's conventions, shared by every domain's operations: pages and
incremental sync, refusals as problem details, and writes through the
pages' own forms."""

import hashlib
import re
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema
from pydantic import field_validator

from joinedup.partnerships.models import Partnership
from joinedup.workspaces.access import for_workspace

from . import tokens
from .problems import Problem

MAX_PAGE = 1000
ISO_8601 = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
REFUSALS = {401: Problem, 403: Problem, 404: Problem, 422: Problem}
# What a single record's GET answers: the record, or 304 to an If-None-Match of its ETag.
ONE = {304: None, **REFUSALS}
WRITES = {400: Problem, 409: Problem, **REFUSALS}
# Text the register can hold: not blank, no NUL character (as its forms require).
TEXT = r"^[^\x00]*[^\s\x00][^\x00]*$"


class FormRefused(Exception):
    def __init__(self, errors, status=422):
        self.errors, self.status = errors, status


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


class PartnershipArchived(Http404):
    """A record under an archived partnership: gone from the API, as the
    partnership is gone from the pages' lists, until it is restored."""

    def __init__(self, partnership_id):
        super().__init__()
        self.partnership_id = partnership_id


def live_partnership(request, partnership_id):
    """The token's workspace's partnership, or 404 (saying so if it is archived)."""
    found = get_object_or_404(for_workspace(Partnership, workspace(request)), pk=partnership_id)
    if found.archived_at is not None:
        raise PartnershipArchived(found.pk)
    return found


def partnership_filter():
    """The `partnership=` argument of a workspace-wide list."""
    return Query(None, ge=1, lt=2**63, description="Only the records of this partnership (404 if it is archived "
                                                  "or not the workspace's).")


def of_partnerships(request, queryset, partnership=None):
    """`queryset`'s records under partnerships that are not archived, or under the one asked for."""
    if partnership is None:
        return queryset.filter(partnership__archived_at=None)
    return queryset.filter(partnership=live_partnership(request, partnership))


def under_live_partnership(record):
    """`record` itself, if its partnership (if it has one) is not archived."""
    partnership_id = getattr(record, "partnership_id", None)
    if partnership_id is not None and record.partnership.archived_at is not None:
        raise PartnershipArchived(partnership_id)
    return record


def needs_write(request):
    if not tokens.may_write(request.api_token):
        raise PermissionDenied("This needs a read-and-write token of an editor or owner.")


class Page(Schema):
    count: int
    next: str | None = Field(None, description="The address of the next page, or null on the last "
                                               "(also sent as the Link header's rel=\"next\").")


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


def page_of(request, queryset, paging, out, changed="updated_at"):
    """One page of `queryset` as `out`s; `changed` is the time `updated_since` compares."""
    if paging.updated_since is not None:
        queryset = queryset.filter(**{f"{changed}__gt": paging.updated_since})
    count = queryset.count()
    items = [out.from_record(r) for r in queryset.order_by("pk")[paging.offset:paging.offset + paging.limit]]
    following = paging.offset + paging.limit
    next_url = _page_url(request, following, paging.limit) if following < count else None
    links = [f'<{next_url}>; rel="next"'] if next_url else []
    if paging.offset > 0:
        links.append(f'<{_page_url(request, max(paging.offset - paging.limit, 0), paging.limit)}>; rel="prev"')
    if links:
        # RFC 8288: a client (Power Query, httpx, R) can follow the header without reading the body.
        request.api_response["Link"] = ", ".join(links)
    return {"count": count, "next": next_url, "items": items}


def _page_url(request, offset, limit):
    query = request.GET.copy()
    query["offset"] = str(offset)
    query["limit"] = str(limit)
    return request.build_absolute_uri(request.path + "?" + query.urlencode())


def one(request, body):
    """A single record, with an ETag (a fingerprint of exactly what is sent):
    a client that sends it back in If-None-Match gets 304 Not Modified, and no
    body, while the record is unchanged."""
    content = body.model_dump_json()
    tag = f'"{hashlib.sha256(content.encode()).hexdigest()[:32]}"'
    asked = [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]
    if tag in asked or f"W/{tag}" in asked:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(content, content_type="application/json")
    response["ETag"] = tag
    return response
