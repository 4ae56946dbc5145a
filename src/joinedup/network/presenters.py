"""The network page's figures as display text, each with its plain-English meaning."""

from dataclasses import replace
from datetime import date

from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from joinedup.design_system.dates import short_date
from joinedup.partnerships.models import Partnership
from joinedup.partnerships.user_groups import LABELS, USER_GROUPS, user_group_of
from joinedup.surveys import relationships
from joinedup.surveys.results import relationship_summaries

from . import metrics
from .suggestions import sectors_to_seek, suggestions_for
from .web import Web

# What each figure means, shown beside it on the page (docs/network.md has the formulas).
MEANINGS = {
    "density": gettext_lazy("The share of pairs of partnerships that share at least one member organisation or person. High: the same organisations and people are in most rooms; low: partnerships work apart."),
    "centralisation": gettext_lazy("How far one partnership is the hub that the others connect through (Freeman). 1: a star around one partnership; 0: every partnership is as connected as the next."),
    "components": gettext_lazy("Separate groups of partnerships, organisations and people with no tie between them. More than one: parts of the locality never meet."),
    "isolated": gettext_lazy("Organisations in the register that are in no partnership: groups that never get a look in."),
    "absent": gettext_lazy("Sectors with no member in any partnership: voices missing from every room."),
    "diversity": gettext_lazy("Sector diversity (Blau's index): the chance that two members picked at random come from different sectors (every NHS body counts as the NHS, every council department as the council). 0: all from one sector, mirror images; near 1: many sectors, evenly mixed."),
    "community": gettext_lazy("The share of members that are user-led or voluntary and community organisations."),
    "tenure": gettext_lazy("How long, on average, the people in the room have been coming (years since their first meeting). Long: the same faces for years."),
    "turnover": gettext_lazy("Organisations that joined or left in the last full year, as a share of the members at its start and end together. 0: no change; 1: every member replaced."),
    "org_overlap": gettext_lazy("Shared organisations as a share of all the organisations in either partnership (Jaccard). 1: the same members."),
    "people_overlap": gettext_lazy("Shared people as a share of all the people in either (Jaccard)."),
    "outcome_similarity": gettext_lazy("How alike their outcomes and the people they serve are in words (TF-IDF cosine similarity). 1: the same words."),
    "betweenness": gettext_lazy("The share of shortest paths between partnerships (and the people in several of them) that pass through this person. High: a broker who ties partnerships together, a key-person risk."),
    "disconnects": gettext_lazy("Whether the web of rooms falls apart into more pieces if they leave."),
    "hours": gettext_lazy("Hours a month in the partnerships' meetings over the last year."),
    "trust": relationships.MEANINGS["trust"],
    "value": relationships.MEANINGS["value"],
    "relationship_whole": relationships.MEANINGS["partnership"] + gettext_lazy(" Scores come from the latest wave of the partner relationships survey, and are shown only when at least the wave's smallest group shown (5 or more) rated partners."),
    "weakest": gettext_lazy("Pairs of partners whose trust in each other scores under 2.5 (between \"a little\" and \"quite a lot\"), lowest first; only pairs rated by enough people to show."),
}


def _number(value, places=2):
    return f"{value:.{places}f}"


def _percent(value):
    return f"{round(100 * value)}%"


def _relationship(score):
    return _("Hidden: too few answered") if score.value is None else _("%(value)s out of 4") % {"value": format(score.value, ".1f")}


def _relationship_change(summary):
    if summary.previous_wave is None:
        return _("No earlier wave")
    parts = []
    for measure in relationships.MEASURES:
        change = summary.change(measure)
        parts.append(f"{measure.capitalize()} " + (_("not comparable") if change is None else f"{change:+.1f}"))
    return f"{', '.join(parts)} since {summary.previous_wave.name}"


def user_group_choices():
    return [(key, label.capitalize()) for key, label, _ in USER_GROUPS]


