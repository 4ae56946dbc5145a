"""Northshire: a fictional English locality for the demo, as plain data.

Every name here is invented. The partnerships each tell a story that later
parts of the demo (meetings, indicators, survey answers) keep consistent with:

- home_first: healthy. Clear outcomes, a signed agreement, resources agreed,
  service users and carers at the table.
- hwb: stale. The same people on the same board since 2013, partners all from
  the NHS and the council, agreement long past review.
- frailty: no stated outcomes. Meets, but cannot say what for.
- bcf: a pooled budget whose council contribution is disputed, and a partner
  target that pulls against the shared outcomes.
- mh_hub: co-located hub whose lead has moved on with no successor; agreement
  past its review date.
- safeguarding: statutory board with a responsibility no one owns.
- brampton: a new integrated neighbourhood team, resources still proposed.
- homeless_health: voluntary-led, outcomes without a "why a partnership" and
  no downsides ever considered.
- frailty_pathway: the hospital's own frailty group since 2025: half the Frailty
  Network's members and people again, all from the NHS (mirror images), and the
  Director of Place's sixth room — what the Network page is for.
"""

import random
from dataclasses import dataclass, field
from datetime import date

WORKSPACE = {
    "name": "Northshire (demo)",
    "slug": "northshire",
    "description": "A fictional English locality: Northshire Council, its NHS partners, "
    "police, fire, and voluntary and user-led groups. Every name is invented.",
}

# (key, name, sector, code)
ORGANISATIONS = [
    ("acute", "Northshire Hospitals NHS Foundation Trust", "nhs_acute", "RZX"),
    ("ridgeway", "Ridgeway University Hospitals NHS Trust", "nhs_acute", "RZY"),
    ("community", "Northshire Community Health NHS Trust", "nhs_community", "RZW"),
    ("mental_health", "Northshire and Dale Mental Health NHS Foundation Trust", "nhs_mental_health", "RZV"),
    ("icb", "Northshire Integrated Care Board", "nhs_primary_care", "QZZ"),
    ("pcn_brampton", "Brampton Primary Care Network", "nhs_primary_care", ""),
    ("pcn_saltmarsh", "Saltmarsh Primary Care Network", "nhs_primary_care", ""),
    ("gp_federation", "Northshire GP Federation", "nhs_primary_care", ""),
    ("asc", "Northshire Council Adult Social Care", "council_adult_social_care", "E06000099"),
    ("childrens", "Northshire Council Children's Services", "council_childrens_services", "E06000099"),
    ("housing", "Northshire Council Housing", "council_housing", "E06000099"),
    ("education", "Northshire Council Education", "council_education", "E06000099"),
    ("public_health", "Northshire Council Public Health", "council_public_health", "E06000099"),
    ("dunmoor", "Dunmoor District Council Housing", "council_housing", "E07000999"),
    ("police", "Northshire Police", "police", ""),
    ("fire", "Northshire Fire and Rescue Service", "fire", ""),
    ("later_life", "Later Life Northshire", "voluntary_community", ""),
    ("carers", "Northshire Carers Centre", "voluntary_community", ""),
    ("food_bank", "Saltmarsh Food Bank", "voluntary_community", ""),
    ("wellbeing", "Northshire Mental Wellbeing Alliance", "voluntary_community", ""),
    ("transport", "Brampton Community Transport", "voluntary_community", ""),
    ("advice", "Northshire Advice Centre", "voluntary_community", ""),
    ("open_door", "Open Door Homelessness Trust", "voluntary_community", ""),
    ("speak_up", "Speak Up Northshire", "user_led", ""),
    ("disabled_forum", "Northshire Disabled People's Forum", "user_led", ""),
    ("heathergate", "Heathergate Home Care Ltd", "private_provider", ""),
    ("willowmere", "Willowmere Care Homes Ltd", "private_provider", ""),
    ("university", "University of Northshire", "academic", ""),
    ("healthwatch", "Healthwatch Northshire", "other", ""),
    ("housing_association", "Northshire Homes Housing Association", "other", ""),
]

