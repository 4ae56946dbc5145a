"""Plain data about a partnership, as the review rules read it. The rules
never touch the database: `partnership_facts` gathers everything they need
once, so that rules can be tested with hand-made facts and run in batch."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone

from joinedup.indicators import review_facts as evidence_facts
from joinedup.meetings import review_facts as cost_facts
from joinedup.network import review_facts as network_facts
from joinedup.organisations.models import Person
from joinedup.partnerships.models import (
    Membership,
    Outcome,
    PartnerAccountability,
    Partnership,
    Resource,
    Responsibility,
    StatutoryDocument,
)
from joinedup.surveys import review_facts as voice_facts

from . import kept_facts


@dataclass(frozen=True)
class OutcomeFacts:
    id: int
    statement: str
    why_partnership: str
    downsides: str


@dataclass(frozen=True)
class ResponsibilityFacts:
    id: int
    task: str
    has_owner: bool
    outcome_id: int | None


@dataclass(frozen=True)
class ResourceFacts:
    id: int
    organisation: str
    kind: str
    amount: Decimal | None
    unit: str
    status: str


@dataclass(frozen=True)
class AgreementFacts:
    signed_on: date | None
    review_on: date | None


@dataclass(frozen=True)
class AccountabilityFacts:
    id: int
    organisation: str
    target: str
    pulls_against: bool


@dataclass(frozen=True)
class MemberFacts:
    """An organisation's membership, with the person who represents it."""

    id: int
    organisation: str
    organisation_id: int
    sector: str
    role: str
    joined_on: date | None
    left_on: date | None
    representative: str = ""
    representative_from: date | None = None
    representative_to: date | None = None
    # Other people of the same organisation in post on the as-of date: the
    # pool a successor could come from.
    colleagues_in_post: int = 0

    def is_current(self, day):
        return self.left_on is None or self.left_on >= day


@dataclass(frozen=True)
class PartnershipFacts:
    id: int
    name: str
    purpose: str
    form: str
    status: str
    start_date: date | None
    review_date: date | None
    outcomes: list[OutcomeFacts] = field(default_factory=list)
    agreement: AgreementFacts | None = None
    responsibilities: list[ResponsibilityFacts] = field(default_factory=list)
    resources: list[ResourceFacts] = field(default_factory=list)
    accountabilities: list[AccountabilityFacts] = field(default_factory=list)
    members: list[MemberFacts] = field(default_factory=list)
    # The kind of body (partnerships/bodies.py; "" if not set) and the
    # statutory documents recorded, as (duty code, published on) pairs.
    body: str = ""
    statutory_documents: list[tuple] = field(default_factory=list)
    # Facts from the other capabilities, each gathered by its own app's
    # review_facts module; None where that app has nothing on the partnership.
    cost: object = None
    evidence: object = None
    voice: object = None
    network: object = None


# Each capability fills one field of the facts from its own review_facts
# module, whose `facts_for(partnerships, as_of)` returns {partnership id: facts}.
CAPABILITY_SOURCES = {"cost": cost_facts, "evidence": evidence_facts, "voice": voice_facts,
                      "network": network_facts}


def _capability_facts(partnerships, as_of, kept_cost=False):
    return {
        name: (kept_facts.cost_facts_for if kept_cost and name == "cost" else module.facts_for)(partnerships, as_of)
        for name, module in CAPABILITY_SOURCES.items()
    }


def _prefetches():
    return [
        Prefetch("outcomes", Outcome.objects.live(), to_attr="live_outcomes"),
        # What the partnership page's table of responsibilities names, read with them.
        Prefetch(
            "responsibilities",
            Responsibility.objects.live().select_related("responsible_organisation", "responsible_person", "outcome"),
            to_attr="live_responsibilities",
        ),
        Prefetch("resources", Resource.objects.live().select_related("organisation"), to_attr="live_resources"),
        Prefetch(
            "accountabilities", PartnerAccountability.objects.live().select_related("organisation"),
            to_attr="live_accountabilities",
        ),
        Prefetch(
            "memberships",
            Membership.objects.live().select_related("organisation", "representative"),
            to_attr="live_memberships",
        ),
        Prefetch("statutory_documents", StatutoryDocument.objects.live(), to_attr="live_statutory_documents"),
    ]


