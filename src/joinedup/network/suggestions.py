"""Who could add a different view to a partnership: organisations of the
workspace that would widen its mix of sectors, the most relevant first."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from joinedup.partnerships.user_groups import LABELS, user_group_of

from .metrics import blau_index
from .web import COMMUNITY_SECTORS


@dataclass(frozen=True)
class Suggestion:
    organisation_id: int
    name: str
    sector: str
    diversity_gain: float
    # The organisation's other partnerships serving the same people.
    same_people_in: tuple[str, ...]
    reason: str


def _reason(web, organisation, groups, same_people_in, group):
    label = web.sector_label(organisation.sector)
    if web.group_of(organisation.sector) not in groups:
        text = _("Adds the %(lower)s sector, which no member is in") % {"lower": label.lower()}
    else:
        text = _("Adds a member from the %(lower)s sector, which few members are in") % {"lower": label.lower()}
    if organisation.sector in COMMUNITY_SECTORS:
        text += _(": a voice from the community or of the people served")
    if same_people_in:
        text += _("; already works with %(LABELS)s in %(join)s") % {"LABELS": LABELS[group], "join": ', '.join(same_people_in)}
    return text + "."


def suggestions_for(web, partnership_id, day, limit=10):
    """Organisations not in the partnership on the day that would raise its
    sector diversity (Blau's index), ranked by the rise, then by how many of
    their other partnerships serve the same user group, then by name."""
    members = web.members_on(day)
    own = members.get(partnership_id, set())
    groups = [web.group_of(web.organisations[o].sector) for o in own if o in web.organisations]
    before = blau_index(groups)
    group = user_group_of(web.partnerships[partnership_id].user_groups)
    serving = {
        pid for pid, p in web.partnerships.items()
        if pid != partnership_id and group is not None and user_group_of(p.user_groups) == group
    }
    found = []
    for organisation in web.organisations.values():
        if organisation.id in own:
            continue
        gain = blau_index([*groups, web.group_of(organisation.sector)]) - before
        if gain <= 1e-12:
            continue
        same = tuple(sorted(
            web.partnerships[pid].name for pid in serving if organisation.id in members.get(pid, ())
        ))
        found.append(Suggestion(
            organisation.id, organisation.name, organisation.sector, gain, same,
            _reason(web, organisation, set(groups), same, group),
        ))
    found.sort(key=lambda s: (-round(s.diversity_gain, 9), -len(s.same_people_in), s.name))
    return found[:limit]


def sectors_to_seek(web, partnership_id, day):
    """The user-led and voluntary sectors when the partnership has no member in
    them and no organisation of the workspace is in them either: voices to
    look for outside the register."""
    in_workspace = {o.sector for o in web.organisations.values()}
    own = {
        web.organisations[o].sector for o in web.members_on(day).get(partnership_id, ())
        if o in web.organisations
    }
    return [
        (value, label) for value, label in web.sectors
        if value in COMMUNITY_SECTORS and value not in own and value not in in_workspace
    ]
