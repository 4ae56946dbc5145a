"""Errors as RFC 9457 problem details: one JSON shape for every refusal,
with the fields that were wrong where there were any."""

from django.http import JsonResponse
from ninja import Schema

CONTENT_TYPE = "application/problem+json"


class FieldProblem(Schema):
    field: str
    message: str


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] = []


TITLES = {400: "Bad request", 401: "Not signed in", 403: "Not allowed", 404: "Not found",
          405: "Method not allowed", 413: "Too big", 415: "Unsupported media type", 422: "Invalid request",
          429: "Too many requests", 500: "Server error"}


def problem(status, detail, errors=()):
    body = Problem(title=TITLES.get(status, "Error"), status=status, detail=detail,
                   errors=[FieldProblem(field=f, message=m) for f, m in errors])
    return JsonResponse(body.model_dump(), status=status, content_type=CONTENT_TYPE)


def field_errors(validation_errors):
    """(field, message) pairs from pydantic's errors, the field named as the
    client wrote it ("body.name" → "name", "query.limit" → "limit")."""
    found = []
    for error in validation_errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "payload")]
        found.append((".".join(location) or "request", error.get("msg", "is not valid")))
    return found
