"""Importing an indicator file into measurements, in three steps that views
and tests call alike: `stage_upload` keeps the file (nothing is written to
measurements), `preview` reads it under the chosen mapping and says what
would change, and `commit` writes it all in one transaction or nothing.

The uploaded bytes wait under MEDIA_ROOT/imports/<workspace id>/<token> while
the import is pending, and are deleted once it is committed."""

import logging
import secrets
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from joinedup.workspaces.access import for_workspace

from .import_writing import MeasurementWriter, Progress
from .mapping import ColumnMapping, MappingErrors, apply_mapping, layout_signature, propose_mapping
from .models import Area, ImportBatch, ImportStatus, Indicator, Measurement, SavedMapping
from .reading import FileReadError, read_table

logger = logging.getLogger(__name__)

PLACES = Decimal("0.000001")
AREA_ROLES = ("own", "comparator", "skip")
FREQUENCY_WORDS = {
    "day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly",
    "year": "calendar-year", "financial_year": "financial-year",
}


class ImportRefused(Exception):
    """The import cannot be committed; `errors` says why, row by row."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


# Rows checked against the stored values and written per round; progress is reported after each.
CHUNK_ROWS = 20_000


def max_upload_bytes():
    return settings.INDICATOR_IMPORT_MAX_BYTES


def read_limits():
    """The limits every file is read under (settings; docs/configuration.md)."""
    return {
        "max_bytes": settings.INDICATOR_IMPORT_MAX_BYTES,
        "max_rows": settings.INDICATOR_IMPORT_MAX_ROWS,
        "max_columns": settings.INDICATOR_IMPORT_MAX_COLUMNS,
        "max_cells": settings.INDICATOR_IMPORT_MAX_CELLS,
        "max_unpacked_bytes": settings.INDICATOR_IMPORT_MAX_UNPACKED_BYTES,
    }


def stored_path(batch):
    return Path(settings.MEDIA_ROOT) / "imports" / str(batch.workspace_id) / batch.token


def progress_path(batch):
    return stored_path(batch).with_name(f"{batch.token}.progress")


def load_table(batch):
    """The pending file read again into a table (FileReadError if it has gone)."""
    path = stored_path(batch)
    if not path.exists():
        raise FileReadError("empty", "The uploaded file is no longer kept. Upload it again.")
    return read_table(path.read_bytes(), batch.file_name, **read_limits())


def initial_mapping(workspace, table):
    """The mapping remembered for this layout, else joinedup's proposal; and whether remembered."""
    saved = for_workspace(SavedMapping, workspace).filter(
        layout_signature=layout_signature(table.headers)
    ).first()
    if saved is not None:
        return ColumnMapping.from_dict(saved.mapping), True
    return propose_mapping(table), False


def stage_upload(indicator, user, file_name, content):
    """Keep an uploaded file for the mapping step as a pending `ImportBatch`.

    Raises FileReadError if it cannot be read as a table."""
    workspace = indicator.partnership.workspace
    table = read_table(content, file_name, **read_limits())
    mapping, _ = initial_mapping(workspace, table)
    batch = ImportBatch(
        workspace=workspace, indicator=indicator, uploaded_by=user,
        token=secrets.token_urlsafe(24), file_name=Path(file_name).name[:255],
        file_size=len(content), encoding=table.encoding or "",
        layout_signature=layout_signature(table.headers), mapping=mapping.to_dict(),
    )
    path = stored_path(batch)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    batch.save()
    return batch


def area_key(code, name):
    return code.upper() if code else name.casefold()


@dataclass
class AreaChoice:
    """An area found in the file, the area it matches (if any) and its proposed role."""

    key: str
    code: str
    name: str
    existing: Area | None
    role: str
    rows: int = 0

    @property
    def label(self):
        if not (self.code or self.name):
            return "The file's one area"
        return f"{self.name} ({self.code})" if self.name and self.code else self.name or self.code


