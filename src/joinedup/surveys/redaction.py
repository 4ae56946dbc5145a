"""Remove personal details from free text before anyone sees it.

Comments from staff and service users are shown as quotes and passed on as
obstacles, so names, phone numbers, e-mail addresses, NHS numbers and
postcodes are replaced by a marker such as "[name]". The approach is
practical rather than perfect, and errs towards removing too much:

* e-mail addresses and UK postcodes by pattern;
* UK phone numbers (07..., 01..., 02..., 03..., 08..., +44 ..., with spaces,
  dashes or brackets) by pattern plus a check on the number of digits;
* NHS numbers: ten digits, alone or as 3-3-4 with spaces or dashes, whose
  last digit passes the modulus 11 check, so that other ten-digit reference
  numbers are left alone;
* names: a title followed by a capitalised word ("Dr Okafor"), "my name is
  X" and similar, a first name from a built-in list of common UK first
  names (with the surname after it), and two or more capitalised words in a
  row that are not ordinary English words or service names ("Priya
  Chaudhry", but not "Adult Social Care").

No model is downloaded. Quotes should still be read by a person before they
are published: a comment can identify someone without a name in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

NAME = "[name]"
PHONE = "[phone number]"
EMAIL = "[email address]"
NHS_NUMBER = "[NHS number]"
POSTCODE = "[postcode]"

# Common first names in England, Wales and Scotland across generations
# (ONS and NRS baby-name lists, 1950s to 2020s). Names that are also common
# words ("Will", "May", "Grace", "Hope", "Mark", "Bill") are left out: a
# surname after them is still caught by the capitalised-words rule.
FIRST_NAMES = frozenset(
    """
    aaliyah abdul abigail adam adrian ahmed aidan aisha alan albert alex alexander alfie alice alison
    amanda amber amelia amir amy andrea andrew angela ann anna anne anthony archie arthur ava barbara
    barry ben benjamin beth bethan betty brenda brian bronwen callum carl carol caroline catherine
    charles charlie charlotte chloe chris christine christopher claire colin connor craig daniel
    darren david dawn debbie deborah declan dennis derek dewi diane donna dorothy dylan edward eileen
    eleanor elizabeth ella ellie emily emma eric ethan evie fatima fiona frances freddie freya gareth
    gary gavin geoffrey george georgia gillian gordon graham gwen gwyneth hannah harriet harry hassan
    hayley heather helen henry holly hussain ian imran iris isaac isabella isla ivy jacob jacqueline
    james jamie jane janet jason jayden jean jennifer jessica joan joanne john jonathan joseph joshua
    joyce judith julie karen kate katherine kathleen katie keith kelly kenneth kerry kevin kieran
    laura lauren leah lee leo leon lewis liam lily linda lisa logan lola louise lucy luke lynn
    margaret maria marie martin mary matthew maureen megan michael michelle mohammed mohammad muhammad
    nadia naomi natalie nathan neil nicholas nicola noah oliver olivia oscar owen paul pauline peter
    philip priya rachel rebecca rhian rhys richard robert ryan sam samantha samuel sandra sara sarah
    scott sean sharon shaun sheila shirley sian simon sophie stephen steven stuart susan teresa
    thomas tom tracey tracy valerie victoria wendy william yasmin zainab zara zoe
    """.split()
)
TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Cllr|Councillor|Rev|Nurse|Sister)\.?"
# Capitalised words that are part of service or place names, of the calendar,
# or common at the start of a sentence ("Ring Sarah"), and so do not make a
# name even when capitalised words stand together.
NOT_NAMES = frozenset(
    """
    nhs gp gps a&e adult adults social care services service council housing health mental trust
    board hospital infirmary ward unit centre center team community district practice surgery
    primary secondary acute emergency department clinic university royal general county city
    borough police fire rescue ambulance school college children children's family families
    carers carer advice citizens age uk cymru wales england scotland welsh english british local
    authority association support network partnership occupational therapy therapist nursing
    street road lane avenue close drive court house home north south east west central
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december christmas easter covid i i'm i've i'd
    ring call phone email text contact ask tell speak talk write visit meet try see thanks thank
    please sorry maybe also still just really sadly luckily unfortunately hopefully honestly
    yes ok okay dear hi hello
    """.split()
)

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b", re.IGNORECASE)
_NHS_NUMBER = re.compile(r"(?<![\d+])(\d{3})([ -]?)(\d{3})\2(\d{4})(?!\d)")
# Measured against the `phonenumbers` library on tests/surveys/test_redaction.py's
# texts: with its default leniency (VALID) it missed 9 of the 13 numbers (it
# rejects Ofcom's ranges for fiction, 07700 900xxx and 01632 960xxx, which
# our texts use); with POSSIBLE it found the same 13 but also took NHS
# numbers, a date ("12 03 2024"), a case reference and "5919" for phone
# numbers, and split "0113 496 0000 2 times" wrongly. It found no number
# these patterns miss, so they stay and the library is not a dependency.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)44[\s-]?(?:\(0\)[\s-]?)?|\(0\d{2,4}\)[\s-]?|0)[\d\s-]{7,14}\d(?!\d)"
)
_WORD = r"(?:[A-Z]')?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-'][A-Z]?[a-z]+)*"  # Jones, O'Neill, McKay
_TITLED = re.compile(rf"\b{TITLES}\s+(?:{_WORD}|[A-Z]\b)(?:\s+{_WORD})?")
_INTRODUCED = re.compile(
    rf"\b(?:[Mm]y name is|[Cc]alled|[Nn]amed|[Ss]poke to|[Ss]poke with|[Tt]alked to)\s+((?:{_WORD})(?:\s+{_WORD})?)"
)
_CAPITALISED_RUN = re.compile(rf"\b{_WORD}(?:\s+{_WORD})+\b")
_CAPITALISED = re.compile(rf"\b{_WORD}\b")


@dataclass(frozen=True)
class Finding:
    """A personal detail found in a text: what kind, and where."""

    kind: str
    start: int
    end: int


def is_valid_nhs_number(digits: str) -> bool:
    """True if ten digits pass the NHS number modulus 11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _is_uk_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if digits.startswith("0044"):
        digits = digits[2:]
    if digits.startswith("44"):
        digits = digits[2:]
        digits = digits[1:] if digits.startswith("0") else digits
    elif digits.startswith("0"):
        digits = digits[1:]
    else:
        return False
    return len(digits) in (9, 10) and digits[0] in "1235789"


