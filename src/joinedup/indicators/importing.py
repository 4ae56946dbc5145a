"""Importing an indicator file into measurements, in three steps that views
and tests call alike: `stage_upload` keeps the file (nothing is written to
measurements), `preview` reads it under the chosen mapping and says what
would change, and `commit` writes it all in one transaction or nothing.

The uploaded bytes wait under MEDIA_ROOT/imports/<workspace id>/<token> while
the import is pending, and are deleted once it is committed."""

import hashlib
import json
import logging
import secrets
from collections import Counter
from dataclasses import dataclass, field
from decimal import Context, Decimal
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext

from joinedup.audit.record import record
from joinedup.workspaces.access import for_workspace

from . import kept_tables
from .areas import AreaResolution, RegisteredArea, normal_name, resolve_areas
from .import_writing import MeasurementWriter, Progress
from .mapping import (
    ColumnMapping,
    MappingErrors,
    Percentages,
    Status,
    apply_mapping,
    breakdown_values,
    chosen_rows,
    layout_signature,
    propose_mapping,
)
from .models import (
    Area,
    ImportBatch,
    ImportStatus,
    Indicator,
    Measurement,
    SavedMapping,
    Unit,
)
from .reading import FileReadError, TablePosition, raw_table, read_table, table_from_grid

logger = logging.getLogger(__name__)

# Values are compared as stored: to 16 decimal places (see Measurement.value).
PLACES = Decimal("1e-16")
WIDE = Context(prec=40)
AREA_ROLES = ("own", "comparator", "skip")
# In the area roles, "match:<area key>" maps to the pk of one of the workspace's
# areas the user says an unknown area is (kept in the same dict as the roles so
# that everything that passes the roles along passes the matches too).
MATCH_PREFIX = "match:"
# Kept among an import's area roles when the user widens its comparators to every
# nation (a key no area has: area keys have no colon-prefixed words of ours).
ALL_NATIONS = "nations:all"
# The register's nation names (areas.RegisteredArea.nation) as workspace nation codes.
REGISTER_NATIONS = {"England": "england", "Scotland": "scotland", "Wales": "wales",
                    "Northern Ireland": "northern_ireland"}
