"""The register of UK areas, and how an area written in a file is found in it.

Publishers write the same place in many ways: an ONS code (`W06000016`), an
NHS ODS code (`7A5`, `QHM`, `RTD`), an old three-digit council code (DfE's
`909`, NHS Digital's `102`), a name with padding or other spelling
(`"Rhondda Cynon Taff "`, `"Bristol, City of"`, `"St. Helens"`, Welsh
`"Caerdydd"`), or a code and a name in one cell (`"102 - Cumbria"`,
`"E06000001 Hartlepool"`). `resolve_areas` finds each in the register shipped
in `data/uk_areas.csv` (sources in `data/SOURCES.md`) or says it is unknown.

It never guesses: a name or code that fits several areas stays unknown unless
the rest of the column settles it (a column of council areas takes "Fife" as
the council area; a column of health boards, as NHS Fife), and a superseded
area gives way to the current one of the same name only. Unknown areas are
listed for the user to match.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REGISTER_FILE = Path(__file__).resolve().parent / "data" / "uk_areas.csv"
ONS_CODE = re.compile(r"^[EWSNK]\d{8}$")
THREE_DIGITS = re.compile(r"^\d{3}$")
# A code the register may hold: ONS (9), ODS (3 to 5 letters and digits) or three digits.
CODE_LIKE = re.compile(r"^(?:[A-Z]\d{8}|[A-Z0-9]{3,5})$")
SEPARATED = re.compile(r"^(?P<code>[A-Za-z0-9]{3,9})\s*(?:[-–—:|]\s*|\s+)(?P<name>.*\S)$")
BRACKETED = re.compile(r"^(?P<name>.*\S)\s*\((?P<code>[A-Za-z0-9]{3,9})\)$")
# Words that only say what kind of body a name is; dropped for a looser match.
BODY_WORDS = re.compile(
    r"\b(?:metropolitan borough council|county borough council|borough council|district council|"
    r"county council|city council|council|london borough of|royal borough of|city and county of|"
    r"university health board|teaching health board|local health board|health board|nhs board|"
    r"integrated care board|icb|nhs foundation trust|nhs trust|hsc trust|health and social care trust|"
    r"nhs|ua|uhb|lhb|the)\b"
)


@dataclass(frozen=True)
class RegisteredArea:
    """One area of the register: its codes, names and whether it is still in use."""

    code: str
    name: str
    kind: str
    nation: str
    current: bool
    replaced_by: tuple[str, ...] = ()
    ods_code: str = ""
    dfe_code: str = ""
    cassr_code: str = ""
    welsh_name: str = ""
    other_names: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.code or self.ods_code or self.name

    @property
    def best_code(self) -> str:
        """The code to store: the ONS code, else the ODS code, else none."""
        return self.code or self.ods_code

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name, self.welsh_name, *self.other_names) if n)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c for c in (self.code, self.ods_code, self.dfe_code, self.cassr_code) if c)


def normal_name(text: str) -> str:
    """A name compared without case, padding, punctuation, '&'/'and', 'St.'/'Saint' or 'X, City of'."""
    text = " ".join(text.split()).casefold()
    inverted = re.match(r"^(.*),\s*(city of|county of|the)$", text)
    if inverted:
        text = f"{inverted.group(2)} {inverted.group(1)}"
    text = text.replace("&", " and ").replace("ô", "o").replace("â", "a").replace("ŵ", "w").replace("ŷ", "y")
    text = re.sub(r"[^0-9a-z]+", " ", text)
    text = re.sub(r"\bsaint\b", "st", text)
    return " ".join(text.split())


def name_stem(text: str) -> str:
    """A normal name without the words that only say what kind of body it is."""
    stem = " ".join(BODY_WORDS.sub(" ", normal_name(text)).split())
    return stem or normal_name(text)


class AreaRegister:
    """Register entries looked up by any of their codes or names."""

    def __init__(self, entries: Iterable[RegisteredArea]):
        self.entries = list(entries)
        self.by_code: dict[str, list[RegisteredArea]] = {}
        self.by_name: dict[str, list[RegisteredArea]] = {}
        self.by_stem: dict[str, list[RegisteredArea]] = {}
        for entry in self.entries:
            for code in dict.fromkeys(entry.codes):
                self.by_code.setdefault(code.upper(), []).append(entry)
            for index, key in ((self.by_name, normal_name), (self.by_stem, name_stem)):
                for value in dict.fromkeys(key(name) for name in entry.names):
                    index.setdefault(value, []).append(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def current(self, kind: str | None = None) -> list[RegisteredArea]:
        return [e for e in self.entries if e.current and (kind is None or e.kind == kind)]

    def with_code(self, code: str) -> list[RegisteredArea]:
        return list(self.by_code.get(code.strip().upper(), ()))

    def named(self, name: str) -> list[RegisteredArea]:
        """Entries with this name exactly (as `normal_name` compares), else by its stem."""
        exact = self.by_name.get(normal_name(name))
        return list(exact) if exact else list(self.by_stem.get(name_stem(name), ()))

    def loosely_named(self, name: str) -> list[RegisteredArea]:
        """Entries whose name without the kind of body matches: "Fife" finds NHS Fife too."""
        return list(dict.fromkeys([*self.by_name.get(normal_name(name), ()), *self.by_stem.get(name_stem(name), ())]))

    def name_fits(self, entry: RegisteredArea, name: str) -> bool:
        return entry in self.by_name.get(normal_name(name), ()) or entry in self.by_stem.get(name_stem(name), ())


def _read_register(path: Path) -> AreaRegister:
    with path.open(encoding="utf-8", newline="") as handle:
        return AreaRegister(
            RegisteredArea(
                code=row["code"], name=row["name"], kind=row["kind"], nation=row["nation"],
                current=row["status"] == "current",
                replaced_by=tuple(c for c in row["replaced_by"].split(",") if c),
                ods_code=row["ods_code"], dfe_code=row["dfe_code"], cassr_code=row["cassr_code"],
                welsh_name=row["welsh_name"],
                other_names=tuple(n for n in row["other_names"].split("|") if n),
            )
            for row in csv.DictReader(handle)
        )


@lru_cache(maxsize=1)
def uk_register() -> AreaRegister:
    """The shipped register of UK areas (read once)."""
    return _read_register(REGISTER_FILE)


def split_code_and_name(text: str, register: AreaRegister | None = None) -> tuple[str, str]:
    """("102", "Cumbria") from "102 - Cumbria"; ("", text) when the cell holds no code.

    A leading or bracketed part counts as a code only if it looks like one
    (ONS, three digits) or the register knows it, so "Isle of Wight" stays whole."""
    text = " ".join(text.split())
    register = register or uk_register()
    for pattern in (SEPARATED, BRACKETED):
        found = pattern.match(text)
        if found:
            code = found.group("code").upper()
            if ONS_CODE.match(code) or THREE_DIGITS.match(code) or (
                CODE_LIKE.match(code) and any(ch.isdigit() for ch in code) and register.with_code(code)
            ):
                return code, found.group("name").strip(" -–—:")
    return "", text


@dataclass
class AreaResolution:
    """What a file's (code, name) is: the register entry, or unknown with the candidates seen."""

    code: str
    name: str
    entry: RegisteredArea | None = None
    candidates: list[RegisteredArea] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return self.entry is not None

    @property
    def ambiguous(self) -> bool:
        return self.entry is None and len(self.candidates) > 1

    @property
    def full_code(self) -> str:
        """The code to store: the file's ONS code, else the register's code, else the file's."""
        if self.code and ONS_CODE.match(self.code):
            return self.code
        if self.entry is not None and self.entry.best_code:
            return self.entry.best_code
        return self.code

    @property
    def full_name(self) -> str:
        return self.name or (self.entry.name if self.entry else "")


