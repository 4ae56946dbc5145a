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


@dataclass(frozen=True, order=True)
class Seat:
    """Someone who sat in a partnership's room in the year up to a day (in
    person or as someone's deputy): their first meeting of it up to that day,
    and their minutes in its meetings in the year."""

    partnership_id: int
    person_id: int
    first_day: date
    minutes: int = 0


@dataclass(frozen=True)
class Seating:
    """What the metrics need of the attendance lines, as at one day: the seats
    of that year, and everyone who has ever sent a deputy (any day)."""

    day: date
    seats: tuple[Seat, ...] = ()
    sent_deputies: frozenset[int] = frozenset()


def seating_of(attendances, day):
    """The seating as at the day worked out from every attendance line (a
    hand-made web's); `network.records` asks the database for the same."""
    since = day - ATTENDANCE_WINDOW
    first, minutes, seated = {}, {}, set()
    for a in attendances:
        if a.sent_deputy or a.day > day:
            continue
        key = (a.partnership_id, a.person_id)
        if key not in first or a.day < first[key]:
            first[key] = a.day
        if since < a.day:
            seated.add(key)
            minutes[key] = minutes.get(key, 0) + a.minutes
    return Seating(
        day=day,
        seats=tuple(Seat(pid, x, first[(pid, x)], minutes[(pid, x)]) for pid, x in sorted(seated)),
        sent_deputies=frozenset(a.person_id for a in attendances if a.sent_deputy),
    )


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
    # The attendance as the database summed it up for one day
    # (`network.records.web_as_at`), in place of every line: such a web is
    # looked at on that day only.
    seating: Seating | None = None

    def seating_on(self, day):
        """The year's seats to the day and who has ever sent a deputy."""
        if self.seating is not None:
            if self.seating.day != day:
                raise ValueError(f"This web was read as at {self.seating.day}, not {day}")
            return self.seating
        if ("seating", day) not in self._on_day:
            self._on_day[("seating", day)] = seating_of(self.attendances, day)
        return self._on_day[("seating", day)]

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
        seated = {pid: set() for pid in self.partnerships}
        for seat in self.seating_on(day).seats:
            if seat.partnership_id in seated:
                seated[seat.partnership_id].add(seat.person_id)
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