@dataclass
class Preview:
    """What an import would do: the rows read, every error, the areas and the counts."""

    rows: list
    errors: MappingErrors
    areas: list[AreaChoice]
    series: list[str]
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    area_errors: int = 0

    @property
    def can_commit(self):
        return not self.errors and bool(self.rows)

    @property
    def can_choose_areas(self):
        """Whether the only problems (if any) are with the choice of areas."""
        return bool(self.areas) and self.errors.total == self.area_errors


def _match_area(areas, code, name):
    if code:
        for area in areas:
            if area.ons_code.upper() == code:
                return area
    if name:
        for area in areas:
            if area.name.casefold() == name.casefold():
                return area
    return None


def _area_choices(workspace, rows, roles):
    """One choice per area in the file: matched to a known area by ONS code or
    name, proposed as own area or comparator as that area is; a new area is a
    comparator unless it is the only one and the workspace has no own area."""
    areas = list(for_workspace(Area, workspace).live())
    own = next((a for a in areas if a.is_own_area), None)
    choices = {}
    for row in rows:
        key = area_key(row.area_code, row.area_name)
        if key not in choices:
            if row.area_code or row.area_name:
                existing = _match_area(areas, row.area_code, row.area_name)
            else:
                existing = own
            role = "own" if (existing is None and key == "") or (existing and existing.is_own_area) else "comparator"
            choices[key] = AreaChoice(key, row.area_code, row.area_name, existing, role)
        choices[key].rows += 1
    if own is None and len(choices) == 1:
        next(iter(choices.values())).role = "own"
    for key, role in (roles or {}).items():
        if key in choices and role in AREA_ROLES:
            choices[key].role = role
    return list(choices.values())


def _check_areas(choices, workspace, errors):
    own = [c for c in choices if c.role == "own"]
    if len(own) > 1:
        errors.add(None, None, "Only one area can be your own area: "
                   f"{', '.join(c.label for c in own)} are all marked as your own. Mark the others as comparators.")
    current = for_workspace(Area, workspace).live().filter(is_own_area=True).first()
    if own and current and own[0].existing != current:
        errors.add(None, None, f"{current.name} is already your own area, so {own[0].label} cannot be too. "
                   "Mark it as a comparator, or change your own area on the Areas page first.")
    if choices and all(c.role == "skip" for c in choices):
        errors.add(None, None, "Every area is set to 'Do not import'. Choose at least one area to import.")


def _check_frequency(indicator, rows, mapping, errors):
    reported = set()
    for row in rows:
        if row.period.frequency != indicator.frequency and row.period.label not in reported:
            reported.add(row.period.label)
            errors.add(
                row.row, mapping.period or None,
                f"'{row.period.label}' is a {FREQUENCY_WORDS[row.period.frequency]} period, but "
                f"{indicator.name} is {FREQUENCY_WORDS[indicator.frequency]}. Import the file into an "
                "indicator with that frequency, or change this indicator's frequency.",
            )


def _q(value):
    return None if value is None else Decimal(value).quantize(PLACES)


def _same(old, row):
    """Whether a stored measurement (an `Existing`) already holds the row's values."""
    return (
        old.status == row.status
        and _q(old.value) == _q(row.value)
        and _q(old.numerator) == _q(row.numerator)
        and _q(old.denominator) == _q(row.denominator)
    )


class Existing(NamedTuple):
    """A stored measurement, as much of it as an import compares and revises."""

    pk: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    status: str


def _existing(indicator):
    """The indicator's stored measurements by (area id, period start, period end).

    Plain tuples, not model instances: a series of a million values is then
    a few hundred megabytes, not several gigabytes."""
    found = Measurement.objects.filter(indicator=indicator).values_list(
        "area_id", "period_start", "period_end", "pk", "value", "numerator", "denominator", "status"
    )
    return {(area, start, end): Existing(*rest) for area, start, end, *rest in found.iterator(chunk_size=20_000)}