def filtered(web, sector="", group=""):
    """The web with only the partnerships serving the user group and having a
    member of the sector (on any day); organisations and people stay."""
    keep = dict(web.partnerships)
    if group:
        keep = {pid: p for pid, p in keep.items() if user_group_of(p.user_groups) == group}
    if sector:
        with_sector = {
            m.partnership_id for m in web.memberships
            if m.organisation_id in web.organisations and web.organisations[m.organisation_id].sector == sector
        }
        keep = {pid: p for pid, p in keep.items() if pid in with_sector}
    return replace(web, partnerships=keep, _on_day={}) if len(keep) != len(web.partnerships) else web


class NetworkPage:
    """Everything the network page shows for one web on one day."""

    PAIRS_SHOWN = 10
    PEOPLE_SHOWN = 20
    ISOLATED_SHOWN = 30

    def __init__(self, web: Web, day: date, slug: str, kept=None):
        """`kept`: the whole-web figures kept for the web (network/kept.py),
        else worked out here."""
        self.web, self.day, self.slug, self.kept = web, day, slug, kept
        self.figures = self._remembered("figures", lambda: metrics.partnership_figures(web, day))
        self.whole = kept.whole if kept else metrics.workspace_figures(web, day)
        self.pairs = kept.pairs if kept else metrics.overlapping_pairs(web, day)
        self.people_figures = kept.people if kept else metrics.person_figures(web, day)
        # When the kept figures were worked out, if before the records last changed.
        self.out_of_date_since = kept.made_at if kept and kept.out_of_date else None
        self.meanings = MEANINGS

    @classmethod
    def of(cls, kept, slug):
        return cls(kept.web, kept.day, slug, kept)

    def _remembered(self, name, work_out):
        """Rows made from the kept figures alone are made once while they
        are up to date (in the language of the page)."""
        if self.kept is None:
            return work_out()
        return self.kept.remembered((name, self.slug, get_language()), work_out)

    def _partnership_link(self, pid):
        return reverse("partnerships:detail", args=[self.slug, pid])

    def summary_rows(self):
        w = self.whole
        absent = [self.web.sector_label(s) for s in w.absent_sectors]
        return [
            (_("Partnerships"), str(w.partnerships), ""),
            (_("Organisations"), str(w.organisations), ""),
            (_("People in partnership meetings in the last year"), str(w.people), ""),
            (_("Density"), _number(w.density), MEANINGS["density"]),
            (_("Centralisation"), _number(w.centralisation), MEANINGS["centralisation"]),
            (_("Separate groups"), str(w.components), MEANINGS["components"]),
            (_("Organisations in no partnership"), str(len(w.isolated_organisations)), MEANINGS["isolated"]),
            (_("Sectors in no partnership"), ", ".join(absent) or _("None"), MEANINGS["absent"]),
        ]

    def merge_candidates(self):
        return self._remembered("merge_candidates", self._merge_candidates)

    def _merge_candidates(self):
        names = self.web.partnerships
        members = self.web.members_on(self.day)
        rows = []
        for pair in metrics.merge_candidates(self.pairs)[: self.PAIRS_SHOWN]:
            first, second = names[pair.first_id], names[pair.second_id]
            smaller = min(len(members[pair.first_id]), len(members[pair.second_id]))
            rows.append({
                "first": first.name, "first_url": self._partnership_link(first.id),
                "second": second.name, "second_url": self._partnership_link(second.id),
                "shared": f"{pair.shared_organisations} of {smaller}",
                "org_overlap": _number(pair.organisation_overlap),
                "people_overlap": _number(pair.people_overlap),
                "outcome_similarity": _number(pair.outcome_similarity),
            })
        return rows

    def partnership_rows(self):
        return self._remembered("partnership_rows", self._partnership_rows)

    def _partnership_rows(self):
        own = self.web.memberships_by_partnership()
        last_year = self.day.year - 1
        rows = []
        for pid, p in sorted(self.web.partnerships.items(), key=lambda item: item[1].name):
            f = self.figures[pid]
            [turnover] = metrics.turnover_by_year(own[pid], last_year, last_year)
            changed = metrics.last_membership_change(own[pid], self.day)
            rows.append({
                "id": pid, "name": p.name, "url": self._partnership_link(pid),
                "suggestions_url": reverse("network:suggestions", args=[self.slug, pid]),
                "members": f.members,
                "diversity": _number(f.sector_diversity),
                "community": _percent(f.community_share) if f.members else "–",
                "people": f.people,
                "tenure": _number(f.average_tenure_years, 1) if f.average_tenure_years is not None else "–",
                "turnover": _("%(_number)s (%(joined)s joined, %(left)s left)") % {"_number": _number(turnover.rate), "joined": turnover.joined, "left": turnover.left},
                "last_change": short_date(changed) if changed else "–",
            })
        return rows

    def relationship_rows(self):
        """Trust and value between each partnership's partners, from its
        latest wave of the partner relationships survey: the figures of that
        wave's results page, so hidden there, hidden here."""
        found = relationship_summaries(self.web.partnerships, self.day,
                                       among=Partnership.objects.filter(workspace__slug=self.slug))
        names = {str(o.id): o.name for o in self.web.organisations.values()}
        rows = []
        for pid, summary in sorted(found.items(), key=lambda item: self.web.partnerships[item[0]].name):
            weakest = relationships.weakest_ties(summary.scores)
            rows.append({
                "name": self.web.partnerships[pid].name, "url": self._partnership_link(pid),
                "wave": summary.wave.name,
                "results_url": reverse("surveys:results", args=[self.slug, summary.wave.pk])
                + "?instrument=relationships&section=relationships",
                "trust": _relationship(summary.scores.partnership[relationships.TRUST]),
                "value": _relationship(summary.scores.partnership[relationships.VALUE]),
                "change": _relationship_change(summary),
                "weakest": ", ".join(
                    _("%(get)s and %(get2)s (%(value)s)") % {"get": names.get(t.first, t.first), "get2": names.get(t.second, t.second), "value": format(t.trust.value, ".1f")}
                    for t in weakest[:3]
                ) or _("None"),
            })
        return rows

    def people_rows(self):
        return self._remembered("people_rows", self._people_rows)

    def _people_rows(self):
        ranked = sorted(
            (f for f in self.people_figures.values() if f.partnerships >= 2),
            key=lambda f: (-f.betweenness, -f.partnerships, self.web.people[f.person_id].name),
        )
        rows = []
        for f in ranked[: self.PEOPLE_SHOWN]:
            person = self.web.people[f.person_id]
            organisation = self.web.organisations.get(person.organisation_id)
            rows.append({
                "name": person.name,
                "organisation": organisation.name if organisation else "",
                "partnerships": f.partnerships,
                "betweenness": _number(f.betweenness),
                "hours": _number(f.hours_per_month, 1),
                "disconnects": _("Yes") if f.disconnects else _("No"),
                "deputy": _("Yes") if f.has_deputy else _("No"),
            })
        return rows

    def isolated(self):
        names = sorted(self.web.organisations[o].name for o in self.whole.isolated_organisations)
        return names[: self.ISOLATED_SHOWN], max(0, len(names) - self.ISOLATED_SHOWN)


class SuggestionsPage:
    """Who could add a different view to one partnership."""

    def __init__(self, web, day, partnership_id, slug):
        self.partnership = web.partnerships[partnership_id]
        figures = metrics.partnership_figures(web, day)[partnership_id]
        self.diversity = _number(figures.sector_diversity)
        self.sectors = ", ".join(web.sector_label(s) for s in figures.sectors) or "none"
        group = user_group_of(self.partnership.user_groups)
        self.user_group = LABELS.get(group, "")
        self.add_member_url = reverse("partnerships:membership_add", args=[slug, partnership_id])
        self.rows = [
            {
                "name": s.name, "sector": web.sector_label(s.sector),
                "after": _number(figures.sector_diversity + s.diversity_gain),
                "gain": _number(s.diversity_gain), "reason": s.reason,
            }
            for s in suggestions_for(web, partnership_id, day)
        ]
        self.to_seek = [label for _, label in sectors_to_seek(web, partnership_id, day)]
        self.meaning = MEANINGS["diversity"]