def read_register(partnerships):
    """The partnerships (a queryset or list) with their live register read in a fixed number of
    queries: `live_outcomes`, `live_responsibilities`, `live_resources`, `live_accountabilities`
    and `live_memberships` (each with what it names), and `agreement`. What `facts_of_register`
    reads, and what the partnership page shows in its sections."""
    if isinstance(partnerships, list):
        # Read afresh: instances may carry relations prefetched earlier.
        partnerships = Partnership.objects.filter(pk__in=[p.pk for p in partnerships]).order_by("pk")
    # The workspace too: the capabilities group the partnerships by it (one query, not one each).
    return list(partnerships.select_related("agreement", "workspace").prefetch_related(*_prefetches()))


def _people_in_post(partnerships, as_of):
    """{organisation id: set of person ids in post on the day}, for the organisations
    that are members of the partnerships: only theirs are asked for (`_member`), so
    the rest of the workspace's people (thousands at national scale) are not read."""
    organisation_ids = {m.organisation_id for p in partnerships for m in p.live_memberships}
    if not organisation_ids:
        return {}
    rows = Person.objects.live().filter(
        workspace_id__in={p.workspace_id for p in partnerships}, organisation_id__in=organisation_ids,
    ).filter(
        Q(active_from__isnull=True) | Q(active_from__lte=as_of), Q(active_to__isnull=True) | Q(active_to__gte=as_of),
    ).values_list("id", "organisation_id")
    in_post = defaultdict(set)
    for person_id, organisation_id in rows:
        in_post[organisation_id].add(person_id)
    return in_post


def _member(m, in_post):
    person = m.representative
    colleagues = in_post.get(m.organisation_id, set()) - ({person.id} if person else set())
    return MemberFacts(
        id=m.id, organisation=m.organisation.name, organisation_id=m.organisation_id,
        sector=m.organisation.sector, role=m.role, joined_on=m.joined_on, left_on=m.left_on,
        representative=person.name if person else "",
        representative_from=person.active_from if person else None,
        representative_to=person.active_to if person else None,
        colleagues_in_post=len(colleagues),
    )


def _facts_of(partnership, in_post, capability):
    agreement_row = getattr(partnership, "agreement", None)
    return PartnershipFacts(
        id=partnership.id,
        name=partnership.name,
        purpose=partnership.purpose,
        form=partnership.form,
        status=partnership.status,
        start_date=partnership.start_date,
        review_date=partnership.review_date,
        outcomes=[
            OutcomeFacts(o.id, o.statement, o.why_partnership, o.downsides)
            for o in partnership.live_outcomes
        ],
        agreement=(
            AgreementFacts(agreement_row.signed_on, agreement_row.review_on) if agreement_row else None
        ),
        responsibilities=[
            ResponsibilityFacts(r.id, r.task, r.has_owner, r.outcome_id)
            for r in partnership.live_responsibilities
        ],
        resources=[
            ResourceFacts(r.id, r.organisation.name, r.kind, r.amount, r.unit, r.status)
            for r in partnership.live_resources
        ],
        accountabilities=[
            AccountabilityFacts(a.id, a.organisation.name, a.target, a.pulls_against)
            for a in partnership.live_accountabilities
        ],
        members=[_member(m, in_post) for m in partnership.live_memberships],
        body=partnership.body,
        statutory_documents=[(d.duty, d.published_on) for d in partnership.live_statutory_documents],
        cost=capability.get("cost", {}).get(partnership.id),
        evidence=capability.get("evidence", {}).get(partnership.id),
        voice=capability.get("voice", {}).get(partnership.id),
        network=capability.get("network", {}).get(partnership.id),
    )


def facts_for(partnerships, as_of=None):
    """Plain facts for many partnerships at once, in a fixed number of queries
    whatever their number: the batch path of portfolio reviews."""
    return facts_of_register(read_register(partnerships), as_of)


def facts_of_register(partnerships, as_of=None, kept_cost=False):
    """Plain facts for partnerships already read by `read_register`. With `kept_cost`
    (the partnership page), the cost facts kept in this process while their records
    are unchanged (kept_facts.py) rather than worked out again."""
    as_of = as_of or timezone.localdate()
    if not partnerships:
        return []
    in_post = _people_in_post(partnerships, as_of)
    capability = _capability_facts(partnerships, as_of, kept_cost)
    return [_facts_of(p, in_post, capability) for p in partnerships]


def partnership_facts(partnership, as_of=None):
    """Read one partnership and its register into plain facts (a few queries)."""
    return facts_for([partnership], as_of)[0]
