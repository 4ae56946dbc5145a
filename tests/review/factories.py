"""Hand-made facts for rule tests: a complete, healthy register by default."""

from datetime import date
from decimal import Decimal

from joinedup.review.facts import (
    AccountabilityFacts,
    AgreementFacts,
    MemberFacts,
    OutcomeFacts,
    PartnershipFacts,
    ResourceFacts,
    ResponsibilityFacts,
)

TODAY = date(2026, 11, 22)


def member(organisation="Northshire Council", sector="council_adult_social_care", role="core",
           joined=date(2022, 4, 1), left=None, person="Ada Quillfeather",
           person_from=date(2020, 1, 1), person_to=None, colleagues=2, id=1):
    return MemberFacts(
        id=id, organisation=organisation, organisation_id=id, sector=sector, role=role,
        joined_on=joined, left_on=left, representative=person, representative_from=person_from,
        representative_to=person_to, colleagues_in_post=colleagues,
    )


def healthy_members():
    return [
        member("Northshire Hospitals", "nhs_acute", "lead", id=1),
        member("Northshire Council", "council_adult_social_care", id=2),
        member("Later Life Northshire", "voluntary_community", id=3),
        member("Speak Up Northshire", "user_led", id=4),
    ]


def facts(**overrides):
    base = dict(
        id=1, name="Home First", purpose="Home from hospital", form="joint_commissioning",
        status="active", start_date=date(2022, 4, 1), review_date=None,
        outcomes=[OutcomeFacts(1, "I go home when ready.", "No one agency controls it.",
                               "Could rush discharge.")],
        agreement=AgreementFacts(date(2025, 4, 1), date(2027, 3, 31)),
        responsibilities=[ResponsibilityFacts(1, "Run the hub", True, 1)],
        resources=[ResourceFacts(1, "ICB", "money", Decimal("1000"), "£", "agreed")],
        accountabilities=[AccountabilityFacts(1, "ICB", "Cut admissions", False)],
        members=healthy_members(),
    )
    base.update(overrides)
    return PartnershipFacts(**base)


def rule_ids(findings):
    return [f.rule_id for f in findings]