def clean_area(code: str, name: str, register: AreaRegister | None = None) -> tuple[str, str]:
    """The code and name of a file's area with padding trimmed and a code-and-name cell split."""
    register = register or uk_register()
    code, name = " ".join((code or "").split()).upper(), " ".join((name or "").split())
    if code and not name and not CODE_LIKE.match(code):
        code, name = split_code_and_name(code, register)
        if not code:
            code, name = "", name
    elif name and not code:
        code, name = split_code_and_name(name, register)
        if not code and CODE_LIKE.match(name.upper()) and register.with_code(name):
            code, name = name.upper(), ""
    return code, name


def _candidates(register: AreaRegister, code: str, name: str) -> list[RegisteredArea]:
    if code:
        by_code = register.with_code(code)
        if by_code and name:
            fitting = [e for e in by_code if register.name_fits(e, name)]
            if fitting:
                return fitting
            # An ONS or ODS code names one area whatever the spelling beside it;
            # an old three-digit code is only trusted when the name agrees.
            return by_code if not THREE_DIGITS.match(code) and len(by_code) == 1 else []
        if by_code:
            return by_code
        if ONS_CODE.match(code):
            return []
    return register.named(name) if name else []


def _choose(candidates: list[RegisteredArea], kinds: Counter) -> RegisteredArea | None:
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        return None
    ranked = sorted({c.kind for c in candidates}, key=lambda kind: -kinds[kind])
    if len(ranked) > 1 and kinds[ranked[0]] > kinds[ranked[1]]:
        candidates = [c for c in candidates if c.kind == ranked[0]]
    current = [c for c in candidates if c.current]
    if len(current) == 1 and len({normal_name(c.name) for c in candidates}) == 1:
        return current[0]
    return candidates[0] if len(candidates) == 1 else None


