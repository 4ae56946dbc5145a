"""Reading one value cell of an indicator file: a number written the way
spreadsheets write them, or a marker saying the value is suppressed or
missing. Every value is stored with its `Status`."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum


class Status(StrEnum):
    OK = "ok"
    SUPPRESSED = "suppressed"
    MISSING = "missing"


# Markers for values held back to protect confidentiality ("x" is the older
# DfE/ONS sign for this; "[x]" is the GSS sign for "not available").
SUPPRESSED_MARKERS = {"*", "**", "c", "[c]", "x", "~"}
MISSING_MARKERS = {"", "..", ".", ":", "-", "[x]", "[z]", "z", "n/a", "na", "#n/a", "nan", "null"}
VALUE_FORMS = (
    "Write a number (such as 1,234, 12.5%, £1,200, or (12) for minus 12), a marker for a "
    "suppressed value (*, c, [c], x) or for a missing one (.., :, -, [x], [z], n/a), or leave it empty."
)


# A plain decimal number needs none of the work below; most cells of a big file are one.
PLAIN_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")


class ValueFormatError(ValueError):
    """A cell that is neither a number nor a suppressed/missing marker."""


def parse_value(text: str) -> tuple[Decimal | None, Status]:
    """Read a value cell: a number, or None with why it is absent.

    Understands thousands separators (``1,234``), percentages (``12.5%`` is
    12.5), currency (``£1,200``), minus signs and brackets for negatives
    (``(12)`` is -12), spaces, and a trailing flag such as ``[p]`` or
    ``[e]``, which is dropped. Raises `ValueFormatError`.
    """
    if PLAIN_DECIMAL.fullmatch(text):
        return Decimal(text), Status.OK
    marker = " ".join(text.split()).casefold()
    if marker in SUPPRESSED_MARKERS:
        return None, Status.SUPPRESSED
    if marker in MISSING_MARKERS or marker in {"\u2013", "\u2014", "\u2212"}:
        return None, Status.MISSING
    number = re.sub(r"\s*\[[a-z]{1,4}\]$", "", marker)
    number = re.sub(r"[\s\u00a0\u2009\u202f]", "", number).replace("\u2212", "-")
    negative = number.startswith("(") and number.endswith(")")
    if negative:
        number = number[1:-1]
    if number[:1] in "+-":
        negative = negative != (number[0] == "-")
        number = number[1:]
    number = number.lstrip("£$€")
    if number[:1] == "-" and not negative:
        negative, number = True, number[1:]
    number = number.removesuffix("%")
    if "," in number:
        if not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", number):
            raise ValueFormatError(
                f"'{text.strip()}' has a comma where joinedup expects a thousands separator "
                f"(1,234). Use a decimal point for decimals, like 12.5."
            )
        number = number.replace(",", "")
    if not re.fullmatch(r"(\d+\.?\d*|\.\d+)(e[-+]?\d+)?", number):
        raise ValueFormatError(f"'{text.strip()}' is not a number. {VALUE_FORMS}")
    try:
        amount = Decimal(number)
    except InvalidOperation:
        raise ValueFormatError(f"'{text.strip()}' is not a number. {VALUE_FORMS}") from None
    return (-amount if negative else amount), Status.OK


def mostly_numbers(cells: list[str]) -> bool:
    """Whether most non-empty cells read as numbers or markers, and at least one is a number."""
    numbers = absent = 0
    for cell in cells:
        try:
            _, status = parse_value(cell)
        except ValueFormatError:
            continue
        if status == Status.OK:
            numbers += 1
        elif cell:
            absent += 1
    filled = sum(1 for cell in cells if cell)
    return numbers > 0 and numbers + absent >= 0.8 * filled
