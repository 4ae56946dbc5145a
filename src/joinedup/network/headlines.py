"""The two or three network facts that matter most, for the workspace's
overview and each partnership's page: which partnership shares most of its
members with another, who sits in many rooms with no deputy, and whose voices
are missing. Each says which part of the network page explains it.

Kept cheap: the overlaps are `metrics.overlapping_pairs` (the network page's
own figures, kept in the database: network/kept.py), but nobody's betweenness is worked out — counting rooms and
deputies is enough for a sentence."""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
    deputised = web.seating_on(day).sent_deputies
    return rooms, deputised


def _person(web, x, rooms, deputised):
    name = web.people[x].name if x in web.people else _("Someone")
    deputy = _("has a deputy") if x in deputised else _("has no deputy")
    return _("%(name)s sits in %(rooms)s partnerships and %(deputy)s") % {"name": name, "rooms": rooms[x], "deputy": deputy}


def _shares(count, of, what):
    if of:
        return _("%(count)s of %(of)s %(what)s") % {"count": count, "of": of, "what": what}
    return f"{count} {what}"


def workspace_headlines(web, day, limit=3, pairs=None):
    """The locality's most alike pair of partnerships, its busiest person in
    several rooms, and the voices missing from every room. `pairs`: the web's
    overlapping pairs if kept (network/kept.py)."""
    found = []
    members = web.members_on(day)
    pairs = metrics.overlapping_pairs(web, day) if pairs is None else pairs
    if pairs:
        pair = pairs[0]
        first, second = web.partnerships[pair.first_id], web.partnerships[pair.second_id]
        smaller = min(len(members[pair.first_id]), len(members[pair.second_id]))
        shared = []
        if pair.shared_organisations:
            shared.append(_shares(pair.shared_organisations, smaller, _("member organisations")))
        if pair.shared_people:
            shared.append(ngettext("%(count)s person", "%(count)s people", pair.shared_people)
                          % {"count": pair.shared_people})
        found.append(Headline(_("%(name)s and %(name2)s share %(join)s.") % {"name": first.name, "name2": second.name, "join": _(" and ").join(shared)}, "merge"))
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
        sectors = _(" or ").join(str(m).lower() for m in missing)
        found.append(Headline(ngettext("No partnership has a member from the %(sectors)s sector.",
                                       "No partnership has a member from the %(sectors)s sectors.",
                                       len(missing)) % {"sectors": sectors}, "whole"))
    elif outside:
        found.append(Headline(ngettext("%(count)s organisation is in no partnership.",
                                       "%(count)s organisations are in no partnership.",
                                       len(outside)) % {"count": len(outside)}, "whole"))
    return found[:limit]


def partnership_headlines(web, day, partnership_id, limit=3, pairs=None):
    """For one partnership: the partnership it shares most with, the person
    in its room who sits in most partnerships, and whether the people it serves
    and the community have a voice in it. `pairs`: as for `workspace_headlines`."""
    if partnership_id not in web.partnerships:
        return []
    found = []
    members = web.members_on(day)
    own = members.get(partnership_id, set())
    seated = web.people_on(day).get(partnership_id, set())
    pairs = metrics.overlapping_pairs(web, day) if pairs is None else pairs
    mine = [p for p in pairs if partnership_id in (p.first_id, p.second_id)]
    if mine:
        pair = max(mine, key=lambda p: (p.shared_organisations, p.shared_people, p.score))
        other = web.partnerships[pair.second_id if pair.first_id == partnership_id else pair.first_id]
        if pair.shared_organisations:
            text = _("Shares %(shared)s with %(name)s") % {
                "shared": _shares(pair.shared_organisations, len(own), _("member organisations")), "name": other.name}
            if pair.shared_people:
                text += _(", and %(shared)s") % {"shared": _shares(pair.shared_people, len(seated), _("people in the room"))}
        else:
            text = _("Shares %(shared)s with %(name)s") % {
                "shared": _shares(pair.shared_people, len(seated), _("people in the room")), "name": other.name}
        found.append(Headline(text + ".", "merge"))
    rooms, deputised = _rooms_and_deputies(web, day)
    several = [x for x in seated if rooms[x] >= 2]
    if several:
        busiest = min(several, key=lambda x: (x in deputised, -rooms[x], web.people[x].name if x in web.people else ""))
        found.append(Headline(_person(web, busiest, rooms, deputised) + ".", "people"))
    sectors = {web.organisations[o].sector for o in own if o in web.organisations}
    if own and not sectors & COMMUNITY_SECTORS:
        found.append(Headline(_("No member is a user-led or voluntary organisation: the voices of the people it serves and of the community are missing."), "suggestions"))
    elif own:
        groups = {web.group_of(s) for s in sectors}
        diversity = metrics.blau_index([web.group_of(web.organisations[o].sector)
                                        for o in own if o in web.organisations])
        found.append(Headline(ngettext(
            "Its %(members)s members come from %(groups)s sector group (sector diversity %(diversity)s).",
            "Its %(members)s members come from %(groups)s sector groups (sector diversity %(diversity)s).",
            len(groups)) % {"members": len(own), "groups": len(groups), "diversity": f"{diversity:.2f}"}, "suggestions"))
    return found[:limit]
