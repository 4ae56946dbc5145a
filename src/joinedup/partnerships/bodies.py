
"""The kinds of body that health and social care partnership working takes in
each UK nation, with the law that sets each up where there is one.

Separate from the form ladder (models.Form), which says how integrated a
partnership is: an integration joint board and a pooled budget under the
Better Care Fund can sit on the same rung. Plain data, read by the
partnership form (only the bodies of the workspace's nations are offered)
and described for people in docs/nations.md, which must list the same
bodies and Acts."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from joinedup.workspaces.models import Nation


@dataclass(frozen=True)
class Law:
    title: str
    # Where in the Act, when one part or section sets the body up.
    provision: str = ""
    url: str = ""

    def __str__(self):
        return f"{self.title}, {self.provision}" if self.provision else self.title


@dataclass(frozen=True)
class Body:
    code: str
    nation: str
    name: str
    # None for a body that no Act sets up (a local or NHS arrangement).
    law: Law | None
    about: str

    @property
    def statutory(self):
        return self.law is not None


PUBLIC_BODIES_SCOTLAND = Law(
    "Public Bodies (Joint Working) (Scotland) Act 2014", url="https://www.legislation.gov.uk/asp/2014/9"
)
SOCIAL_SERVICES_WALES = Law(
    "Social Services and Well-being (Wales) Act 2014", "Part 9", "https://www.legislation.gov.uk/anaw/2014/4"
)
FUTURE_GENERATIONS_WALES = Law(
    "Well-being of Future Generations (Wales) Act 2015", "Part 4", "https://www.legislation.gov.uk/anaw/2015/2"
)
HSC_REFORM_NI = Law(
    "Health and Social Care (Reform) Act (Northern Ireland) 2009", url="https://www.legislation.gov.uk/nia/2009/1"
)
HEALTH_AND_CARE_2022 = Law("Health and Care Act 2022", url="https://www.legislation.gov.uk/ukpga/2022/31")
HEALTH_AND_SOCIAL_CARE_2012 = Law(
    "Health and Social Care Act 2012", "section 194", "https://www.legislation.gov.uk/ukpga/2012/7"
)
CARE_ACT_2014 = Law("Care Act 2014", "section 121", "https://www.legislation.gov.uk/ukpga/2014/23")


BODIES = [
    Body("integration_joint_board", Nation.SCOTLAND, _("Integration joint board"), PUBLIC_BODIES_SCOTLAND,
         _("The integration authority as a body of its own: the health board and council delegate "
         "functions and budgets to it, and it directs them to deliver services.")),
    Body("lead_agency", Nation.SCOTLAND, _("Lead agency (integration authority)"), PUBLIC_BODIES_SCOTLAND,
         _("The integration authority as one partner: the health board or the council takes the "
         "lead and the other delegates functions to it.")),
    Body("health_and_social_care_partnership", Nation.SCOTLAND, _("Health and social care partnership"), None,
         _("The name used locally for the services that the health board and council run together "
         "under their integration scheme.")),
    Body("regional_partnership_board", Nation.WALES, _("Regional partnership board"), SOCIAL_SERVICES_WALES,
         _("Local authorities, the local health board and partners of one health board area, "
         "planning and integrating care and support together.")),
    Body("public_services_board", Nation.WALES, _("Public services board"), FUTURE_GENERATIONS_WALES,
         _("The public bodies of a local authority area, assessing local well-being and setting a "
         "local well-being plan towards the well-being goals.")),
    Body("hsc_trust", Nation.NORTHERN_IRELAND, _("Health and social care trust"), HSC_REFORM_NI,
         _("An integrated trust providing both health and social care services to its area.")),
    Body("ni_integrated_care_partnership", Nation.NORTHERN_IRELAND, _("Integrated care partnership"), None,
         _("A network of GPs, community, hospital, voluntary and council partners and service users "
         "planning care together for a local area.")),
    Body("integrated_care_board", Nation.ENGLAND, _("Integrated care board"), HEALTH_AND_CARE_2022,
         _("The NHS body of an integrated care system, planning and funding NHS services for its area.")),
    Body("integrated_care_partnership", Nation.ENGLAND, _("Integrated care partnership"), HEALTH_AND_CARE_2022,
         _("The joint committee of the integrated care board and its local authorities, with an "
         "integrated care strategy for the area.")),
    Body("place_based_partnership", Nation.ENGLAND, _("Place-based partnership"), None,
         _("Partners of one place within an integrated care system (often a council area) working "
         "together; not set up by an Act.")),
    Body("health_and_wellbeing_board", Nation.ENGLAND, _("Health and wellbeing board"), HEALTH_AND_SOCIAL_CARE_2012,
         _("A committee of the local authority with the NHS, writing the joint strategic needs "
         "assessment and the joint local health and wellbeing strategy.")),
    Body("better_care_fund", Nation.ENGLAND, _("Better Care Fund"), CARE_ACT_2014,
         _("A pooled budget of the NHS and the local authority, agreed in a plan signed off by the "
         "health and wellbeing board.")),
]

BY_CODE = {body.code: body for body in BODIES}

# Every body, for the model's choices (the form offers only the workspace's nations').
CHOICES = [(body.code, body.name) for body in BODIES]


def bodies_of(nations):
    """The bodies of the given nations (codes of Nation), nation by nation in
    the order of Nation, in the catalogue's order within each."""
    return [body for nation in Nation.values if nation in nations
            for body in BODIES if body.nation == nation]


def body_choices(nations):
    """The choices of a form for the given nations: flat for one nation,
    grouped by nation for more (a select's option groups)."""
    bodies = bodies_of(nations)
    shown = [nation for nation in Nation.values if nation in nations]
    if len(shown) <= 1:
        return [(body.code, body.name) for body in bodies]
    return [(Nation(nation).label, [(body.code, body.name) for body in bodies if body.nation == nation])
            for nation in shown]
