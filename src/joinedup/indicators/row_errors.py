"""The errors of an import, each naming the file row and column it is in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext

MAX_ERRORS = 200


@dataclass(frozen=True)
class RowError:
    """A problem with the file: the row and column it is in (None for the whole file)."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(gettext("Row %(row)s") % {"row": self.row})
        if self.column is not None:
            where.append(gettext("column '%(column)s'") % {"column": self.column})
        if not where:
            return str(self.message)
        return gettext("%(where)s: %(message)s") % {"where": ", ".join(where), "message": self.message}


@dataclass
class MappingErrors:
    """All the errors of an import: the first `limit` kept, every one counted."""

    errors: list[RowError] = field(default_factory=list)
    total: int = 0
    limit: int = MAX_ERRORS

    def add(self, row: int | None, column: str | None, message: str) -> None:
        self.total += 1
        if len(self.errors) < self.limit:
            self.errors.append(RowError(row, column, message))

    @property
    def not_shown(self) -> int:
        return self.total - len(self.errors)

    def __bool__(self) -> bool:
        return self.total > 0

    def __iter__(self) -> Iterator[RowError]:
        return iter(self.errors)

    def __len__(self) -> int:
        return self.total
