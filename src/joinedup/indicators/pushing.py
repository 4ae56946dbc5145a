"""Measurements pushed by another system (the API's bulk upsert), read and
written as an import is: the rows become a table of strings, read under a
column mapping by the import's own `apply_mapping` (so a value, a marker, a
period or an area means the same as in an uploaded file, with the same
messages), and are written with the import's `MeasurementWriter` (COPY on
PostgreSQL), all of them in one transaction or none.

Three shapes come in: tidy JSON rows (one object per value, with `area`,
`area_code`, `period`, `value`, `marker`, ...), the long CSV the import
understands (its columns guessed as the import's first step guesses them),
and SDMX-CSV (REF_AREA, TIME_PERIOD, OBS_VALUE), as statistical publishers
write it.

Unlike an import, nobody is there to choose what an unknown area is: a row
whose area the workspace does not have is an error, naming the row, and the
areas are added on the Areas page (or by an import) first."""

import re
import secrets
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from joinedup.audit.record import record

from .import_writing import MeasurementWriter
from .importing import (
    Existing,
    _area_choices,
    _check_frequency,
    area_key,
    write_in_chunks,
)
from .mapping import (
    ColumnMapping,
    Layout,
    apply_mapping,
    mapping_problems,
    normal_header,
    propose_mapping,
)
from .models import ImportBatch, ImportStatus, Indicator, Measurement
from .periods import MONTH_NAMES
from .reading import FileReadError, read_table
from .tables import Table, TableRow

# The fields of one tidy JSON row, in the order its errors are reported.
RECORD_FIELDS = ("area_code", "area", "period", "value", "numerator", "denominator", "note")
RECORD_ROLES = {"period": "period", "area_name": "area", "area_code": "area_code", "value": "value",
                "numerator": "numerator", "denominator": "denominator", "value_note": "note"}
ISO_MONTH = re.compile(r"^\s*(?P<year>\d{4})-(?P<month>\d{2})\s*$")
# SDMX-CSV's columns (SDMX 2.1 and 3.0 CSV): the area, the period and the value.
SDMX_COLUMNS = {"REF_AREA", "TIME_PERIOD", "OBS_VALUE"}
# SDMX's observation status (code list CL_OBS_STATUS) and confidentiality
# (CL_CONF_STATUS) for an absent value, as the marker the import knows.
SDMX_CONFIDENTIAL = {"C", "D", "S"}
NAMED_ROLES = {"period": {"period", "time period", "date"}, "value": {"value", "obs value"},
               "area_code": {"area code", "ons code", "geography code"}, "area_name": {"area", "area name"}}


class PushRefused(Exception):
    """Nothing was written: `errors` says why, each naming its row and field."""

    def __init__(self, errors):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


@dataclass
class Pushed:
    batch: ImportBatch
    added: int
    changed: int
    unchanged: int


def iso_month(text):
    """ISO 8601's month (2000-01) as the import's reader takes only a month to be
    ("Jan 2000"): in a file "2000-01" could be the financial year 2000/01, but
    JSON and SDMX write a month so and a financial year otherwise."""
    found = ISO_MONTH.match(text)
    if found and 1 <= int(found["month"]) <= 12:
        return f"{MONTH_NAMES[int(found['month']) - 1][:3]} {found['year']}"
    return text


def table_of_records(records):
    """Tidy JSON rows (dicts of RECORD_FIELDS plus `marker`) as a table, row i
    numbered i (as the client counts its array), with the mapping to read it by.
    An absent value is written as its marker, which the import reads as
    suppressed or missing. Columns no row fills are left out, so that a
    million rows of values alone are not read three times over."""
    records = list(records)
    used = [name for name in RECORD_FIELDS
            if name in ("area_code", "area", "period", "value") or any(r.get(name) is not None for r in records)]
    rows = []
    for number, found in enumerate(records):
        value = found.get("value")
        cells = {name: "" if found.get(name) is None else str(found[name]) for name in used}
        if value is None:
            cells["value"] = str(found.get("marker") or "")
        elif isinstance(value, Decimal):
            cells["value"] = format(value, "f")
        cells["period"] = iso_month(cells["period"])
        rows.append(TableRow(number, [cells[name] for name in used]))
    mapping = ColumnMapping(**{role: header if header in used else None for role, header in RECORD_ROLES.items()})
    return Table(headers=used, rows=rows, file_format="json", header_row=-1), mapping


def csv_and_mapping(content):
    """A long CSV (as the import reads it) or an SDMX-CSV, with the mapping to read it by.
    Raises PushRefused if it cannot be read or its columns cannot be told."""
    try:
        table = read_table(content, "measurements.csv")
    except FileReadError as error:
        raise PushRefused([error.message]) from None
    if SDMX_COLUMNS <= set(table.headers):
        return sdmx_table(table), ColumnMapping(period="TIME_PERIOD", area_code="REF_AREA", value="OBS_VALUE")
    mapping = propose_mapping(table)
    _named_columns(mapping, table.headers)
    if mapping.layout != Layout.LONG:
        raise PushRefused(["Send the values in long form: one row per area and period, with a period "
                           "column and a value column (or SDMX-CSV). Files with a column per period or per "
                           "area are imported on the indicator's Import page."])
    problems = mapping_problems(mapping, table.headers)
    if problems:
        raise PushRefused([*problems, "Name the columns Period, Area code (or Area) and Value."])
    return table, mapping