def series_names(rows):
    return sorted({row.indicator for row in rows if row.indicator}, key=str.casefold)


def series_in(batch, table=None):
    """The names of the series the pending file holds under its mapping."""
    table = table or load_table(batch)
    rows, _ = apply_mapping(table, ColumnMapping.from_dict(batch.mapping))
    return series_names(rows)


def read_rows(batch, area_roles=None, table=None):
    """Read the pending file under the batch's mapping: the rows to import, every error and the areas.

    The counts of what would change are left at 0 (see `preview`)."""
    table = table or load_table(batch)
    mapping = ColumnMapping.from_dict(batch.mapping)
    rows, errors = apply_mapping(table, mapping)
    names = series_names(rows)
    if mapping.indicator and len(names) > 1:
        if batch.series not in names:
            errors.add(None, mapping.indicator, "The file holds several series. Choose the one to import.")
            return Preview([], errors, [], names, notes=table.notes)
        rows = [row for row in rows if row.indicator == batch.series]
    _check_frequency(batch.indicator, rows, mapping, errors)
    areas = _area_choices(batch.workspace, rows, area_roles)
    before = errors.total
    _check_areas(areas, batch.workspace, errors)
    return Preview(rows, errors, areas, names, notes=table.notes, area_errors=errors.total - before)


def preview(batch, area_roles=None, table=None):
    """Read the pending file under the batch's mapping: rows, errors, areas and counts."""
    result = read_rows(batch, area_roles, table)
    roles = {choice.key: choice for choice in result.areas}
    existing = _existing(batch.indicator)
    for row in result.rows:
        choice = roles[area_key(row.area_code, row.area_name)]
        if choice.role == "skip":
            continue
        found = existing.get((choice.existing.pk if choice.existing else None, row.period.start, row.period.end))
        if found is None:
            result.added += 1
        elif _same(found, row):
            result.unchanged += 1
        else:
            result.changed += 1
    return result


def area_problems(workspace, choices, roles):
    """What is wrong with the roles chosen for the file's areas (cheap: no file is read)."""
    errors = MappingErrors()
    chosen = [replace(choice, role=roles.get(choice.key, choice.role)) for choice in choices]
    _check_areas(chosen, workspace, errors)
    return [str(error) for error in errors]


def _area_for(choice, workspace):
    area = choice.existing
    own = choice.role == "own"
    if area is None:
        name = choice.name or choice.code or workspace.name
        area = Area.objects.filter(workspace=workspace, name__iexact=name).first() or Area(
            workspace=workspace, name=name
        )
        area.ons_code = area.ons_code or choice.code
    if area.pk is None or area.is_own_area != own:
        area.is_own_area = own
        area.save()
    return area


def queue(batch, user, area_roles=None):
    """Mark a pending import confirmed, for the background task; True if this call did it.

    The update is conditional on the import still being pending, so of two
    people confirming at once exactly one changes the row (the database
    serialises the two updates) and the other is told it is already under way."""
    now = timezone.now()
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PENDING).update(
        status=ImportStatus.QUEUED, confirmed_by=user, confirmed_at=now, area_roles=area_roles or {},
    )
    batch.refresh_from_db()
    return claimed == 1


def commit(batch, user, area_roles=None):
    """Write the whole file now, or nothing: raises ImportRefused if any row has an error.

    The web pages queue the import (`import_tasks.confirm`) and the
    background task calls `run`; this does both in the caller's process, for
    tests, the demo and scripts. A refused file leaves the import pending, so
    the choices can be changed and it confirmed again."""
    if batch.status != ImportStatus.PENDING:
        raise ImportRefused(["This import has already been completed."])
    found = read_rows(batch, area_roles)
    if not found.can_commit:
        raise ImportRefused(list(found.errors) or ["The file has no rows to import."])
    del found
    if not queue(batch, user, area_roles):
        raise ImportRefused(["This import has already been confirmed."])
    run(batch.pk)
    batch.refresh_from_db()
    if batch.status != ImportStatus.COMMITTED:
        raise ImportRefused(batch.errors)
    return batch


