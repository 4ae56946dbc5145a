"""Reading one value cell of an indicator file: a number written the way
spreadsheets write them, or a marker saying the value is suppressed or
missing. Every value is stored with its `Status` and, when it is absent, the
marker the file gave, so that "c" (confidential) is never shown as 0 or as a
plain gap."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from django.utils.translation import gettext, gettext_lazy


class Status(StrEnum):
    OK = "ok"
    SUPPRESSED = "suppressed"
    MISSING = "missing"


# Markers for values held back to protect confidentiality ("x" is the older
# DfE/ONS sign for this; "[x]" is the GSS sign for "not available"; DfE's "u"
# is a figure withheld as unreliable and "low" one that rounds to 0).
SUPPRESSED_MARKERS = {"*", "**", "c", "[c]", "x", "~", "u", "[u]", "low", "[low]"}
MISSING_MARKERS = {"", "..", ".", ":", "-", "[x]", "[z]", "z", "n/a", "na", "#n/a", "nan", "null"}
# Small counts published only as a bound ("<5", "< 10"): suppressed.
BELOW = re.compile(r"<\s*\d+")
# Stored values keep this many decimal places (the Measurement fields), and at
# most this many digits before the point.
DECIMAL_PLACES = 16
INTEGER_DIGITS = 16
# Longest marker kept as written (the Measurement.marker field).
MARKER_LENGTH = 20
TAG = re.compile(r"<[^<>]*>")
VALUE_FORMS = gettext_lazy(
    "Write a number (such as 1,234, 12.5%, £1,200, or (12) for minus 12), a marker for a "
    "suppressed value (*, c, [c], x) or for a missing one (.., :, -, [x], [z], n/a), or leave it empty."
)


# A plain decimal number needs none of the work below; most cells of a big file are one.
PLAIN_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")


class ValueFormatError(ValueError):
    """A cell that is neither a number nor a suppressed/missing marker."""


@dataclass(frozen=True)
class ValueCell:
    """What one value cell says: the number, its status, the marker as written
    (empty for a number or a blank cell) and whether it carried a % sign."""

    value: Decimal | None
    status: Status
    marker: str = ""
    percent_sign: bool = False


def without_html(text: str) -> str:
    """Cell text with HTML tags and entities left by web exports removed.

    Fingertips writes ``<div class="no-data">-</div>`` for a missing count.
    """
    if "<" in text and ">" in text:
        text = TAG.sub("", text)
    return html.unescape(text) if "&" in text else text


def read_value(text: str) -> ValueCell:
    """Read a value cell (see `parse_value`), keeping the marker of an absent value."""
    if PLAIN_DECIMAL.fullmatch(text):
        amount = Decimal(text)
        # Too many digits before the point is refused below, with the reason.
        if not amount or amount.adjusted() < INTEGER_DIGITS:
            return ValueCell(amount, Status.OK)
    text = without_html(text)
    shown = " ".join(text.split())
    marker = shown.casefold()
    if marker in SUPPRESSED_MARKERS or BELOW.fullmatch(marker):
        return ValueCell(None, Status.SUPPRESSED, shown[:MARKER_LENGTH])
    if marker in MISSING_MARKERS or marker in {"\u2013", "\u2014", "\u2212"}:
        return ValueCell(None, Status.MISSING, shown[:MARKER_LENGTH])
    amount = parse_number(text, marker)
    return ValueCell(amount, Status.OK, "", "%" in marker)


def parse_value(text: str) -> tuple[Decimal | None, Status]:
    """Read a value cell: a number, or None with why it is absent.

    Understands thousands separators (``1,234``), percentages (``12.5%`` is
    12.5), currency (``£1,200``), minus signs and brackets for negatives
    (``(12)`` is -12), spaces, a trailing flag such as ``[p]`` or ``[e]``,
    which is dropped, and HTML left in the cell by a web export. Raises
    `ValueFormatError`.
    """
    cell = read_value(text)
    return cell.value, cell.status


def parse_number(text: str, marker: str) -> Decimal:
    number = re.sub(r"\s*\[[a-z]{1,4}\]$", "", marker)
    number = re.sub(r"[\s\u00a0\u2009\u202f]", "", number).replace("\u2212", "-")
    negative = number.startswith("(") and number.endswith(")")
    if negative:
        number = number[1:-1]
    if number[:1] in ("+", "-"):  # not "" (a cell of "()"), which `in "+-"` would match
        negative = negative != (number[0] == "-")
        number = number[1:]
    number = number.lstrip("£$€")
    if number[:1] == "-" and not negative:
        negative, number = True, number[1:]
    number = number.removesuffix("%")
    if "," in number:
        if not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", number):
            raise ValueFormatError(
                gettext("'%(text)s' has a comma where joinedup expects a thousands separator "
                        "(1,234). Use a decimal point for decimals, like 12.5.") % {"text": text.strip()}
            )
        number = number.replace(",", "")
    if not re.fullmatch(r"(\d+\.?\d*|\.\d+)(e[-+]?\d+)?", number):
        raise ValueFormatError(gettext("'%(text)s' is not a number.") % {"text": text.strip()} + f" {VALUE_FORMS}")
    try:
        amount = Decimal(number)
    except InvalidOperation:
        raise ValueFormatError(gettext("'%(text)s' is not a number.") % {"text": text.strip()}
                               + f" {VALUE_FORMS}") from None
    if amount and amount.adjusted() >= INTEGER_DIGITS:
        raise ValueFormatError(
            gettext("'%(text)s' is too large: joinedup keeps up to %(digits)s digits before "
                    "the decimal point. Check the cell; if it is right, write the values in thousands or "
                    "millions and say so in the indicator's name.") % {"text": text.strip(), "digits": INTEGER_DIGITS}
        )
    return -amount if negative else amount


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
