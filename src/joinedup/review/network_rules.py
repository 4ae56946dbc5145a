"""Network rules: a partnership that duplicates another, and a broker with
no deputy. They read `facts.network` (network/review_facts.py). Their family,
"network", informs but does not change the verdict (review/verdict.py):
duplication and key people are for the locality to settle across
partnerships. Registered on import by review/rules.py.

Low sector diversity, no user-led or voluntary member and membership
unchanged for years are the staleness rules (review/staleness_rules.py)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .rules import Evidence, rule

NETWORK_DEFAULTS = {
    # network.high_overlap: fires when half or more of the organisations, or of
    # the people, are shared with another partnership (Jaccard).
    "network_overlap_share": 0.5,
    # network.broker_without_deputy: someone in at least this many
    # partnerships, or in at least the smaller number when their leaving would
    # split the web, who has never sent a deputy. (Two rooms is no more than
    # a link between two partnerships: not yet a key person.)
    "network_broker_partnerships": 5,
    "network_broker_partnerships_if_splitting": 3,
}


def limit(thresholds, key):
    return thresholds.get(key, NETWORK_DEFAULTS[key])


@rule(
    "network.high_overlap",
    gettext_lazy("Much the same partners as another partnership"),
    "medium",
    gettext_lazy("Partnerships with the same organisations and people around the table duplicate each other's work and meetings, and spend the same people's time twice."),
)
def high_overlap(facts, today, thresholds):
    share = float(limit(thresholds, "network_overlap_share"))
    alike = [
        o for o in (facts.network.overlaps if facts.network else ())
        if max(o.organisation_overlap, o.people_overlap) >= share
    ]
    if not alike:
        return []
    return [(
        [Evidence(_("Shares %(shared_organisations)s organisations (overlap %(organisation_overlap)s) and %(shared_people)s people (overlap %(people_overlap)s) with %(other)s; outcome similarity %(outcome_similarity)s.") % {"shared_organisations": o.shared_organisations, "organisation_overlap": format(o.organisation_overlap, ".2f"), "shared_people": o.shared_people, "people_overlap": format(o.people_overlap, ".2f"), "other": o.other, "outcome_similarity": format(o.outcome_similarity, ".2f")}) for o in alike],
        _("Meet the other partnership's chair: merge the two, or agree which of them does what and share papers rather than hold the same meeting twice."),
    )]


@rule(
    "network.broker_without_deputy",
    gettext_lazy("A key person in many rooms has no deputy"),
    "medium",
    gettext_lazy("A person who ties several partnerships together is a single point of failure: if they leave or fall ill, the partnerships lose their link and what only they know."),
)
def broker_without_deputy(facts, today, thresholds):
    most = int(limit(thresholds, "network_broker_partnerships"))
    splitting = int(limit(thresholds, "network_broker_partnerships_if_splitting"))
    brokers = [
        b for b in (facts.network.people if facts.network else ())
        if not b.has_deputy and (b.partnerships >= most or (b.disconnects and b.partnerships >= splitting))
    ]
    if not brokers:
        return []
    return [(
        [Evidence((_("%(name)s sits in %(partnerships)s partnerships (betweenness %(betweenness)s), and their "
                     "leaving would split the web of partnerships, and has never sent a deputy.") if b.disconnects else
                   _("%(name)s sits in %(partnerships)s partnerships (betweenness %(betweenness)s), and has never "
                     "sent a deputy.")) % {"name": b.name, "partnerships": b.partnerships,
                                           "betweenness": format(b.betweenness, ".2f")}) for b in brokers],
        _("Name a deputy who comes to some meetings and reads the papers, and share what this person knows; ask whether they need to be in every room."),
    )]
