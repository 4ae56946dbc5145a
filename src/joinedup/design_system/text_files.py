"""Turning the bytes of an uploaded text file into text: the one place that
works out a file's encoding, for every reader in joinedup (indicator CSVs,
calendar files, the analyse command).

Files from UK public-sector systems come as UTF-8 (often with Excel's byte
order mark), as UTF-16 (Excel's "Unicode text", with or without a mark), or
as Windows-1252 from older exports. `decode` tries these in that order and
says which it used; bytes that are not text raise `NotText`. Callers word
their own messages: a calendar upload, a CSV upload and a command line say
different things about the same problem.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

# UTF-32 first: its little-endian mark starts with UTF-16's.
BYTE_ORDER_MARKS = [
    ((codecs.BOM_UTF8,), "utf-8-sig"),
    ((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf-32"),
    ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16"),
]
ENCODING_NAMES = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16", "utf-32": "UTF-32", "cp1252": "Windows-1252", "latin-1": "Latin-1",
    "iso8859_15": "ISO-8859-15", "mac_roman": "Mac Roman",
}
# How much of the start of a file is looked at for NUL bytes, and how much of
# its text for control characters, to tell text from binary.
SAMPLE_BYTES = 8192
SAMPLE_CHARACTERS = 64 * 1024


class NotText(ValueError):
    """The bytes are not text in any encoding joinedup reads (or not in the one asked for).

    `codec` is the encoding that was asked for, if one was.
    """

    def __init__(self, message: str, codec: str | None = None):
        super().__init__(message)
        self.codec = codec


@dataclass(frozen=True)
class DecodedText:
    text: str
    codec: str

    @property
    def name(self) -> str:
        """The encoding's everyday name, for notes to the user ("Windows-1252")."""
        return encoding_name(self.codec)


def encoding_name(codec: str) -> str:
    return ENCODING_NAMES.get(codec, codec)


def utf16_without_mark(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the bytes look like mostly-ASCII UTF-16 without a mark.

    In such text every other byte is NUL; in binary data NUL bytes fall anywhere.
    """
    sample = data[:SAMPLE_BYTES]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    odd = sum(1 for byte in sample[1::2] if byte == 0)
    even = sum(1 for byte in sample[0::2] if byte == 0)
    if odd >= 0.7 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.7 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> str:
    """The codec for a text file's bytes: UTF-8/16/32 by their mark, UTF-16 without one, UTF-8, or another.

    Otherwise Windows-1252 (or Latin-1 for bytes Windows-1252 leaves
    undefined) wins whenever charset-normalizer finds it plausible or finds
    nothing, and charset-normalizer's own choice only when Windows-1252 is
    implausible (Cyrillic, Greek, Chinese...): short files rarely tell code
    pages apart, Windows-1252 is what Excel uses for "CSV" on UK machines,
    and it reads Latin-1 text the same way for every printable character.
    Raises `NotText` for NUL bytes that are not UTF-16.
    """
    for marks, codec in BYTE_ORDER_MARKS:
        if data.startswith(marks):
            return codec
    if b"\x00" in data[:SAMPLE_BYTES]:
        # NUL bytes are valid UTF-8, so UTF-16 has to be tried before it.
        codec = utf16_without_mark(data)
        if codec is None:
            raise NotText(_("The file holds binary data, not text."))
        return codec
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    best = from_bytes(data).best()
    if best is None or from_bytes(data, cp_isolation=["cp1252"]).best() is not None:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return "latin-1"
        return "cp1252"
    return best.encoding


def decode(data: bytes, codec: str | None = None) -> DecodedText:
    """The text of a file, in `codec` or else in the encoding `detect_encoding` finds.

    Refuses (`NotText`) bytes that do not decode, and text that is mostly
    control characters (binary junk that happens to decode).
    """
    asked = codec
    codec = codec or detect_encoding(data)
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        raise NotText(_("The file cannot be read as %(codec)s text.") % {"codec": codec}, codec=asked or codec) from None
    text = text.lstrip("\ufeff")
    sample = text[:SAMPLE_CHARACTERS]
    controls = sum(
        1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\t\r\n"
    )
    if controls > max(2, len(sample) // 200):
        raise NotText(_("The file holds binary data, not text."), codec=asked)
    return DecodedText(text, codec)
