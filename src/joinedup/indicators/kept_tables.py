"""What a pending upload was read into, kept beside it under MEDIA_ROOT, so that
the import steps after the upload do not read the file again.

Reading a big file is most of a step's time: a 250,000-row CSV takes seconds to
split into cells and seconds more to find its table (and a workbook's sheet
much longer, in openpyxl). So the upload keeps, beside the uploaded bytes:

* each table read, by where it was asked to be (sheet and rows) and where it
  was found: its header names, rows, notes and the other tables found, which
  is what the column, check and confirm steps and the background task read;
* a workbook's sheets' names and sizes, and each sheet's grid of cells once
  read, which is what the table step shows (and what a table is found in when
  the user moves it).

The check page keeps its check of the rows beside them too (`keep_check`).

They are JSON files (the server's own, never the user's bytes), deleted with
the upload. A kept file that cannot be read is read again from the upload."""

import hashlib
import json
import os
from pathlib import Path

from .tables import Grid, SheetSize, Table, TablePosition, TableRow


def _key(position):
    text = json.dumps(position.to_dict(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def table_path(base: Path, position: TablePosition) -> Path:
    return base.with_name(f"{base.name}.table-{_key(position)}.json")


def grid_path(base: Path, sheet: str | None) -> Path:
    name = hashlib.sha256((sheet or "").encode()).hexdigest()[:24]
    return base.with_name(f"{base.name}.grid-{name}.json")


def workbook_path(base: Path) -> Path:
    return base.with_name(f"{base.name}.sheets.json")


def _write(paths, data) -> None:
    """Written whole, then renamed: a step never reads half a file."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for path in dict.fromkeys(paths):
        partial = path.with_name(path.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)


def _read(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def keep_table(base: Path, table: Table, asked: TablePosition) -> None:
    """Keep a table read from the upload, under where it was asked to be and where it was
    found (unless kept there already: the table step shows the same table again and again)."""
    paths = [table_path(base, asked), *([table_path(base, table.position)] if table.position else [])]
    missing = [path for path in paths if not path.exists()]
    if missing:
        _write(missing, {
            "headers": table.headers, "numbers": [row.number for row in table.rows],
            "cells": [row.cells for row in table.rows], "file_format": table.file_format,
            "header_row": table.header_row, "encoding": table.encoding, "delimiter": table.delimiter,
            "sheet": table.sheet, "sheet_names": table.sheet_names, "notes": table.notes,
            "position": table.position.to_dict() if table.position else None,
            "blocks": [block.to_dict() for block in table.blocks],
            "sheets": [[size.name, size.rows, size.columns] for size in table.sheets],
        })
    if table.grid is not None and table.file_format == "xlsx" and not grid_path(base, table.sheet).exists():
        keep_grid(base, table)


def kept_table(base: Path, asked: TablePosition) -> Table | None:
    """The table kept for this position (without its grid), or None if none is kept."""
    data = _read(table_path(base, asked))
    if data is None:
        return None
    rows = [TableRow(number, cells) for number, cells in zip(data["numbers"], data["cells"], strict=True)]
    return Table(
        data["headers"], rows, data["file_format"], data["header_row"], encoding=data["encoding"],
        delimiter=data["delimiter"], sheet=data["sheet"], sheet_names=data["sheet_names"], notes=data["notes"],
        position=TablePosition.from_dict(data["position"]) if data["position"] else None,
        blocks=[TablePosition.from_dict(block) for block in data["blocks"]],
        sheets=[SheetSize(*size) for size in data["sheets"]],
    )


def keep_grid(base: Path, table: Table) -> None:
    """Keep a workbook sheet's cells (and the workbook's sheets, the first time)."""
    grid = table.grid
    _write([grid_path(base, table.sheet)], {
        "cells": grid.cells, "spans": {str(row): spans for row, spans in grid.spans.items()},
    })
    if not workbook_path(base).exists():
        _write([workbook_path(base)], {
            "sheet_names": table.sheet_names, "sheets": [[s.name, s.rows, s.columns] for s in table.sheets],
            "guessed": table.sheet,
        })


def kept_grid(base: Path, sheet: str | None) -> Table | None:
    """A workbook sheet as its raw cells (as `reading.raw_table` gives it), if kept; the
    sheet joinedup guessed when `sheet` is None."""
    workbook = _read(workbook_path(base))
    if workbook is None:
        return None
    sheet = sheet if sheet is not None else workbook["guessed"]
    data = _read(grid_path(base, sheet))
    if data is None:
        return None
    grid = Grid(data["cells"], {int(row): [tuple(span) for span in spans] for row, spans in data["spans"].items()})
    return Table([], [], "xlsx", 0, sheet=sheet, sheet_names=workbook["sheet_names"],
                 sheets=[SheetSize(*size) for size in workbook["sheets"]], grid=grid)


def check_path(base: Path) -> Path:
    return base.with_name(f"{base.name}.check.json")


def keep_check(base: Path, data) -> None:
    """Keep the check of the upload's rows (importing.check): one per upload, replaced
    when what it depends on changes (its "key")."""
    _write([check_path(base)], data)


def kept_check(base: Path):
    """The kept check of the upload's rows, or None."""
    return _read(check_path(base))


def remove(base: Path) -> None:
    """Delete everything kept for an upload."""
    for pattern in (f"{base.name}.*.json", f"{base.name}.*.json.partial"):
        for path in base.parent.glob(pattern):
            path.unlink(missing_ok=True)