def _phone_end(candidate: str) -> int:
    """Length of the longest start of ``candidate`` that is a UK phone number, or 0.

    The pattern is greedy, so "0113 496 0000 2 times" first gives a
    candidate with one digit too many; shorter endings are tried.
    """
    for end in range(len(candidate), 0, -1):
        if candidate[end - 1].isdigit() and _is_uk_phone(candidate[:end]):
            return end
    return 0


def find_personal_details(text: str) -> list[Finding]:
    """Every personal detail found, earliest first, without overlaps."""
    findings: list[Finding] = []
    for match in _EMAIL.finditer(text):
        findings.append(Finding(EMAIL, *match.span()))
    for match in _NHS_NUMBER.finditer(text):
        if is_valid_nhs_number(match.group(1) + match.group(3) + match.group(4)):
            findings.append(Finding(NHS_NUMBER, *match.span()))
    for match in _PHONE.finditer(text):
        end = _phone_end(match.group())
        if end:
            findings.append(Finding(PHONE, match.start(), match.start() + end))
    for match in _POSTCODE.finditer(text):
        findings.append(Finding(POSTCODE, *match.span()))
    findings.extend(_names(text))
    return _without_overlaps(findings)


def _names(text: str) -> list[Finding]:
    found = [Finding(NAME, *m.span()) for m in _TITLED.finditer(text)]
    found += [
        Finding(NAME, *m.span(1))
        for m in _INTRODUCED.finditer(text)
        if not _is_ordinary(m.group(1).split()[0])
    ]
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group().split()
        if not any(_is_ordinary(word) for word in words):
            found.append(Finding(NAME, *match.span()))
    for match in _CAPITALISED.finditer(text):
        if match.group().lower() in FIRST_NAMES:
            end = match.end()
            surname = re.match(rf"\s+({_WORD})", text[end:])
            if surname and not _is_ordinary(surname.group(1)):
                end += surname.end()
            found.append(Finding(NAME, match.start(), end))
    return found


@cache
def _stop_words() -> frozenset[str]:
    # Imported on first use: loading scikit-learn takes seconds, and every web
    # process imports this module through the URLs.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return ENGLISH_STOP_WORDS


def _is_ordinary(word: str) -> bool:
    lowered = word.lower()
    return lowered in _stop_words() or lowered in NOT_NAMES


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep the earliest, then longest, of overlapping findings."""
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and finding.start < kept[-1].end:
            if finding.end > kept[-1].end and finding.kind == kept[-1].kind:
                kept[-1] = Finding(finding.kind, kept[-1].start, finding.end)
            continue
        kept.append(finding)
    return kept


def redact(text: str) -> str:
    """The text with personal details replaced by markers such as "[name]"."""
    pieces, position = [], 0
    for finding in find_personal_details(text):
        pieces.append(text[position : finding.start])
        pieces.append(finding.kind)
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)
