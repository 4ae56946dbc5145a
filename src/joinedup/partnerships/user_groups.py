"""The group of people a partnership serves, read from its free text.

A partnership's "People it serves" is free text ("Frail older people",
"Older people in hospital and their carers"), so two partnerships for the
same people rarely use the same words. Each text is therefore put into one
of a short, fixed list of user groups by the words it contains: the first
group in USER_GROUPS with a matching word or phrase wins, so the more
specific groups come first and "carers" or "adults" only count when nothing
more specific is named. A text that matches none is not classified, and
its partnership is compared with no one.
"""

from __future__ import annotations

import re

# (key, label, words or phrases), most specific first. Matched as whole
# words, ignoring case; a trailing * matches any ending ("disab*").
USER_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("children", "children and young people",
     ("child*", "young people", "young person", "young carer*", "youth", "famil*", "teenager*", "school*",
      "infant*", "baby", "babies", "care leaver*", "looked after")),
    ("mental_health", "people with mental health problems",
     ("mental health", "mental illness", "psychosis", "dementia", "crisis")),
    ("learning_disability", "people with a learning disability or autism",
     ("learning disabilit*", "learning disabled", "autis*", "neurodivers*")),
    ("substance_use", "people who use drugs or alcohol",
     ("drug*", "alcohol", "substance*", "addiction*")),
    ("homelessness", "people who are homeless",
     ("homeless*", "rough", "sleeping rough", "rough sleep*", "temporary accommodation",
      "no fixed abode")),
    ("safeguarding", "adults at risk of abuse or neglect",
     ("safeguarding", "abuse", "neglect", "exploitation")),
    ("older_people", "older people",
     ("older", "elderly", "frail*", "frailty", "over 65*", "over-65*", "later life")),
    ("long_term_conditions", "people with long-term conditions",
     ("long-term condition*", "long term condition*", "chronic", "diabetes", "copd",
      "multimorbidity")),
    ("physical_disability", "people with a physical or sensory disability",
     ("physical disabilit*", "sensory", "disab*", "sight loss", "deaf*", "blind*")),
    ("adults_with_care_needs", "adults with care and support needs",
     ("care and support", "care needs", "support needs", "social care")),
    ("carers", "carers", ("carer*", "unpaid care*")),
    ("whole_population", "the whole population",
     ("everyone", "whole population", "all residents", "all adults", "population",
      "residents", "community", "communities")),
)

LABELS = {key: label for key, label, _ in USER_GROUPS}


def _pattern(words: tuple[str, ...]) -> re.Pattern:
    parts = []
    for word in words:
        stem = re.escape(word.rstrip("*")).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
        parts.append(rf"\b{stem}\w*" if word.endswith("*") else rf"\b{stem}\b")
    return re.compile("|".join(parts), re.IGNORECASE)


_PATTERNS = [(key, _pattern(words)) for key, _label, words in USER_GROUPS]


def user_group_of(text: str) -> str | None:
    """The key of the user group a "People it serves" text belongs to, or None."""
    for key, pattern in _PATTERNS:
        if pattern.search(text or ""):
            return key
    return None
