"""The locality's web as plain data: who is in which partnership, on which dates.

`network.records` reads these from the database; everything in
`network.metrics` and `network.suggestions` works on them alone, so that it
can be tested with hand-made webs and run in batch."""

from dataclasses import dataclass, field
from datetime import date, timedelta

USER_LED = "user_led"
VOLUNTARY = "voluntary_community"
# The sectors that bring the voice of the people served and of the community.
COMMUNITY_SECTORS = frozenset({USER_LED, VOLUNTARY})

# A person "sits in" a partnership on a day if they attended one of its
# meetings (in person or as someone's deputy) in the year up to that day.
ATTENDANCE_WINDOW = timedelta(days=365)


@dataclass(frozen=True)
class Organisation:
    id: int
    name: str
    sector: str


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    organisation_id: int | None = None


@dataclass(frozen=True)
class Partnership:
    id: int
    name: str
    user_groups: str = ""
    outcomes: str = ""


@dataclass(frozen=True)
class Membership:
    """An organisation in a partnership from `joined_on` to `left_on` (both
    days included; None: since always, or still a member)."""

    partnership_id: int
    organisation_id: int
    joined_on: date | None = None
    left_on: date | None = None

    def is_current(self, day):
        return (self.joined_on is None or self.joined_on <= day) and (
            self.left_on is None or self.left_on >= day
        )


@dataclass(frozen=True)
class Attendance:
    """Someone at one meeting of a partnership. `deputised` is true when they
    came in someone else's place; `sent_deputy` when they sent one."""

    partnership_id: int
    person_id: int
    day: date
    minutes: int = 0
    sent_deputy: bool = False
    deputised: bool = False


@dataclass
class Web:
    organisations: dict[int, Organisation] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    partnerships: dict[int, Partnership] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    attendances: list[Attendance] = field(default_factory=list)
    # (value, label) of every sector an organisation can be in.
    sectors: list[tuple[str, str]] = field(default_factory=list)
    # Sector → the group a partnership's mix is judged by (every NHS sector is
    # "NHS"); a sector not listed is a group of its own.
    sector_groups: dict[str, str] = field(default_factory=dict)
    # Who is in which partnership on a day, worked out once per day: a web is
    # read, then only looked at.
    _on_day: dict = field(default_factory=dict, repr=False, compare=False)

    def members_on(self, day):
        """{partnership id: set of organisation ids} on the day."""
        if ("members", day) not in self._on_day:
            self._on_day[("members", day)] = self._members_on(day)
        return self._on_day[("members", day)]

    def people_on(self, day):
        """{partnership id: set of person ids} who sat in it in the year to the day."""
        if ("people", day) not in self._on_day:
            self._on_day[("people", day)] = self._people_on(day)
        return self._on_day[("people", day)]

    def _members_on(self, day):
        members = {pid: set() for pid in self.partnerships}
        for m in self.memberships:
            if m.partnership_id in members and m.is_current(day):
                members[m.partnership_id].add(m.organisation_id)
        return members

    def _people_on(self, day):
        since = day - ATTENDANCE_WINDOW
        seated = {pid: set() for pid in self.partnerships}
        for a in self.attendances:
            if a.partnership_id in seated and since < a.day <= day and not a.sent_deputy:
                seated[a.partnership_id].add(a.person_id)
        return seated

    def memberships_by_partnership(self):
        """{partnership id: its memberships}, past and present."""
        found = {pid: [] for pid in self.partnerships}
        for m in self.memberships:
            if m.partnership_id in found:
                found[m.partnership_id].append(m)
        return found

    def group_of(self, sector):
        return self.sector_groups.get(sector, sector)

    def sector_label(self, value):
        return dict(self.sectors).get(value, value)
