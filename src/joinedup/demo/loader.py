"""Write a demo locality into the database in one transaction: Northshire
(England, the default), Glenmore (Scotland, `--locality scotland`) or Loughside
(Northern Ireland, `--locality northern-ireland`)."""

import secrets
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext

from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import (
    Agreement,
    Membership,
    Outcome,
    PartnerAccountability,
    Partnership,
    Resource,
    Responsibility,
)
from joinedup.workspaces.models import Role, UserRole, Workspace

from . import indicators as indicator_demo
from . import locality
from . import meetings as meetings_demo
from . import northern_ireland as northern_ireland_demo
from . import practice as practice_demo
from . import review as review_demo
from . import scotland as scotland_demo
from . import surveys as surveys_demo

DEMO_USERNAME = "demo"
DEFAULT_LOCALITY = "northshire"


class Locality:
    """What a demo locality is made of: its workspace, organisations, people
    (a function of the seed), partnership plans and the later parts."""

    def __init__(self, workspace, organisations, people, plans, extensions):
        self.workspace, self.organisations, self.people = workspace, organisations, people
        self.plans, self.extensions = plans, extensions


def _northshire():
    return Locality(locality.WORKSPACE, locality.ORGANISATIONS, locality.people, locality.partnership_plans(),
                    extensions())


def _glenmore():
    return Locality(scotland_demo.WORKSPACE, scotland_demo.ORGANISATIONS, scotland_demo.people,
                    scotland_demo.PLANS, [scotland_demo.extend])


def _loughside():
    # Reviewed on loading, as Northshire is, so that its portfolio opens with verdicts.
    return Locality(northern_ireland_demo.WORKSPACE, northern_ireland_demo.ORGANISATIONS, northern_ireland_demo.people,
                    northern_ireland_demo.PLANS, [northern_ireland_demo.extend, review_demo.extend])


# --locality of `joinedup loaddemo`: Northshire in England, Glenmore in Scotland, Loughside in Northern Ireland.
LOCALITIES = {"northshire": _northshire, "scotland": _glenmore, "northern-ireland": _loughside}


def load_demo(if_absent=True, replace=False, seed=None, progress=None, locality_name=DEFAULT_LOCALITY):
    """Create the demo workspace of `locality_name`. Returns (workspace, created)."""
    progress = progress or (lambda message: None)
    demo = LOCALITIES[locality_name]()
    existing = Workspace.objects.filter(slug=demo.workspace["slug"]).first()
    if existing and if_absent and not replace:
        return existing, False
    with transaction.atomic():
        if existing:
            progress(gettext("Removing the old demo locality…"))
            existing.delete()
        workspace = Workspace.objects.create(**demo.workspace)
        progress(gettext("Organisations and people…"))
        organisations = _organisations(workspace, demo.organisations)
        people = _people(workspace, organisations, demo.people(seed) if seed is not None else demo.people())
        progress(gettext("Partnerships, outcomes and agreements…"))
        for plan in demo.plans:
            _partnership(workspace, plan, organisations, people)
        for extend in demo.extensions:
            extend(workspace, organisations, people, progress)
    return workspace, True


def extensions():
    """Later parts of the demo (meetings, indicators, surveys) add their data
    here, each a function (workspace, organisations, people, progress)."""
    # Reviews come after what they read; a case study is started from a review.
    return [meetings_demo.extend, indicator_demo.extend, surveys_demo.extend, review_demo.extend,
            practice_demo.extend]


def ensure_demo_user(workspace, password=None):
    """The demo owner's account, with a fresh password each time."""
    password = password or secrets.token_urlsafe(9)
    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username=DEMO_USERNAME,
        defaults={"email": "demo@example.org", "first_name": "Demo", "last_name": "User"},
    )
    user.set_password(password)
    user.save()
    UserRole.objects.update_or_create(workspace=workspace, user=user, defaults={"role": Role.OWNER})
    return DEMO_USERNAME, password


def _organisations(workspace, rows):
    return {
        key: Organisation.objects.create(workspace=workspace, name=name, sector=sector, ons_code=code)
        for key, name, sector, code in rows
    }


def _people(workspace, organisations, rows):
    return {
        row["key"]: Person.objects.create(
            workspace=workspace,
            name=row["name"],
            email=row["email"],
            organisation=organisations[row["organisation"]],
            role_title=row["role_title"],
            pay_band=row["pay_band"],
            active_from=row["active_from"],
            active_to=row["active_to"],
        )
        for row in rows
    }


def _partnership(workspace, plan, organisations, people):
    partnership = Partnership.objects.create(
        workspace=workspace, name=plan.name, purpose=plan.purpose, user_groups=plan.user_groups,
        form=plan.form, driver=plan.driver, start_date=plan.start, review_date=plan.review,
        status=plan.status,
    )
    for org, role, person, joined, left in plan.members:
        Membership.objects.create(
            partnership=partnership, organisation=organisations[org], role=role,
            representative=people.get(person), joined_on=joined, left_on=left,
        )
    outcomes = [
        Outcome.objects.create(
            partnership=partnership, statement=statement, why_partnership=why,
            downsides=downsides, position=index,
        )
        for index, (statement, why, downsides) in enumerate(plan.outcomes)
    ]
    if plan.agreement:
        Agreement.objects.create(
            partnership=partnership, summary=plan.agreement["summary"],
            signed_on=plan.agreement["signed"], review_on=plan.agreement["review"],
        )
    for task, org, person, accountable_to, outcome in plan.responsibilities:
        Responsibility.objects.create(
            partnership=partnership, task=task,
            responsible_organisation=organisations.get(org) if org else None,
            responsible_person=people.get(person) if person else None,
            accountable_to=accountable_to,
            outcome=outcomes[outcome] if outcome is not None else None,
        )
    for org, kind, amount, unit, period, description, status in plan.resources:
        Resource.objects.create(
            partnership=partnership, organisation=organisations[org], kind=kind,
            amount=Decimal(str(amount)), unit=unit, period=period, description=description,
            status=status,
        )
    for org, target, answerable_to, outcome, pulls_against in plan.accountabilities:
        PartnerAccountability.objects.create(
            partnership=partnership, organisation=organisations[org], target=target,
            answerable_to=answerable_to,
            outcome=outcomes[outcome] if outcome is not None else None,
            pulls_against=pulls_against,
        )
    return partnership