FREQUENCY_WORDS = {
    "day": gettext_lazy("daily"), "week": gettext_lazy("weekly"), "month": gettext_lazy("monthly"),
    "quarter": gettext_lazy("quarterly"), "year": gettext_lazy("calendar-year"),
    "financial_year": gettext_lazy("financial-year"), "academic_year": gettext_lazy("academic-year"),
    "several_years": gettext_lazy("several-year (for example 3-year aggregate)"),
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


def table_position(batch):
    """Where the table is, as chosen for (or remembered with) this import."""
    return TablePosition.from_dict((batch.mapping or {}).get("table"))


def load_table(batch, position=None, with_grid=False):
    """The pending file's table (FileReadError if the file has gone), at the chosen sheet
    and rows; `position` finds it elsewhere (the table step's choices). Read from the file
    once: what it was read into is kept beside it (kept_tables) and read from there after.
    `with_grid` also gives the sheet's raw cells, which the table step shows."""
    path = stored_path(batch)
    if not path.exists():
        raise FileReadError("empty", gettext("The uploaded file is no longer kept. Upload it again."))
    asked = position or table_position(batch)
    kept = None if with_grid else kept_tables.kept_table(path, asked)
    if kept is not None:
        return kept
    grid = kept_tables.kept_grid(path, asked.sheet)
    if grid is not None:
        table = table_from_grid(grid.grid, TablePosition(**asked.to_dict()), "xlsx", sheet_names=grid.sheet_names)
        table.sheet, table.sheets = grid.sheet, grid.sheets
    else:
        table = read_table(path.read_bytes(), batch.file_name, **read_limits(),
                           position=TablePosition(**asked.to_dict()))
    kept_tables.keep_table(path, table, asked)
    return table


def grid_only(batch, sheet):
    """The file (or sheet) as its raw cells, for showing when no table is found in it."""
    path = stored_path(batch)
    if not path.exists():
        raise FileReadError("empty", gettext("The uploaded file is no longer kept. Upload it again."))
    kept = kept_tables.kept_grid(path, sheet)
    if kept is not None:
        return kept
    limits = read_limits()
    del limits["max_bytes"]  # the file was accepted at upload
    table = raw_table(path.read_bytes(), batch.file_name, sheet, **limits)
    if table.file_format == "xlsx":
        kept_tables.keep_grid(path, table)
    return table


def forget_upload(batch):
    """Delete the uploaded file and everything read from it."""
    path = stored_path(batch)
    path.unlink(missing_ok=True)
    kept_tables.remove(path)


def choose_table(batch, table):
    """Keep where the table is; when its columns changed, guess their mapping afresh."""
    mapping = batch.mapping or {}
    before = ColumnMapping.from_dict(mapping)
    if not set(before.roles().values()) <= set(table.headers) or not before.roles():
        mapping = propose_mapping(table).to_dict()
    batch.mapping = {**mapping, "table": table.position.to_dict(), "remembered": False}
    batch.save(update_fields=["mapping"])


def saved_layout(workspace, signature):
    return for_workspace(SavedMapping, workspace).filter(layout_signature=signature).first()


def initial_mapping(workspace, table):
    """The mapping remembered for this layout, else joinedup's proposal; and whether remembered."""
    saved = saved_layout(workspace, layout_signature(table.headers, table.sheet_names))
    if saved is not None:
        return ColumnMapping.from_dict(saved.mapping), True
    return propose_mapping(table), False


WORKBOOK_WEIGHT = 4
# batch.mapping["reading"] while an upload waits to be read in the background, then is read.
READ_QUEUED, READ_RUNNING, READ_CHECKING = "queued", "running", "checking"


def reads_in_background(file_name, size):
    """Whether an upload is big enough to be read by a background task rather than in the
    web request: over INDICATOR_IMPORT_INLINE_READ_BYTES (2 MB), a workbook counting
    four times its size (its cells are compressed, and read several times slower)."""
    weight = WORKBOOK_WEIGHT if file_name.lower().endswith((".xlsx", ".xlsm")) else 1
    return size * weight > settings.INDICATOR_IMPORT_INLINE_READ_BYTES


def keep_upload(indicator, user, file_name, content):
    """Keep an uploaded file, unread, as a pending import waiting for `read_kept_upload`
    (the background task). `batch.mapping["reading"]` says how far that has got."""
    batch = ImportBatch(
        workspace=indicator.partnership.workspace, indicator=indicator, uploaded_by=user,
        token=secrets.token_urlsafe(24), file_name=Path(file_name).name[:255],
        file_size=len(content), layout_signature="", mapping={"reading": READ_QUEUED},
    )
    path = stored_path(batch)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    batch.save()
    return batch


def reading_state(batch):
    """How far the background read of an upload has got: queued, running, checking; "" when read."""
    return str((batch.mapping or {}).get("reading") or "")


def read_error(batch):
    """Why an upload read in the background could not be read, or ""."""
    return str((batch.mapping or {}).get("read_error") or "")


def read_kept_upload(batch_id):
    """The background task's work for a big upload: read it as `stage_upload` does in the
    request, and for a layout imported before check its rows too (the check page's first
    showing then reads what this kept). A file that cannot be read is deleted and the
    import keeps the reason (`read_error`), shown on its progress page."""
    started = ImportBatch.objects.filter(
        pk=batch_id, status=ImportStatus.PENDING, mapping__reading=READ_QUEUED,
    ).update(mapping={"reading": READ_RUNNING})
    if not started:
        return
    batch = ImportBatch.objects.select_related("indicator__partnership__workspace").get(pk=batch_id)
    path = stored_path(batch)
    try:
        _read_upload(batch, path.read_bytes())
        if batch.mapping.get("remembered"):
            ImportBatch.objects.filter(pk=batch_id).update(mapping={**batch.mapping, "reading": READ_CHECKING})
            try:
                check(batch)
            except FileReadError:
                pass  # the remembered table is not in this file: the check page says so
    except FileReadError as error:
        forget_upload(batch)
        ImportBatch.objects.filter(pk=batch_id).update(mapping={"read_error": error.message})
        return
    except Exception:
        logger.exception("Reading upload %s failed", batch_id)
        forget_upload(batch)
        ImportBatch.objects.filter(pk=batch_id).update(mapping={"read_error": gettext(
            "Something went wrong while reading the file. Upload it again; if it happens again, "
            "tell the person who runs joinedup for you.")})
        return
    # Saved last, without "reading": the pages wait for this.
    batch.mapping["read_in_background"] = True
    batch.save(update_fields=["mapping", "layout_signature", "encoding", "series"])


def stage_upload(indicator, user, file_name, content):
    """Keep an uploaded file for the mapping step as a pending `ImportBatch`.

    The file is read as joinedup guesses (sheet, table position); that
    reading's layout signature finds a layout imported before, whose sheet,
    table position, mapping, filters and series are then taken as they were
    (`batch.mapping["remembered"]` is True). Raises FileReadError if the file
    cannot be read at all."""
    batch = ImportBatch(
        workspace=indicator.partnership.workspace, indicator=indicator, uploaded_by=user,
        token=secrets.token_urlsafe(24), file_name=Path(file_name).name[:255], file_size=len(content),
    )
    _read_upload(batch, content, write=True)
    batch.save()
    return batch


def _read_upload(batch, content, write=False):
    """Read an upload (kept at `stored_path(batch)`, or written there when `write`) and set
    the batch's layout signature, encoding and mapping (remembered or proposed); what was
    read is kept beside the file. Raises FileReadError before writing anything."""
    workspace, file_name = batch.workspace, batch.file_name
    content_table = None
    try:
        content_table = read_table(content, file_name, **read_limits())
    except FileReadError as error:
        # A workbook whose table is not where joinedup looks: the user shows it on the table step.
        if error.code not in {"no_header", "no_rows"} or not content.startswith(b"PK"):
            raise
    headers = content_table.headers if content_table else []
    sheets = content_table.sheet_names if content_table else []
    signature = layout_signature(headers, sheets)
    saved = saved_layout(workspace, signature) if content_table else None
    if saved is not None:
        stored = {key: value for key, value in saved.mapping.items() if key not in {"read_in_background", "reading"}}
        stored["table"] = {**TablePosition.from_dict(stored.get("table")).to_dict(), "last_row": None}
        stored["remembered"] = True
    else:
        stored = propose_mapping(content_table).to_dict() if content_table else ColumnMapping().to_dict()
        if content_table is not None:
            stored["table"] = content_table.position.to_dict()
    batch.encoding = (content_table.encoding if content_table else "") or ""
    batch.layout_signature, batch.mapping, batch.series = signature, stored, str(stored.get("series") or "")
    path = stored_path(batch)
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    if content_table is not None:
        # Read once, here: the later steps read what it was read into.
        kept_tables.keep_table(path, content_table, TablePosition())
        wanted = TablePosition.from_dict(stored.get("table"))
        if saved is not None and wanted.sheet == content_table.sheet and content_table.grid is not None:
            # A layout imported before: its table is found now, in the cells already read.
            try:
                found = table_from_grid(content_table.grid, TablePosition(**wanted.to_dict()),
                                        content_table.file_format, sheet_names=content_table.sheet_names)
            except FileReadError:
                pass  # the check page says what is wrong, reading it again
            else:
                found.sheet, found.sheets = content_table.sheet, content_table.sheets
                found.encoding, found.delimiter = content_table.encoding, content_table.delimiter
                kept_tables.keep_table(path, found, wanted)


def area_key(code, name):
    return code.upper() if code else name.casefold()


@dataclass
class AreaChoice:
    """An area found in the file, the area it matches (if any) and its proposed role.

    `registered` is the area of the register of UK areas it is (None if
    unknown): it supplies the code of a file that gives only names and the
    name of a file that gives only codes."""

    key: str
    code: str
    name: str
    existing: Area | None
    role: str
    rows: int = 0
    registered: RegisteredArea | None = None
    matched_by_user: bool = False
    other_nation: bool = False  # a new area outside the workspace's nations: not imported unless widened

    @property
    def label(self):
        if not (self.code or self.name):
            return gettext("The file's one area")
        return f"{self.name} ({self.code})" if self.name and self.code else self.name or self.code

    @property
    def unknown(self):
        """In the file with a code or name, but neither in the register nor among the workspace's areas."""
        return bool(self.code or self.name) and self.registered is None and self.existing is None

    @property
    def new_name(self):
        """The name a new area gets: the file's, else the register's (a file of codes), else the code."""
        if self.name:
            return self.name
        return self.registered.name if self.registered is not None else self.code

    @property
    def new_code(self):
        """The code a new area gets: an ONS code from the file or the register, else an NHS code."""
        return AreaResolution(self.code, self.name, self.registered).full_code[:9]


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
    def unknown_areas(self):
        """The file's areas that neither the register nor the workspace knows: for the user to match."""
        return [choice for choice in self.areas if choice.unknown]

    @property
    def can_choose_areas(self):
        """Whether the only problems (if any) are with the choice of areas."""
        return bool(self.areas) and self.errors.total == self.area_errors

    @property
    def other_nation_areas(self):
        """New areas outside the workspace's nations, proposed as not imported."""
        return [choice for choice in self.areas if choice.other_nation]


class AreaIndex:
    """The workspace's areas by upper-cased code and by normal name, the first of each kept (as
    the areas are ordered), so that a file of thousands of areas is matched without comparing
    each with every area of the workspace."""

    def __init__(self, areas):
        self.by_code, self.by_name = {}, {}
        for area in areas:
            if area.ons_code:
                self.by_code.setdefault(area.ons_code.upper(), area)
            self.by_name.setdefault(normal_name(area.name), area)


def _match_area(index, code, name, registered=None):
    """The workspace's own area for a file's area: by the file's code, then by
    any code of its register entry, then by name (the file's, then any of the
    register's spellings)."""
    codes = [code] if code else []
    if registered is not None:
        codes += [c for c in registered.codes if c not in codes]
    for wanted in codes:
        if wanted.upper() in index.by_code:
            return index.by_code[wanted.upper()]
    names = [name] if name else []
    if registered is not None:
        names += registered.names
    for wanted in names:
        if normal_name(wanted) in index.by_name:
            return index.by_name[normal_name(wanted)]
    return None


def _area_choices(workspace, rows, roles):
    """The areas of the file's rows (see `_choices_of_areas`)."""
    return _choices_of_areas(workspace, _areas_of(rows), roles)


def _areas_of(rows):
    """The file's areas in the order first met: (code, name, rows) of each area key,
    as its first row writes it."""
    counted = {}
    for row in rows:
        key = area_key(row.area_code, row.area_name)
        if key not in counted:
            counted[key] = [row.area_code, row.area_name, 0]
        counted[key][2] += 1
    return [tuple(area) for area in counted.values()]


def _periods_of(rows):
    """The periods each of the file's areas (by key) gives values for."""
    periods = {}
    for row in rows:
        periods.setdefault(area_key(row.area_code, row.area_name), set()).add(
            (row.period.start.isoformat(), row.period.end.isoformat()))
    return periods


def _choices_of_areas(workspace, counted, roles):
    """One choice per area in the file (`counted`: code, name and number of rows of
    each): found in the register of UK areas, matched to one of the workspace's areas
    by code or name (or as the user matched it), proposed as own area or comparator as
    that area is; a new area is a comparator unless it is the only one and the workspace
    has no own area. A new area the register places outside the workspace's nations is
    proposed as not imported (comparators like a Scottish council area are other Scottish
    council areas), unless the user has widened the import to every nation."""
    areas = list(for_workspace(Area, workspace).live())
    nations = set(workspace.nation_list)
    own = next((a for a in areas if a.is_own_area), None)
    roles = roles or {}
    found = resolve_areas((code, name) for code, name, _ in counted)
    index = AreaIndex(areas)
    by_pk = {str(area.pk): area for area in areas}
    choices = {}
    for code, name, rows in counted:
        key = area_key(code, name)
        registered = found[(code, name)].entry
        existing = _match_area(index, code, name, registered) if code or name else own
        choice = AreaChoice(key, code, name, existing, "comparator", rows=rows, registered=registered)
        matched = roles.get(MATCH_PREFIX + key)
        if matched:
            choice.existing = by_pk.get(str(matched), choice.existing)
            choice.matched_by_user = choice.existing is not None
        existing = choice.existing
        choice.role = "own" if (existing is None and key == "") or (existing and existing.is_own_area) else "comparator"
        choices[key] = choice
    _leave_out_other_nations(choices.values(), nations, roles)
    if own is None and len(choices) == 1:
        next(iter(choices.values())).role = "own"
    for key, role in roles.items():
        if key in choices and role in AREA_ROLES:
            choices[key].role = role
    return list(choices.values())


def _in_nations(registered, nations):
    return REGISTER_NATIONS.get(registered.nation, "") in nations


def _leave_out_other_nations(choices, nations, roles):
    """Propose new areas outside the workspace's nations as not imported, when the file
    has areas in them to compare with and the user has not widened the import to every
    nation. A file only about elsewhere is left as it is: leaving it all out would
    import nothing."""
    if roles.get(ALL_NATIONS):
        return
    choices = list(choices)
    if not any(c.registered is not None and _in_nations(c.registered, nations) for c in choices):
        return
    for choice in choices:
        if choice.existing is None and choice.registered is not None and not _in_nations(choice.registered, nations):
            choice.other_nation, choice.role = True, "skip"


def _check_areas(choices, workspace, errors, periods):
    own = [c for c in choices if c.role == "own"]
    if len(own) > 1:
        errors.add(None, None, gettext("Only one area can be your own area: %(areas)s are all marked as your own. "
                                       "Mark the others as comparators.") % {"areas": ", ".join(c.label for c in own)})
    current = for_workspace(Area, workspace).live().filter(is_own_area=True).first()
    if own and current and own[0].existing != current:
        errors.add(None, None, gettext("%(current)s is already your own area, so %(area)s cannot be too. "
                                       "Mark it as a comparator, or change your own area on the Areas page first.")
                   % {"current": current.name, "area": own[0].label})
    _check_same_areas(choices, periods, errors)
    if choices and all(c.role == "skip" for c in choices):
        errors.add(None, None, gettext("Every area is set to 'Do not import'. Choose at least one area to import."))


SHORTER = {"week": gettext_lazy("weeks"), "month": gettext_lazy("months"), "quarter": gettext_lazy("quarters")}


def _check_same_areas(choices, periods, errors):
    """Two of the file's areas that land in one area (a workspace area, one area of
    the register such as "Cardiff" and "Caerdydd", or one name) would write over
    each other where they give the same period: that is an error. Without a
    shared period they are one series (North Yorkshire's county code up to 2022
    and its unitary code since) and import together. `periods` are the periods of
    each of the file's areas, by key (`_periods_of`)."""
    groupings = (
        lambda c: ("workspace", c.existing.pk, c.existing.name) if c.existing else ("new", c.new_name.casefold(), c.new_name),
        lambda c: None if c.existing or c.registered is None else ("register", c.registered.key, c.registered.name),
    )
    for grouping in groupings:
        groups = {}
        for choice in choices:
            same = grouping(choice) if choice.role != "skip" else None
            if same is not None:
                groups.setdefault(same, []).append(choice)
        for (_, _, name), group in groups.items():
            seen, clash = set(), False
            for choice in group:
                mine = periods.get(choice.key, set())
                clash = clash or bool(seen & mine)
                seen |= mine
            if len(group) > 1 and clash:
                errors.add(None, None, gettext(
                    "%(areas)s are all the same area (%(name)s) with values for the same periods. Set all but one "
                    "of them to 'Do not import', or match them to different areas.") % {
                    "areas": gettext(" and ").join(c.label for c in group), "name": name})
                return


def _check_frequency(indicator, rows, mapping, errors):
    """One error per kind of period in the file that the indicator is not, saying what to do.

    Dates read as days in a weekly, monthly or quarterly indicator usually stand
    for that week, month or quarter: the mapping step says so.
    """
    found = {}
    for row in rows:
        frequency = row.period.frequency
        if frequency != indicator.frequency:
            found.setdefault(frequency, [row.row, row.period.label, 0])[2] += 1
    want = FREQUENCY_WORDS.get(indicator.frequency, indicator.frequency)
    for frequency, (first_row, label, count) in found.items():
        have = FREQUENCY_WORDS.get(frequency, frequency)
        if frequency == "day" and indicator.frequency in SHORTER:
            advice = gettext(
                "If the dates stand for %(periods)s, go back to the column choices "
                "and say what a full date in the period column means."
            ) % {"periods": SHORTER[indicator.frequency]}
        else:
            advice = gettext(
                "Import the file into a %(have)s indicator, or, if %(indicator)s really is %(have)s, "
                "change its frequency on its edit page and import again."
            ) % {"have": have, "indicator": indicator.name}
        errors.add(
            first_row, mapping.period or None,
            ngettext("%(count)s row of the file has %(have)s periods (such as '%(label)s'), but %(indicator)s "
                     "is %(want)s.",
                     "%(count)s rows of the file have %(have)s periods (such as '%(label)s'), but %(indicator)s "
                     "is %(want)s.", count)
            % {"count": count, "have": have, "label": label, "indicator": indicator.name, "want": want}
            + f" {advice}",
        )


def value_notes(indicator, mapping, rows):
    """What the preview should say about absent values and about percentages that look like fractions."""
    notes = []
    for status in (Status.SUPPRESSED, Status.MISSING):
        markers = Counter(row.marker for row in rows if row.status == status)
        if markers:
            count = sum(markers.values())
            signs = ", ".join(
                f"{marker or gettext('blank')} {n:,}" for marker, n in markers.most_common()
            )
            if status == Status.SUPPRESSED:
                note = ngettext(
                    "%(count)s value is suppressed (%(signs)s): it is kept as suppressed, with the file's "
                    "marker, never as 0.",
                    "%(count)s values are suppressed (%(signs)s): they are kept as suppressed, with the file's "
                    "marker, never as 0.", count)
            else:
                note = ngettext(
                    "%(count)s value is missing (%(signs)s): it is kept as missing, with the file's "
                    "marker, never as 0.",
                    "%(count)s values are missing (%(signs)s): they are kept as missing, with the file's "
                    "marker, never as 0.", count)
            notes.append(note % {"count": f"{count:,}", "signs": signs})
    given = [row.value for row in rows if row.value is not None]
    if (
        indicator.unit == Unit.PERCENTAGE and mapping.percentages != Percentages.FRACTIONS
        and given and all(-1 <= value <= 1 for value in given) and any(given)
    ):
        notes.append(gettext(
            "Every value is between -1 and 1. If they are percentages written as fractions "
            "(0.57 for 57%), go back to the column choices and say so; they will be stored as 57."
        ))
    return notes


def _q(value):
    return None if value is None else Decimal(value).quantize(PLACES, context=WIDE)


def _same(old, row):
    """Whether a stored measurement (an `Existing`) already holds the row's values."""
    return (
        old.status == row.status
        and _q(old.value) == _q(row.value)
        and _q(old.numerator) == _q(row.numerator)
        and _q(old.denominator) == _q(row.denominator)
        and old.marker == row.marker
        and old.note == row.note
    )


class Existing(NamedTuple):
    """A stored measurement, as much of it as an import compares and revises."""

    pk: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    status: str
    marker: str
    note: str


def _existing(indicator):
    """The indicator's stored measurements by (area id, period start, period end).

    Plain tuples, not model instances: a series of a million values is then
    a few hundred megabytes, not several gigabytes."""
    found = Measurement.objects.filter(indicator=indicator).values_list(
        "area_id", "period_start", "period_end", "pk", "value", "numerator", "denominator", "status",
        "marker", "note",
    )
    return {(area, start, end): Existing(*rest) for area, start, end, *rest in found.iterator(chunk_size=20_000)}


def series_names(rows):
    return sorted({row.indicator for row in rows if row.indicator}, key=str.casefold)


def series_in(batch, table=None):
    """The names of the series the pending file holds in its indicator column, among
    the rows its filters keep (read without checking the rest of each row)."""
    table = table or load_table(batch)
    mapping = ColumnMapping.from_dict(batch.mapping)
    if not mapping.indicator or mapping.indicator not in table.headers:
        return []
    mapping.series = ""
    kept = chosen_rows(table, mapping)
    return sorted({name for name, _ in breakdown_values(kept, mapping.indicator) if name}, key=str.casefold)


def read_rows(batch, area_roles=None, table=None):
    """Read the pending file under the batch's mapping: the rows to import, every error and the areas.

    Only the rows to import are checked: those the filters keep, of the chosen
    series when the file holds several. The counts of what would change are
    left at 0 (see `preview`)."""
    table = table or load_table(batch)
    mapping = ColumnMapping.from_dict(batch.mapping)
    names = series_in(batch, table)
    mapping.series = batch.series if batch.series in names else ""
    if mapping.indicator and len(names) > 1 and not mapping.series:
        errors = MappingErrors()
        errors.add(None, mapping.indicator, gettext("The file holds several series. Choose the one to import."))
        return Preview([], errors, [], names, notes=table.notes)
    rows, errors = apply_mapping(table, mapping)
    _check_frequency(batch.indicator, rows, mapping, errors)
    areas = _area_choices(batch.workspace, rows, area_roles)
    before = errors.total
    _check_areas(areas, batch.workspace, errors, _periods_of(rows))
    notes = [*table.notes, *value_notes(batch.indicator, mapping, rows)]
    return Preview(rows, errors, areas, names, notes=notes, area_errors=errors.total - before)


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


# The values shown on the check page, of the rows read.
FIRST_ROWS = 10


@dataclass
class Check(Preview):
    """The check page's `Preview`, from the check kept with the import: `rows` are only
    the first FIRST_ROWS rows (`ShownRow`s), `row_count` counts them all."""

    row_count: int = 0

    @property
    def can_commit(self):
        return not self.errors and self.row_count > 0


def _check_key(batch):
    """What the kept check depends on besides the areas' roles and matches: the mapping
    (with the table, filters and series), the indicator's name, frequency and unit (its
    messages and notes), and the values the indicator holds (one aggregate query)."""
    held = Measurement.objects.filter(indicator=batch.indicator).aggregate(
        count=Count("pk"), last=Max("pk"), updated=Max("updated_at"))
    indicator = batch.indicator
    text = json.dumps([batch.mapping, batch.series, indicator.pk, indicator.name, indicator.frequency,
                       indicator.unit, held], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class ShownPeriod(NamedTuple):
    label: str


class ShownRow(NamedTuple):
    """One of the first rows as the check page shows it (kept as plain data)."""

    row: int
    area_code: str
    area_name: str
    period: ShownPeriod
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    status: str
    marker: str

    @classmethod
    def from_kept(cls, data):
        number = lambda text: None if text is None else Decimal(text)  # noqa: E731
        row, code, name, label, value, numerator, denominator, status, marker = data
        return cls(row, code, name, ShownPeriod(label), number(value), number(numerator), number(denominator),
                   status, marker)


def _shown(row):
    text = lambda value: None if value is None else str(value)  # noqa: E731
    return [row.row, row.area_code, row.area_name, row.period.label, text(row.value), text(row.numerator),
            text(row.denominator), str(row.status), row.marker]


def _checked(batch, area_roles, key):
    """Map and check every row once, into plain data to keep with the import: the
    file's errors (not the areas'), notes, first rows, its areas with their rows and
    periods, and for each area what its rows would add, change or leave unchanged in
    the workspace area it was matched to then (its pk, so that a new match is seen)."""
    table = load_table(batch)
    found = read_rows(batch, area_roles, table)
    file_errors = MappingErrors()
    file_total = found.errors.total - found.area_errors
    for error in found.errors.errors[:file_total]:  # the areas' errors come after the file's
        file_errors.add(error.row, error.column, error.message)
    file_errors.total = file_total
    compared = {c.key: [c.existing.pk if c.existing else None, 0, 0, 0] for c in found.areas}
    if found.rows:
        existing = _existing(batch.indicator)
        for row in found.rows:
            entry = compared[area_key(row.area_code, row.area_name)]
            old = existing.get((entry[0], row.period.start, row.period.end))
            entry[1 if old is None else 3 if _same(old, row) else 2] += 1
        del existing
    # Areas mostly give the same periods: each set of periods is kept once.
    sets, periods = {}, {}
    for area, given in _periods_of(found.rows).items():
        periods[area] = sets.setdefault(frozenset(given), len(sets))
    return {
        "key": key, "series": found.series, "notes": found.notes, "row_count": len(found.rows),
        "first_rows": [_shown(row) for row in found.rows[:FIRST_ROWS]],
        "errors": [[e.row, e.column, e.message] for e in file_errors.errors], "error_total": file_errors.total,
        "areas": [[c.code, c.name, c.rows] for c in found.areas],
        "period_sets": [sorted(given) for given in sets], "periods": periods, "compared": compared,
    }


def _check_from(batch, kept, area_roles, strict=True):
    """The check page's result from a kept check under these roles and matches, or None
    when (`strict`) an area now goes to another workspace area than it was compared with."""
    workspace = batch.workspace
    choices = _choices_of_areas(workspace, [tuple(area) for area in kept["areas"]], area_roles)
    compared = kept["compared"]
    for choice in choices:
        if strict and choice.role != "skip" and compared[choice.key][0] != (choice.existing.pk if choice.existing else None):
            return None
    errors = MappingErrors()
    for row, column, message in kept["errors"]:
        errors.add(row, column, message)
    errors.total = kept["error_total"]
    sets = [{tuple(period) for period in given} for given in kept["period_sets"]]
    if choices:
        before = errors.total
        _check_areas(choices, workspace, errors, {key: sets[index] for key, index in kept["periods"].items()})
        area_errors = errors.total - before
    else:
        area_errors = 0
    result = Check([ShownRow.from_kept(row) for row in kept["first_rows"]], errors, choices, kept["series"], notes=kept["notes"],
                   area_errors=area_errors, row_count=kept["row_count"])
    for choice in choices:
        if choice.role != "skip":
            _, added, changed, unchanged = compared[choice.key]
            result.added, result.changed, result.unchanged = (
                result.added + added, result.changed + changed, result.unchanged + unchanged)
    return result


def check(batch, area_roles=None):
    """What the check page shows: `preview`'s figures, from the check kept with the
    import. Every row is mapped and checked once, and again only when the mapping (table,
    filters, series), the indicator or its stored values change, or an area is matched to
    another workspace area; turning a page of the areas or choosing their roles does not
    read the rows again (issue 12). FileReadError if the file has gone."""
    path = stored_path(batch)
    if not path.exists():
        raise FileReadError("empty", gettext("The uploaded file is no longer kept. Upload it again."))
    key = _check_key(batch)
    kept = kept_tables.kept_check(path)
    if kept is not None and kept.get("key") == key:
        result = _check_from(batch, kept, area_roles)
        if result is not None:
            return result
    kept = _checked(batch, area_roles, key)
    kept_tables.keep_check(path, kept)
    # Not strict: an area added or renamed by someone else meanwhile is shown as now matched.
    return _check_from(batch, kept, area_roles, strict=False)


def confirm_problems(workspace, found, area_roles):
    """Why an import read as `found` (`read_rows` without roles) cannot be confirmed
    with these area roles and matches: the file's own errors, else the areas' under
    the choices made. Checked from the rows already read; the file is not read again."""
    if found.errors.total > found.area_errors or not found.rows:
        return [str(error) for error in found.errors] or [gettext("The file has no rows to import.")]
    choices = _area_choices(workspace, found.rows, area_roles)
    errors = MappingErrors()
    _check_areas(choices, workspace, errors, _periods_of(found.rows))
    return [str(error) for error in errors]


def _areas_for(choices, workspace):
    """The area each choice's rows go to (by choice key, skipped choices left out), the new
    ones added in one bulk insert and the changed ones revised in one bulk update, so that a
    file of thousands of new areas takes a few queries, not one each.

    A new area takes the file's name (else the register's); one of that name already in the
    workspace (archived too: names are unique) is that area. Two choices of one register
    entry, or of one name, become one area. The register gives a file of names its codes
    (and an area added by hand without one). The last choice for an area says whether it is
    the own area."""
    by_name = {}
    for area in Area.objects.filter(workspace=workspace).order_by("pk"):
        by_name.setdefault(area.name.casefold(), area)
    made, chosen, own, coded = {}, {}, {}, set()
    for choice in choices:
        if choice.role == "skip":
            continue
        area = choice.existing
        if area is None and choice.registered is not None:
            area = made.get(choice.registered.key)
        if area is None:
            name = (choice.new_name or workspace.name)[:200]
            area = by_name.get(name.casefold())
            if area is None:
                area = by_name[name.casefold()] = Area(workspace=workspace, name=name)
        # One entry per area, whichever instance of it a choice holds.
        ident = area.pk if area.pk is not None else id(area)
        area = own[ident][0] if ident in own else area
        if not area.ons_code and choice.new_code:
            area.ons_code = choice.new_code
            coded.add(ident)
        own[ident] = (area, choice.role == "own")
        if choice.registered is not None:
            made.setdefault(choice.registered.key, area)
        chosen[choice.key] = area
    new, changed = [], []
    now = timezone.now()
    for ident, (area, is_own) in own.items():
        if area.pk is None:
            area.is_own_area = is_own
            new.append(area)
        elif area.is_own_area != is_own or ident in coded:
            area.is_own_area, area.updated_at = is_own, now
            changed.append(area)
    Area.objects.bulk_create(new, batch_size=1000)
    if any(area.pk is None for area in new):  # a database that does not return the new ids
        ids = dict(Area.objects.filter(workspace=workspace, name__in=[a.name for a in new]).values_list("name", "pk"))
        for area in new:
            area.pk = area.id = ids[area.name]
    Area.objects.bulk_update(changed, ["is_own_area", "ons_code", "updated_at"], batch_size=1000)
    return {key: area.pk for key, area in chosen.items()}


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
        raise ImportRefused([gettext("This import has already been completed.")])
    found = read_rows(batch, area_roles)
    if not found.can_commit:
        raise ImportRefused(list(found.errors) or [gettext("The file has no rows to import.")])
    del found
    if not queue(batch, user, area_roles):
        raise ImportRefused([gettext("This import has already been confirmed.")])
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
            _finish_failed(batch, _messages(found.errors) or [gettext("The file has no rows to import.")])
            return
        total = sum(choice.rows for choice in found.areas if choice.role != "skip")
        ImportBatch.objects.filter(pk=batch_id).update(total=total)
        progress.update(0, total)
        _write_all(batch, found, progress)
    except FileReadError as error:
        _finish_failed(batch, [error.message])
    except IntegrityError:
        logger.warning("Import %s: refused by a database constraint", batch_id, exc_info=True)
        _finish_failed(batch, [gettext(
            "Two rows of the file give a value for the same area and period (for example one names the "
            "area by its code and the other by its name). Nothing was imported. Remove one of them and "
            "upload the file again."
        )])
    except Exception:
        logger.exception("Import %s failed", batch_id)
        _finish_failed(batch, [gettext(
            "Something went wrong while importing, so nothing was imported. Upload the file again; "
            "if it happens again, tell the person who runs joinedup for you."
        )])
    finally:
        forget_upload(batch)
        progress.remove()


def _messages(errors):
    messages = [str(error) for error in errors]
    if errors.not_shown:
        messages.append(gettext("And %(count)s more.") % {"count": f"{errors.not_shown:,}"})
    return messages


def _finish_failed(batch, messages):
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.FAILED, errors=messages, finished_at=timezone.now(),
    )


def write_in_chunks(writer, rows, areas, existing, counts):
    """Write `rows` CHUNK_ROWS at a time through `writer`: new values added,
    changed ones revised, unchanged ones only counted in `counts`; a row whose
    area is not in `areas` is left out. Yields after each chunk (the import
    reports its progress there; the API's push does not)."""
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
        yield


def _write_all(batch, found, progress):
    """Write every row in one transaction: new values in bulk (COPY on PostgreSQL),
    changed ones revised in bulk, progress reported every chunk; then, in the same
    transaction, mark the import committed with its counts and add it to the
    workspace's audit log as done by the person who confirmed it."""
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    now = timezone.now()
    with transaction.atomic():
        # One import into an indicator at a time: a second waits here, then
        # sees the first one's values as existing.
        Indicator.objects.select_for_update().filter(pk=batch.indicator_id).first()
        workspace = batch.workspace
        areas = _areas_for(found.areas, workspace)
        existing = _existing(batch.indicator)
        writer = MeasurementWriter(batch, now)
        rows = found.rows
        found.rows = []  # the rows go as they are written
        for _ in write_in_chunks(writer, rows, areas, existing, counts):
            progress.update(counts["added"] + counts["changed"] + counts["unchanged"])
        writer.close()
        SavedMapping.objects.update_or_create(
            workspace=workspace, layout_signature=batch.layout_signature,
            defaults={"mapping": batch.mapping},
        )
        finished = timezone.now()
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.COMMITTED, committed_at=finished, finished_at=finished, **counts,
        )
        record(workspace, batch.confirmed_by, "import", "imported measurements", batch.indicator, changes=(
            f"File: {batch.file_name}: {counts['added']} added, {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged"))
    return counts