def resolve_areas(
    pairs: Iterable[tuple[str, str]], register: AreaRegister | None = None
) -> dict[tuple[str, str], AreaResolution]:
    """Resolve each (code, name) of a file's area column(s) in the register, keyed by the pair given.

    Resolved as a column: a name that fits areas of several kinds takes the
    kind most of the column's other areas are."""
    register = register or uk_register()
    found: dict[tuple[str, str], AreaResolution] = {}
    kinds: Counter = Counter()
    for pair in dict.fromkeys(pairs):
        code, name = clean_area(*pair, register)
        candidates = _candidates(register, code, name)
        found[pair] = AreaResolution(code, name, candidates[0] if len(candidates) == 1 else None, candidates)
        loose = {e.kind for e in register.loosely_named(name)} if name and not code else set()
        if len(candidates) == 1 and loose <= {candidates[0].kind}:
            kinds[candidates[0].kind] += 1
    usual = _usual_kind(kinds)
    for resolution in found.values():
        if resolution.entry is None:
            resolution.entry = _choose(resolution.candidates, kinds)
        if usual and resolution.name and (resolution.entry is None or not kinds[resolution.entry.kind]):
            # A column of health boards writes "Fife" for NHS Fife, not the council;
            # but "Powys" among Welsh councils and health boards stays the council.
            loose = [e for e in register.loosely_named(resolution.name) if e.kind == usual]
            loose = [e for e in loose if e.current] if len(loose) > 1 else loose
            if not resolution.code and len(loose) == 1:
                resolution.entry = loose[0]
    return found


def _usual_kind(kinds: Counter) -> str | None:
    """The kind most of a column's areas are, if most of them are one kind."""
    if not kinds:
        return None
    kind, count = kinds.most_common(1)[0]
    return kind if count * 2 > sum(kinds.values()) else None


def resolve_area(code: str, name: str, register: AreaRegister | None = None) -> AreaResolution:
    """One area on its own (no column to settle an ambiguity)."""
    return resolve_areas([(code, name)], register)[(code, name)]
