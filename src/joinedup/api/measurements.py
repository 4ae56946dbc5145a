"""An indicator's values: read page by page, and pushed in bulk (added or
revised, all or nothing) as tidy JSON rows, the long CSV the import reads,
or SDMX-CSV. The reading and writing is the import's (indicators/pushing.py)."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import RequestDataTooBig
from ninja import Field, Query, Router, Schema
from pydantic import BaseModel

from joinedup.indicators import pushing
from joinedup.indicators.models import Indicator, Measurement

from .conventions import REFUSALS, WRITES, Page, Paging, needs_write, page_of
from .problems import Problem, problem
from .registers import the_record

router = Router(tags=["indicators"])
# Rows in one call; a bigger push is sent as several calls (each all or nothing).
MOST_ROWS = 100_000
NO_NUL = r"^[^\x00]*$"
CSV_TYPES = ("text/csv", "application/csv", "text/plain")


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
    note: str = ""
    updated_at: datetime

    @staticmethod
    def from_record(m):
        return MeasurementOut(id=m.pk, area=m.area.name, area_code=m.area.ons_code, period_start=m.period_start,
                              period_end=m.period_end, period_label=m.period_label, value=m.value,
                              numerator=m.numerator, denominator=m.denominator, status=m.status,
                              marker=m.marker, note=m.note, updated_at=m.updated_at)


class MeasurementPage(Page):
    items: list[MeasurementOut]


# Plain pydantic models, not ninja's Schema (which reads attributes of Django
# objects too): a push of 100,000 rows is validated in pydantic's core alone.
class MeasurementIn(BaseModel):
    """One value: an area (its ONS code, its name, or both), a period, and a value or a marker."""

    area_code: str = Field("", max_length=40, pattern=NO_NUL, description="The area's ONS code, e.g. E06000001.")
    area: str = Field("", max_length=200, pattern=NO_NUL, description="The area's name, if no code is given.")
    period: str = Field(min_length=1, max_length=60, pattern=NO_NUL,
                        description="As an import reads it: 2026-01 or Jan 2026, 2026 Q1, 2025/26, 2026-01-31 ...")
    value: Decimal | None = Field(None, allow_inf_nan=False)
    numerator: Decimal | None = Field(None, allow_inf_nan=False)
    denominator: Decimal | None = Field(None, allow_inf_nan=False)
    marker: str = Field("", max_length=20, pattern=NO_NUL,
                        description="For a value not given: why, as the publisher marks it (c, *, .., x, n/a).")
    note: str = Field("", max_length=300, pattern=NO_NUL, description="A note on a value not given.")


class MeasurementsIn(BaseModel):
    rows: list[MeasurementIn] = Field(min_length=1, max_length=MOST_ROWS)


class PushOut(Schema):
    import_id: int = Field(description="The import batch the values were written as (its page shows it).")
    added: int
    changed: int
    unchanged: int


def _indicator(request, indicator_id):
    return the_record(request, Indicator, indicator_id)


@router.get("/indicators/{indicator_id}/measurements", response={200: MeasurementPage, **REFUSALS})
def list_measurements(request, indicator_id: int, paging: Query[Paging]):
    """An indicator's values, one per area and period."""
    indicator = _indicator(request, indicator_id)
    measurements = Measurement.objects.filter(indicator=indicator).select_related("area")
    return page_of(request, measurements, paging, MeasurementOut)


def _refusal(refused, where):
    errors = []
    for error in refused.errors:
        if getattr(error, "row", None) is None:
            errors.append(("request", getattr(error, "message", str(error))))
        else:
            errors.append((where(error.row, error.column), error.message))
    return problem(422, "Nothing was written: some rows are not valid; see errors.", errors)


def _pushed(request, indicator, table, mapping, source, where):
    try:
        found = pushing.read(indicator, table, mapping)
        done = pushing.push(indicator, request.api_token.user, found, f"{source}: {len(found.rows):,} rows")
    except pushing.PushRefused as refused:
        return _refusal(refused, where)
    return PushOut(import_id=done.batch.pk, added=done.added, changed=done.changed, unchanged=done.unchanged)


@router.post("/indicators/{indicator_id}/measurements", response={200: PushOut, 413: Problem, **WRITES})
def push_measurements(request, indicator_id: int, payload: MeasurementsIn):
    """Add or revise up to 100,000 of an indicator's values in one call: all of
    them, or none (422 names each row and field that is wrong). A value already
    stored for the same area and period is replaced, its old value kept as a
    revision, as an import does."""
    needs_write(request)
    indicator = _indicator(request, indicator_id)
    table, mapping = pushing.table_of_records(payload.model_dump(exclude_defaults=True)["rows"])
    return _pushed(request, indicator, table, mapping, "API (JSON)",
                   lambda row, column: f"rows[{row}].{column or 'row'}")


@router.post(
    "/indicators/{indicator_id}/measurements/csv", response={200: PushOut, 413: Problem, 415: Problem, **WRITES},
    openapi_extra={"requestBody": {"required": True, "content": {"text/csv": {"schema": {
        "type": "string", "description": "A long CSV (Period, Area code or Area, Value; as the import reads) "
                                         "or SDMX-CSV (REF_AREA, TIME_PERIOD, OBS_VALUE)."}}}}},
)
def push_measurements_csv(request, indicator_id: int):
    """The same as a JSON push, from a CSV body (Content-Type: text/csv): the long
    CSV an import understands, or SDMX-CSV. Errors name the file's row and column."""
    needs_write(request)
    indicator = _indicator(request, indicator_id)
    if request.content_type not in CSV_TYPES:
        return problem(415, "Send the CSV with Content-Type: text/csv.")
    try:
        content = request.body
    except RequestDataTooBig:
        return problem(413, "The body is too big for one call: send the rows in several calls.")
    try:
        table, mapping = pushing.csv_and_mapping(content)
    except pushing.PushRefused as refused:
        return _refusal(refused, None)
    return _pushed(request, indicator, table, mapping, "API (CSV)",
                   lambda row, column: f"row {row}" + (f", column {column}" if column else ""))