def run(batch_id):
    """The background task's work: read the confirmed file, check it, and
    write it all in one transaction or nothing, recording the outcome on the
    batch (committed with its counts, or failed with the reasons).

    Runs once per confirmation: the queued → running update is conditional,
    so a task delivered twice finds nothing to do. The stored file is
    deleted at the end either way; a failed import is uploaded again."""
    started = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=timezone.now(),
    )
    if not started:
        return
    batch = ImportBatch.objects.select_related("indicator", "workspace", "confirmed_by").get(pk=batch_id)
    progress = Progress(progress_path(batch))
    try:
        found = read_rows(batch, batch.area_roles)
        if not found.can_commit:
            _finish_failed(batch, _messages(found.errors) or ["The file has no rows to import."])
            return
        total = sum(choice.rows for choice in found.areas if choice.role != "skip")
        ImportBatch.objects.filter(pk=batch_id).update(total=total)
        progress.update(0, total)
        counts = _write_all(batch, found, progress)
    except FileReadError as error:
        _finish_failed(batch, [error.message])
    except IntegrityError:
        logger.warning("Import %s: refused by a database constraint", batch_id, exc_info=True)
        _finish_failed(batch, [
            "Two rows of the file give a value for the same area and period (for example one names the "
            "area by its code and the other by its name). Nothing was imported. Remove one of them and "
            "upload the file again."
        ])
    except Exception:
        logger.exception("Import %s failed", batch_id)
        _finish_failed(batch, [
            "Something went wrong while importing, so nothing was imported. Upload the file again; "
            "if it happens again, tell the person who runs joinedup for you."
        ])
    else:
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportStatus.COMMITTED, committed_at=timezone.now(), finished_at=timezone.now(), **counts,
        )
    finally:
        stored_path(batch).unlink(missing_ok=True)
        progress.remove()


def _messages(errors):
    messages = [str(error) for error in errors]
    if errors.not_shown:
        messages.append(f"And {errors.not_shown:,} more.")
    return messages


def _finish_failed(batch, messages):
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.FAILED, errors=messages, finished_at=timezone.now(),
    )


def _write_all(batch, found, progress):
    """Write every row in one transaction: new values in bulk (COPY on PostgreSQL),
    changed ones revised in bulk, progress reported every chunk."""
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    now = timezone.now()
    with transaction.atomic():
        # One import into an indicator at a time: a second waits here, then
        # sees the first one's values as existing.
        Indicator.objects.select_for_update().filter(pk=batch.indicator_id).first()
        workspace = batch.workspace
        areas = {c.key: _area_for(c, workspace).pk for c in found.areas if c.role != "skip"}
        existing = _existing(batch.indicator)
        writer = MeasurementWriter(batch, now)
        done = 0
        rows = found.rows
        found.rows = []  # the rows go as they are written
        for start in range(0, len(rows), CHUNK_ROWS):
            added, changed = [], []
            for row in rows[start:start + CHUNK_ROWS]:
                area = areas.get(area_key(row.area_code, row.area_name))
                if area is None:
                    continue
                old = existing.get((area, row.period.start, row.period.end))
                if old is None:
                    added.append((area, row))
                elif _same(old, row):
                    counts["unchanged"] += 1
                else:
                    changed.append((old, row))
            writer.add(added)
            writer.revise(changed)
            counts["added"] += len(added)
            counts["changed"] += len(changed)
            done += len(added) + len(changed)
            progress.update(done + counts["unchanged"])
        writer.close()
        SavedMapping.objects.update_or_create(
            workspace=workspace, layout_signature=batch.layout_signature,
            defaults={"mapping": batch.mapping},
        )
    return counts