FIRST_NAMES = [
    "Ada", "Bilal", "Carys", "Dev", "Efe", "Fiona", "Gareth", "Hana", "Imran", "Jo",
    "Kofi", "Lena", "Marek", "Nia", "Owen", "Priya", "Quinn", "Rhiannon", "Sam", "Tomasz",
    "Uma", "Vikram", "Wren", "Xander", "Yasmin", "Zac",
]
# Surnames invented so that no demo person can be mistaken for a real one.
SURNAMES = [
    "Quillfeather", "Thistlewood", "Ambermere", "Larkspurr", "Pennywhistle", "Brackenridge",
    "Hazelbrook", "Inkwell", "Juniperly", "Marlowby", "Cobblestone", "Fernsby", "Gorsemoor",
    "Kettleburn", "Moonacre", "Nettlecombe", "Oakhollow", "Puddingstone", "Rookhaven",
    "Sallowfield", "Tansywell", "Umberlea", "Vetchley", "Wickerbrook", "Yarrowdale",
]

# (key, organisation, role title, pay band, active from, active to)
# Pay bands name the Agenda for Change band or NJC spinal point the person is
# paid on; blank means "not known", costed at the workspace default.
PEOPLE_ROLES = [
    ("acute_ceo_deputy", "acute", "Deputy Chief Operating Officer", "AfC 9", date(2016, 4, 1), None),
    ("acute_discharge", "acute", "Head of Patient Flow", "AfC 8c", date(2019, 9, 1), None),
    ("acute_ward_sister", "acute", "Ward Sister, Elderly Care", "AfC 7", date(2020, 1, 6), None),
    ("acute_consultant", "acute", "Consultant Geriatrician", "", date(2014, 8, 1), None),
    ("ridgeway_flow", "ridgeway", "Discharge Lead", "AfC 8a", date(2021, 3, 1), None),
    ("community_director", "community", "Director of Operations", "AfC 9", date(2012, 5, 1), None),
    ("community_reablement", "community", "Reablement Service Manager", "AfC 8a", date(2018, 2, 1), None),
    ("community_nurse", "community", "District Nursing Team Lead", "AfC 7", date(2017, 6, 1), None),
    ("community_therapist", "community", "Occupational Therapist", "AfC 6", date(2022, 4, 1), None),
    ("mh_director", "mental_health", "Associate Director, Community Services", "AfC 8d", date(2015, 1, 1), date(2025, 6, 30)),
    ("mh_manager", "mental_health", "Community Mental Health Team Manager", "AfC 8a", date(2019, 4, 1), None),
    ("mh_nurse", "mental_health", "Community Psychiatric Nurse", "AfC 6", date(2021, 9, 1), None),
    ("icb_director", "icb", "Director of Place", "AfC 9", date(2013, 4, 1), None),
    ("icb_commissioner", "icb", "Senior Commissioning Manager", "AfC 8b", date(2016, 7, 1), None),
    ("icb_finance", "icb", "Head of Finance, Place", "AfC 8c", date(2018, 10, 1), None),
    ("icb_analyst", "icb", "Senior Analyst", "AfC 7", date(2020, 3, 1), None),
    ("pcn_brampton_cd", "pcn_brampton", "Clinical Director", "", date(2019, 7, 1), None),
    ("pcn_brampton_manager", "pcn_brampton", "PCN Manager", "AfC 7", date(2020, 1, 1), None),
    ("pcn_saltmarsh_cd", "pcn_saltmarsh", "Clinical Director", "", date(2019, 7, 1), None),
    ("gp_fed_lead", "gp_federation", "Chief Executive", "", date(2017, 1, 1), None),
    ("asc_director", "asc", "Director of Adult Social Services", "", date(2013, 1, 1), None),
    ("asc_assistant_director", "asc", "Assistant Director, Commissioning", "", date(2015, 3, 1), None),
    ("asc_team_manager", "asc", "Hospital Social Work Team Manager", "NJC SCP 13", date(2018, 5, 1), None),
    ("asc_social_worker", "asc", "Social Worker", "NJC SCP 12", date(2022, 9, 1), None),
    ("asc_broker", "asc", "Care Brokerage Officer", "NJC SCP 8", date(2021, 2, 1), None),
    ("asc_finance", "asc", "Finance Business Partner", "", date(2016, 11, 1), None),
    ("childrens_director", "childrens", "Director of Children's Services", "", date(2014, 9, 1), None),
    ("childrens_manager", "childrens", "Head of Early Help", "", date(2019, 6, 1), None),
    ("housing_head", "housing", "Head of Housing Options", "", date(2017, 4, 1), None),
    ("housing_officer", "housing", "Housing Options Officer", "NJC SCP 10", date(2023, 1, 9), None),
    ("education_lead", "education", "SEND Lead", "", date(2018, 9, 1), None),
    ("ph_director", "public_health", "Director of Public Health", "", date(2013, 4, 1), None),
    ("ph_consultant", "public_health", "Consultant in Public Health", "", date(2016, 2, 1), None),
    ("dunmoor_manager", "dunmoor", "Housing Manager", "", date(2015, 8, 1), None),
    ("police_superintendent", "police", "Superintendent, Neighbourhoods", "", date(2014, 3, 1), None),
    ("police_sergeant", "police", "Sergeant, Vulnerability Hub", "", date(2020, 5, 1), None),
    ("fire_manager", "fire", "Station Manager, Prevention", "", date(2018, 1, 1), None),
    ("later_life_ceo", "later_life", "Chief Executive", "", date(2011, 6, 1), None),
    ("later_life_coordinator", "later_life", "Home from Hospital Coordinator", "", date(2021, 10, 1), None),
    ("carers_manager", "carers", "Carers Centre Manager", "", date(2016, 3, 1), None),
    ("food_bank_coordinator", "food_bank", "Coordinator", "", date(2019, 1, 1), None),
    ("wellbeing_ceo", "wellbeing", "Chief Officer", "", date(2017, 2, 1), None),
    ("wellbeing_peer", "wellbeing", "Peer Support Worker", "", date(2022, 5, 1), None),
    ("transport_manager", "transport", "Operations Manager", "", date(2018, 7, 1), None),
    ("advice_manager", "advice", "Advice Services Manager", "", date(2015, 5, 1), None),
    ("open_door_ceo", "open_door", "Chief Executive", "", date(2012, 9, 1), None),
    ("open_door_outreach", "open_door", "Outreach Worker", "", date(2023, 3, 1), None),
    ("speak_up_chair", "speak_up", "Chair (service user)", "", date(2018, 1, 1), None),
    ("speak_up_member", "speak_up", "Member (carer)", "", date(2024, 2, 1), None),
    ("forum_chair", "disabled_forum", "Chair", "", date(2019, 10, 1), None),
    ("heathergate_manager", "heathergate", "Registered Manager", "", date(2017, 8, 1), None),
    ("willowmere_manager", "willowmere", "Operations Director", "", date(2016, 4, 1), None),
    ("university_researcher", "university", "Senior Lecturer in Social Care", "", date(2020, 9, 1), None),
    ("healthwatch_manager", "healthwatch", "Healthwatch Manager", "", date(2019, 2, 1), None),
    ("housing_assoc_lead", "housing_association", "Head of Supported Housing", "", date(2018, 6, 1), None),
    ("asc_old_lead", "asc", "Former Head of Integration", "", date(2012, 1, 1), date(2024, 12, 31)),
    ("mh_hub_coordinator", "mental_health", "Hub Coordinator", "AfC 6", date(2021, 1, 4), date(2025, 8, 31)),
    ("icb_quality", "icb", "Head of Quality", "AfC 8c", date(2017, 5, 1), None),
    ("acute_safeguarding", "acute", "Named Nurse, Adult Safeguarding", "AfC 8a", date(2019, 3, 1), None),
    ("asc_safeguarding", "asc", "Principal Social Worker", "", date(2016, 9, 1), None),
]