def _named_columns(mapping, headers):
    """A column named for its role is that role even where the guess, which
    also looks at the cells, left it out (a value column with a bad cell in a
    short file): a push has no step where the column is chosen by hand."""
    taken = set(mapping.roles().values())
    for role, names in NAMED_ROLES.items():
        if getattr(mapping, role) is None:
            found = [h for h in headers if h not in taken and normal_header(h) in names]
            if found:
                setattr(mapping, role, found[0])
                taken.add(found[0])


def sdmx_table(table):
    """An SDMX-CSV table with each absent OBS_VALUE written as the import's marker
    for what its OBS_STATUS or CONF_STATUS says (confidential: "c"; missing: "..")."""
    headers = table.headers
    value = headers.index("OBS_VALUE")
    flags = [headers.index(name) for name in ("CONF_STATUS", "OBS_CONF", "OBS_STATUS") if name in headers]
    period = headers.index("TIME_PERIOD")
    for row in table.rows:
        row.cells[period] = iso_month(row.cells[period])
        if row.cells[value].strip() in ("", "NaN"):
            codes = {row.cells[i].strip().upper() for i in flags}
            row.cells[value] = "c" if codes & SDMX_CONFIDENTIAL else ".."
    return table


def read(indicator, table, mapping):
    """The rows to write and the workspace's area id for each, or PushRefused
    with every error (the import's messages) naming row and column."""
    rows, errors = apply_mapping(table, mapping)
    _check_frequency(indicator, rows, mapping, errors)
    areas = _area_ids(indicator, rows, mapping, errors) if rows and not errors else {}
    if errors:
        raise PushRefused(list(errors) + ([f"And {errors.not_shown:,} more."] if errors.not_shown else []))
    if not rows:
        raise PushRefused(["There are no values to write."])
    return Read(rows, areas)


@dataclass
class Read:
    rows: list
    # The workspace's area id for each area key of the rows.
    areas: dict


def _area_ids(indicator, rows, mapping, errors):
    first_row = {}
    for row in rows:
        first_row.setdefault(area_key(row.area_code, row.area_name), row.row)
    areas = {}
    for choice in _area_choices(indicator.partnership.workspace, rows, None):
        if choice.existing is None:
            errors.add(first_row[choice.key], mapping.area_code if choice.code else mapping.area_name,
                       f"{choice.label} is not one of this workspace's areas. Add it on the Areas page "
                       "(or import a file with it) first, or give the code or name of an area it has.")
        else:
            areas[choice.key] = choice.existing.pk
    return areas


def _existing(indicator, rows):
    """The stored measurements these rows could replace, by (area id, start, end):
    only those of the rows' periods, so a push of one month reads one month."""
    starts = sorted({row.period.start for row in rows})
    found = Measurement.objects.filter(indicator=indicator, period_start__in=starts).values_list(
        "area_id", "period_start", "period_end", "pk", "value", "numerator", "denominator", "status",
        "marker", "note",
    )
    return {(area, start, end): Existing(*rest) for area, start, end, *rest in found.iterator(chunk_size=20_000)}


def push(indicator, user, found, source):
    """Add the new values and revise the changed ones (keeping their revisions,
    as an import does), all or nothing, recorded as one import batch named
    `source` and in the audit log as an import by `user`."""
    workspace = indicator.partnership.workspace
    now = timezone.now()
    try:
        with transaction.atomic():
            # One write into an indicator at a time, imports included.
            Indicator.objects.select_for_update().filter(pk=indicator.pk).first()
            batch = ImportBatch.objects.create(
                workspace=workspace, indicator=indicator, uploaded_by=user, confirmed_by=user, confirmed_at=now,
                status=ImportStatus.RUNNING, token=secrets.token_urlsafe(32), file_name=source[:255],
                layout_signature="api", started_at=now,
            )
            rows, areas = found.rows, found.areas
            existing = _existing(indicator, rows)
            writer = MeasurementWriter(batch, now)
            counts = Counter()
            for _ in write_in_chunks(writer, rows, areas, existing, counts):
                pass
            writer.close()
            finished = timezone.now()
            ImportBatch.objects.filter(pk=batch.pk).update(
                status=ImportStatus.COMMITTED, committed_at=finished, finished_at=finished, total=len(rows),
                added=counts["added"], changed=counts["changed"], unchanged=counts["unchanged"],
            )
            record(workspace, user, "import", "imported measurements", indicator, changes=(
                f"{source}: {counts['added']} added, {counts['changed']} changed, {counts['unchanged']} unchanged"))
    except IntegrityError:
        raise PushRefused([
            "Two rows give a value for the same area and period (for example one names the area by its "
            "code and the other by its name). Nothing was written. Remove one of them and send it again."
        ]) from None
    return Pushed(batch, counts["added"], counts["changed"], counts["unchanged"])

