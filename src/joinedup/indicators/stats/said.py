"""Sentences the statistics engine writes that a page can say in its own language.

The engine has no Django (it runs in ``joinedup analyse`` on any CSV file), so it
writes English. Each sentence a page shows is made with `Said`: a `str` (the
English, as before: the command line, JSON and tests read it as text) that also
keeps the message it was made from and the values put into it, so that the page
translates the message and fills in the same values (indicators/plain_readings.py,
`translated`). The messages are marked for the translators' catalogue with
`gettext_noop` and `ngettext` below: plain functions with the names makemessages
looks for, which translate nothing themselves. A number put into a sentence is a
`Number`: the text Python writes ("0.010", "1,234"), which a page writes with its own
language's separators."""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Marks an English message for the catalogue; returns it unchanged."""
    return message


def ngettext(singular: str, plural: str, count: int) -> tuple[str, str, int]:
    """Marks a message with a singular and a plural for the catalogue; `Said` picks the
    English form by `count` (and a page the form its own language needs)."""
    return (singular, plural, count)


class Said(str):
    """An English sentence made from a message and its values (named placeholders)."""

    message: str | tuple[str, str, int]
    values: dict

    def __new__(cls, message, **values):
        if isinstance(message, tuple):
            singular, plural, count = message
            english = singular if count == 1 else plural
        else:
            english = message
        text = super().__new__(cls, english % values if values else english)
        text.message, text.values = message, values
        return text

    def __reduce__(self):
        # Kept in the cache (pickled) with what it was made from, not only its English.
        return (_remade, (self.message, self.values))

    def __add__(self, other):
        return Joined([self, other])

    def __radd__(self, other):
        return Joined([other, self])


class Number(str):
    """A number as Python writes it ("0.010", "12,345"): a page writes it with its own
    language's decimal and thousands separators (indicators/plain_readings.py)."""


def caution_note(warnings) -> str:
    """"Treat this with caution: 2 warnings about the data are listed.", or "" without any."""
    if not warnings:
        return ""
    return Said(ngettext("Treat this with caution: %(count)s warning about the data is listed.",
                         "Treat this with caution: %(count)s warnings about the data are listed.",
                         len(warnings)), count=len(warnings))


def _remade(message, values):
    return Said(message, **values)


class Joined(str):
    """Sentences one after another, a space between ("… Treat this with caution: …"),
    each said in turn; empty ones left out."""

    parts: list

    def __new__(cls, parts):
        flat = []
        for part in parts:
            flat += part.parts if isinstance(part, Joined) else [part] if part else []
        text = super().__new__(cls, " ".join(flat))
        text.parts = flat
        return text

    def __reduce__(self):
        return (Joined, (self.parts,))

    def __add__(self, other):
        return Joined([self, other])
