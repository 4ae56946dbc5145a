"""Is an outcome stated from the service user's point of view? A plain,
documented heuristic over the words of the statement (docs/review-rules.md):

- first person ("I", "my", "me", "we", "our", "us") → the user's point of view;
- otherwise a statement that opens with the people it is for ("People …",
  "Carers …", "Older people …" within its first four words) and uses none of
  the service-centred words below → the user's point of view;
- anything else is service-centred: worded around what services do or count
  ("reduce", "deliver", "improve performance", "KPI", "targets", "%"), or not
  about people at all ("Health inequalities narrow").

It is a prompt for a conversation, not a judgement of the outcome's worth."""

import re

from django.utils.translation import gettext as _

FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|i'll|my|me|mine|we|our|us)\b", re.IGNORECASE)
PEOPLE_WORDS = (
    "people", "person", "carer", "carers", "children", "families", "family", "parents",
    "adults", "residents", "patients", "users", "everyone", "someone", "tenants",
)
SERVICE_WORDS = re.compile(
    r"\b(reduce[sd]?|reduction|deliver(s|ed|y)?|improve performance|performance|kpis?|targets?|"
    r"throughput|efficien\w*|compliance|activity|capacity|budget|spend|bed days|admissions|"
    r"waiting lists?|per ?cent)\b|%",
    re.IGNORECASE,
)


def _normalise(statement):
    return statement.replace("\u2019", "'").strip()


def service_words(statement):
    """The service-centred words in a statement, in order, lower-cased."""
    return [m.group(0).lower() for m in SERVICE_WORDS.finditer(_normalise(statement))]


def opens_with_people(statement):
    words = re.findall(r"[a-z']+", _normalise(statement).lower())[:4]
    return any(word in PEOPLE_WORDS for word in words)


def is_user_voiced(statement):
    """True when the statement reads from the point of view of the people it is for."""
    text = _normalise(statement)
    if FIRST_PERSON.search(text):
        return True
    return opens_with_people(text) and not service_words(text)


def why_not_user_voiced(statement):
    """A short reason, for the finding's evidence."""
    words = service_words(statement)
    if words:
        quoted = ", ".join(f'"{w}"' for w in dict.fromkeys(words))
        return _("worded around the service (%(quoted)s)") % {"quoted": quoted}
    return _("not worded from the point of view of the people it is for")