@dataclass
class PartnershipPlan:
    key: str
    name: str
    purpose: str
    user_groups: str
    form: str
    driver: str
    start: date
    review: date | None
    status: str
    members: list = field(default_factory=list)  # (org, role, representative, joined, left)
    outcomes: list = field(default_factory=list)  # (statement, why, downsides)
    agreement: dict | None = None  # summary, signed, review
    responsibilities: list = field(default_factory=list)  # (task, org, person, accountable_to, outcome index)
    resources: list = field(default_factory=list)  # (org, kind, amount, unit, period, description, status)
    accountabilities: list = field(default_factory=list)  # (org, target, answerable_to, outcome index, pulls_against)


def partnership_plans():
    from .partnership_plans import PLANS

    return PLANS


def invented_people(roles, first_names, surnames, seed):
    """A person for each role (key, organisation, role title, pay band, start,
    end), with invented names drawn deterministically from the seed."""
    rng = random.Random(seed)
    names, result = set(), []
    for key, org, role, band, start, end in roles:
        while (name := f"{rng.choice(first_names)} {rng.choice(surnames)}") in names:
            pass
        names.add(name)
        result.append({"key": key, "name": name, "email": name.lower().replace(" ", ".") + "@example.org",
                       "organisation": org, "role_title": role, "pay_band": band, "active_from": start,
                       "active_to": end})
    return result


def people(seed=20261122):
    """The demo people, with invented names drawn deterministically from the seed."""
    return invented_people(PEOPLE_ROLES, FIRST_NAMES, SURNAMES, seed)
