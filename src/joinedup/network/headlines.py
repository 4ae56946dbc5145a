"""The two or three network facts that matter most, for the workspace's
overview and each partnership's page: which partnership shares most of its
members with another, who sits in many rooms with no deputy, and whose voices
are missing. Each says which part of the network page explains it.

Kept cheap: the overlaps are `metrics.overlapping_pairs` (the network page's
own figures), but nobody's betweenness is worked out — counting rooms and
deputies is enough for a sentence."""

from collections import Counter
from dataclasses import dataclass

from . import metrics
from .web import COMMUNITY_SECTORS


@dataclass(frozen=True)
class Headline:
    text: str
    # Where the network page explains it: a section id of the network page, or
    # "suggestions" for the partnership's suggestions page.
    section: str


def _rooms_and_deputies(web, day):
    """How many partnerships each person sat in in the year to the day, and
    who has ever sent a deputy (as metrics.person_figures counts them)."""
    rooms = Counter(x for people in web.people_on(day).values() for x in people)
    deputised = {a.person_id for a in web.attendances if a.sent_deputy}
    return rooms, deputised


def _person(web, x, rooms, deputised):
    name = web.people[x].name if x in web.people else "Someone"
    deputy = "has a deputy" if x in deputised else "has no deputy"
    return f"{name} sits in {rooms[x]} partnerships and {deputy}"


def _shares(count, of, what):
    return f"{count} of {of} {what}" if of else f"{count} {what}"


def workspace_headlines(web, day, limit=3):
    """The locality's most alike pair of partnerships, its busiest person in
    several rooms, and the voices missing from every room."""
    found = []
    members = web.members_on(day)
    pairs = metrics.overlapping_pairs(web, day)
    if pairs:
        pair = pairs[0]
        first, second = web.partnerships[pair.first_id], web.partnerships[pair.second_id]
        smaller = min(len(members[pair.first_id]), len(members[pair.second_id]))
        shared = []
        if pair.shared_organisations:
            shared.append(_shares(pair.shared_organisations, smaller, "member organisations"))
        if pair.shared_people:
            shared.append(f"{pair.shared_people} {'person' if pair.shared_people == 1 else 'people'}")
        found.append(Headline(f"{first.name} and {second.name} share {' and '.join(shared)}.", "merge"))
    rooms, deputised = _rooms_and_deputies(web, day)
    several = [x for x, n in rooms.items() if n >= 2]
    if several:
        busiest = min(several, key=lambda x: (x in deputised, -rooms[x], web.people[x].name if x in web.people else ""))
        found.append(Headline(_person(web, busiest, rooms, deputised) + ".", "people"))
    in_any = set().union(*members.values()) if members else set()
    sectors_in_use = {web.organisations[o].sector for o in in_any if o in web.organisations}
    missing = [label for value, label in web.sectors if value in COMMUNITY_SECTORS and value not in sectors_in_use]
    outside = [o for o in web.organisations if o not in in_any]
    if missing:
        found.append(Headline(f"No partnership has a member from the {' or '.join(m.lower() for m in missing)} "
                              f"sector{'s' if len(missing) > 1 else ''}.", "whole"))
    elif outside:
        found.append(Headline(f"{len(outside)} organisation{'s are' if len(outside) != 1 else ' is'} "
                              "in no partnership.", "whole"))
    return found[:limit]


def partnership_headlines(web, day, partnership_id, limit=3):
    """For one partnership: the partnership it shares most with, the person
    in its room who sits in most partnerships, and whether the people it serves
    and the community have a voice in it."""
    if partnership_id not in web.partnerships:
        return []
    found = []
    members = web.members_on(day)
    own = members.get(partnership_id, set())
    seated = web.people_on(day).get(partnership_id, set())
    mine = [p for p in metrics.overlapping_pairs(web, day) if partnership_id in (p.first_id, p.second_id)]
    if mine:
        pair = max(mine, key=lambda p: (p.shared_organisations, p.shared_people, p.score))
        other = web.partnerships[pair.second_id if pair.first_id == partnership_id else pair.first_id]
        if pair.shared_organisations:
            text = f"Shares {_shares(pair.shared_organisations, len(own), 'member organisations')} with {other.name}"
            if pair.shared_people:
                text += f", and {_shares(pair.shared_people, len(seated), 'people in the room')}"
        else:
            text = f"Shares {_shares(pair.shared_people, len(seated), 'people in the room')} with {other.name}"
        found.append(Headline(text + ".", "merge"))
    rooms, deputised = _rooms_and_deputies(web, day)
    several = [x for x in seated if rooms[x] >= 2]
    if several:
        busiest = min(several, key=lambda x: (x in deputised, -rooms[x], web.people[x].name if x in web.people else ""))
        found.append(Headline(_person(web, busiest, rooms, deputised) + ".", "people"))
    sectors = {web.organisations[o].sector for o in own if o in web.organisations}
    if own and not sectors & COMMUNITY_SECTORS:
        found.append(Headline("No member is a user-led or voluntary organisation: the voices of the people "
                              "it serves and of the community are missing.", "suggestions"))
    elif own:
        groups = {web.group_of(s) for s in sectors}
        diversity = metrics.blau_index([web.group_of(web.organisations[o].sector)
                                        for o in own if o in web.organisations])
        found.append(Headline(f"Its {len(own)} members come from {len(groups)} sector group"
                              f"{'s' if len(groups) != 1 else ''} (sector diversity {diversity:.2f}).", "suggestions"))
    return found[:limit]
