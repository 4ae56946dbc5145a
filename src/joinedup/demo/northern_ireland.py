"""Loughside: a fictional Northern Irish trust area for the demo
(`joinedup loaddemo --locality northern-ireland`), kept small and built with
the English demo's builders, as Glenmore is for Scotland.

Every name is invented (Loughside is neither a real HSC trust nor a real
council). Loughside Health and Social Care Trust runs the area's hospital,
community and social care services in one body; Loughside Borough Council
leads community planning; the GP federation, the voluntary and community
sector and an older people's forum sit with them on:

- the area integrated partnership board (an integrated care partnership in
  joinedup's kinds of body), whose outcomes are about seeing a GP and staying
  well at home;
- the community planning partnership, about not being alone;
- a primary care multidisciplinary team of the trust's staff in GP practices.

- Pay: the trust's people are on HSC Agenda for Change 2025/26, costed from the
  figures joinedup ships. The council's people have no band: joinedup has no
  Northern Irish local government pay, and the pay scale page says so.
- Indicators: real public figures (demo/data/SOURCES.md), Antrim and
  Newtownabbey's standing in for Loughside and four other Northern Irish local
  government districts as comparators: GPs per 100,000 registered patients
  (HSC Business Services Organisation, as at 31 March of each year 2017 to 2024:
  a time series), and the share of small areas among Northern Ireland's most
  deprived fifth on health and disability (NISRA, the 2017 deprivation measure:
  one year only, so context, not something a before/after can be run on).
- Reviews: run on loading. The board continues (its terms of reference are past
  review); the community planning partnership and the team are told to refresh
  (the same people for years; the team is the trust and GPs alone).
"""

import csv
import random
from collections import Counter
from datetime import date, time
from decimal import Decimal
from importlib.resources import files

from django.utils.translation import gettext

from joinedup.indicators.models import Area, Indicator, Measurement
from joinedup.indicators.periods import year_period
from joinedup.partnerships.models import Outcome, Partnership
from joinedup.workspaces.models import Nation

from . import meetings as meetings_demo
from . import surveys as surveys_demo
from .locality import PartnershipPlan as P
from .locality import invented_people

WORKSPACE = {
    "name": "Loughside (demo, Northern Ireland)",
    "slug": "loughside",
    "nations": Nation.NORTHERN_IRELAND,
    "description": "A fictional Northern Irish trust area: Loughside Health and Social Care Trust, "
    "Loughside Borough Council, its GP federation and voluntary and community groups. Every name is "
    "invented; the GP and deprivation figures are real, from Antrim and Newtownabbey.",
}

# (key, name, sector, code)
ORGANISATIONS = [
    ("trust", "Loughside Health and Social Care Trust", "hsc_trust", ""),
    # A Northern Irish council runs no social care or housing (the trust and the
    # Housing Executive do): environmental health, leisure and community planning
    # are its part, so public health is its nearest sector.
    ("council", "Loughside Borough Council", "council_other", ""),
    ("gp_federation", "Loughside GP Federation", "nhs_primary_care", ""),
    ("community_network", "Loughside Community Network", "voluntary_community", ""),
    ("carers", "Carers Loughside", "voluntary_community", ""),
    ("older_forum", "Loughside Older People's Forum", "user_led", ""),
]

# (key, organisation, role title, pay band, active from, active to)
PEOPLE_ROLES = [
    ("director_primary", "trust", "Director of Primary Care and Older People's Services", "AfC 9",
     date(2018, 9, 1), None),
    ("aipb_manager", "trust", "Area Integrated Partnership Board Manager", "AfC 8b", date(2023, 4, 3), None),
    ("mdt_manager", "trust", "Primary Care Multidisciplinary Team Manager", "AfC 8a", date(2020, 1, 6), None),
    ("mh_practitioner", "trust", "Practice-based Mental Health Practitioner", "AfC 8a", date(2021, 3, 1), None),
    ("staff_nurse", "trust", "Community Staff Nurse", "AfC 5", date(2022, 9, 5), None),
    ("physiotherapist", "trust", "Physiotherapist", "AfC 5", date(2023, 2, 1), None),
    ("social_work_lead", "trust", "Older People's Social Work Team Leader", "AfC 7", date(2017, 5, 1), None),
    ("gp_chair", "gp_federation", "GP and Federation Chair (AIPB Co-Chair)", "", date(2016, 4, 1), None),
    ("council_director", "council", "Director of Community Planning", "", date(2015, 4, 1), None),
    ("community_officer", "council", "Community Development Officer", "", date(2019, 10, 1), None),
    ("network_lead", "community_network", "Chief Officer", "", date(2014, 6, 1), None),
    ("carers_lead", "carers", "Carers Support Manager", "", date(2018, 1, 8), None),
    ("forum_chair", "older_forum", "Chair (service user)", "", date(2020, 11, 1), None),
]

FIRST_NAMES = ["Aoife", "Cathal", "Clodagh", "Declan", "Eimear", "Fergal", "Grainne", "Niamh", "Oisin",
               "Roisin", "Ciaran", "Siobhan", "Padraig"]
# Invented surnames, so that no demo person can be mistaken for a real one.
SURNAMES = ["Ballyknock", "Drumgarran", "Carrowmena", "Lisnabrack", "Tullyvarrow", "Killyglen", "Derrymore",
            "Aghanloo", "Glenavey", "Mullaghbrack", "Creevyloughan", "Rathbeg", "Annaghmore"]

AIPB = P(
    key="aipb",
    name="Loughside Area Integrated Partnership Board",
    purpose="Plan health and social care for the people of Loughside together: the trust, GPs, the council, "
    "the voluntary and community sector, carers and service users, so that people can see the right "
    "person near home and stay well at home.",
    user_groups="Older people, people with long-term conditions and their carers",
    form="coordinated_working",
    driver="Integrated Care System Northern Ireland: the Department of Health's area integrated "
    "partnership boards",
    start=date(2023, 4, 1),
    review=date(2027, 3, 31),
    status="active",
    members=[
        ("trust", "lead", "aipb_manager", date(2023, 4, 1), None),
        ("gp_federation", "core", "gp_chair", date(2023, 4, 1), None),
        ("council", "core", "council_director", date(2023, 4, 1), None),
        ("community_network", "core", "network_lead", date(2023, 4, 1), None),
        ("carers", "associate", "carers_lead", date(2023, 9, 1), None),
        ("older_forum", "associate", "forum_chair", date(2023, 9, 1), None),
    ],
    outcomes=[
        ("I can see a GP, or the right person at my practice, when I need to and near where I live.",
         "GP practices hold the lists, the trust employs the nurses, therapists and social workers in them "
         "and the council plans the places people travel from: no one of them can fix access alone.",
         "Sending people to other staff at the practice could feel like being kept from the GP; we ask "
         "patients whether it does."),
        ("I get the help I need to stay well at home, and my carer gets a break.",
         "The trust's community teams, GPs, carers' groups and community groups each see part of what "
         "keeps someone at home.",
         ""),
    ],
    agreement={"summary": "Loughside AIPB terms of reference: membership, the co-chairs from the trust "
               "and the GP federation, decisions by consensus, a population plan for 2025-2027.",
               "signed": date(2023, 6, 14), "review": date(2026, 6, 30)},
    responsibilities=[
        ("Population plan for Loughside", "trust", "aipb_manager", "Area integrated partnership board", 0),
        ("Multidisciplinary teams in every GP practice", "trust", "mdt_manager",
         "Director of Primary Care and Older People's Services", 0),
        ("Carers' breaks offered at every review", "carers", "carers_lead", "Area integrated partnership board", 1),
    ],
    resources=[
        ("trust", "staff_time", 2, "WTE", "a year", "AIPB manager and support officer", "agreed"),
        ("gp_federation", "staff_time", 0.2, "WTE", "a year", "Co-chair's sessions", "agreed"),
    ],
)

COMMUNITY_PLANNING = P(
    key="community_planning",
    name="Loughside Community Planning Partnership",
    purpose="The council, the trust and community groups plan Loughside's community plan together, "
    "starting with the places where people are most alone and least well.",
    user_groups="Everyone living in Loughside, most of all older people living alone",
    form="information_network",
    driver="Local Government Act (Northern Ireland) 2014: community planning",
    start=date(2015, 4, 1),
    review=date(2027, 3, 31),
    status="active",
    members=[
        ("council", "lead", "council_director", date(2015, 4, 1), None),
        ("trust", "core", "director_primary", date(2015, 4, 1), None),
        ("community_network", "core", "network_lead", date(2015, 4, 1), None),
        ("older_forum", "associate", "forum_chair", date(2021, 1, 1), None),
    ],
    outcomes=[
        ("I have people to talk to and somewhere to go, and I don't feel alone.",
         "The council runs the halls and leisure centres, community groups run the clubs and the trust's "
         "staff know who is alone: together they can reach people none of them reaches alone.",
         "A partnership's plan can crowd out what groups already do well; the network is asked first."),
    ],
    responsibilities=[
        ("Loughside community plan and its action plan", "council", "council_director", "Loughside Borough Council", 0),
        ("Befriending in every district electoral area", "community_network", "network_lead",
         "Community planning partnership", 0),
    ],
)

MDT = P(
    key="mdt",
    name="Loughside Primary Care Multidisciplinary Team",
    purpose="The trust's nurses, mental health practitioners and physiotherapists work in Loughside's GP "
    "practices, so that people see the right person first time.",
    user_groups="Patients of Loughside's GP practices",
    form="co_location",
    driver="Department of Health primary care multidisciplinary teams programme",
    start=date(2020, 1, 6),
    review=date(2026, 12, 31),
    status="active",
    members=[
        ("trust", "lead", "mdt_manager", date(2020, 1, 6), None),
        ("gp_federation", "core", "gp_chair", date(2020, 1, 6), None),
    ],
    outcomes=[
        ("When I ring my practice I am seen by someone who can help, the first time.",
         "The GP practice knows its patients and the trust employs the team: neither can do it alone.",
         ""),
    ],
    responsibilities=[
        ("One shared rota for the team in each practice", "trust", "mdt_manager", "AIPB", 0),
    ],
)

PLANS = [AIPB, COMMUNITY_PLANNING, MDT]
BODIES = {"aipb": "ni_integrated_care_partnership"}

STORIES = [
    meetings_demo.Story(
        "aipb", "Area integrated partnership board", 56, 150, 60, 30,
        ["aipb_manager", "director_primary", "gp_chair", "council_director", "network_lead", "carers_lead",
         "forum_chair", "social_work_lead"],
        decisions=(1, 3), linked_share=0.6, on_time_share=0.7, apologies_share=0.1, at=time(14, 0),
        location="Loughside Civic Centre",
        decisions_text=("Agree the population plan's priorities for older people",
                        "Fund a carers' break scheme from the AIPB's allocation",
                        "Ask the federation how long people wait for a GP appointment")),
    meetings_demo.Story(
        "community_planning", "Community planning partnership", 91, 120, 30, 20,
        ["council_director", "community_officer", "director_primary", "network_lead", "forum_chair"],
        decisions=(0, 2), linked_share=0.4, on_time_share=0.6, apologies_share=0.15,
        location="Loughside Civic Centre",
        decisions_text=("Note the community plan progress report", "Map the clubs for older people")),
    # Every member on a shipped HSC band and never absent, so that one meeting can be costed by hand
    # (tests/demo/test_northern_ireland_demo.py).
    meetings_demo.Story(
        "mdt", "Multidisciplinary team huddle", 28, 60, 15, 0,
        ["mdt_manager", "mh_practitioner", "staff_nurse", "physiotherapist"],
        decisions=(1, 2), linked_share=0.9, on_time_share=0.85, apologies_share=0.0, at=time(8, 30),
        decisions_text=("Book the physiotherapist's first-contact clinic for Mondays",
                        "Offer a mental health appointment the same week")),
]

# Antrim and Newtownabbey, by the Lough: its real figures stand in for Loughside's.
OWN_AREA = ("N09000001", "Antrim and Newtownabbey")
# Its neighbours, three of them in the same trust area.
COMPARATOR_AREAS = [("N09000008", "Mid and East Antrim"), ("N09000004", "Causeway Coast and Glens"),
                    ("N09000009", "Mid Ulster"), ("N09000007", "Lisburn and Castlereagh")]
GPS_FILE = "bso-ni_gps-per-100000-registered-patients_ni-lgd_2017-2024.csv"
DEPRIVATION_FILE = "nisra_nimdm-2017-mdm-and-health-ranks_ni-soa_2017.csv"
# NIMDM 2017 ranks 890 super output areas, 1 the most deprived: the most deprived fifth is ranks 1 to 178.
SOA_COUNT, MOST_DEPRIVED_FIFTH = 890, 178

SURVEY_PLAN = {
    "profiles": [surveys_demo._profile(3.5, (3.4, 3.5), (0.6, 0.3, 0.1), 0.6),
                 surveys_demo._profile(3.7, (3.6, 3.7), (0.68, 0.26, 0.06), 0.66)],
    "partners": {"trust": (6, 5), "gp_federation": (4, 3), "council": (3, 2), "community_network": (3, 3),
                 "carers": (2, 2)},
    "staff": {"trust": (24, 11), "gp_federation": (10, 4)},
    "users": {"Service users": (30, 13), "Carers": (12, 5)},
}


def people(seed=2027):
    """The Loughside people, with invented names drawn deterministically from the seed."""
    return invented_people(PEOPLE_ROLES, FIRST_NAMES, SURNAMES, seed)


def extend(workspace, organisations, people, progress):
    """Kind of body, meetings on HSC pay, indicators and surveys."""
    partnerships = {plan.key: Partnership.objects.get(workspace=workspace, name=plan.name) for plan in PLANS}
    for key, body in BODIES.items():
        Partnership.objects.filter(pk=partnerships[key].pk).update(body=body)
    progress(gettext("Meetings, costed on HSC Agenda for Change…"))
    meetings_demo.write_meetings(workspace, STORIES, partnerships, people)
    progress(gettext("GP and deprivation figures from the BSO and NISRA…"))
    areas = _areas(workspace)
    _gps(partnerships["aipb"], areas)
    _deprivation(partnerships["community_planning"], areas)
    progress(gettext("Survey waves…"))
    # Not the other demos' seeds: invitation codes are unique across workspaces.
    rng = random.Random(f"loughside-{surveys_demo.SEED}")
    for index, (name, opens) in enumerate(surveys_demo.WAVES):
        surveys_demo._wave(rng, partnerships["aipb"], SURVEY_PLAN, SURVEY_PLAN["profiles"][index],
                           name, opens, organisations)


def _rows(name):
    text = files("joinedup.demo").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _areas(workspace):
    areas = {OWN_AREA[0]: Area.objects.create(
        workspace=workspace, name=f"Loughside (figures from {OWN_AREA[1]})", ons_code=OWN_AREA[0],
        is_own_area=True)}
    for code, name in COMPARATOR_AREAS:
        areas[code] = Area.objects.create(workspace=workspace, name=name, ons_code=code)
    return areas


def _first_outcome(partnership):
    return Outcome.objects.filter(partnership=partnership).order_by("position", "id").first()


def _gps(partnership, areas):
    # The BSO names districts, without codes.
    codes = dict([(OWN_AREA[1], OWN_AREA[0]), *((name, code) for code, name in COMPARATOR_AREAS)])
    indicator = Indicator.objects.create(
        partnership=partnership, name="GPs per 100,000 registered patients (as at 31 March)", unit="rate_100k",
        direction="higher", frequency="year", kind="how_much", scope="population",
        source="HSC Business Services Organisation, General Medical Services for Northern Ireland annual "
        "statistics 2023/24, table 4.2 (patients counted where their practice is); Loughside's figures are "
        f"{OWN_AREA[1]}'s",
        licence="Open Government Licence v3.0", outcome=_first_outcome(partnership),
    )
    measurements = []
    for row in _rows(GPS_FILE):
        if row["lgd"] not in codes:
            continue
        period = year_period(int(row["year"]))
        measurements.append(Measurement(
            indicator=indicator, area=areas[codes[row["lgd"]]], period_start=period.start, period_end=period.end,
            period_label=period.label, frequency=str(period.frequency), value=Decimal(row["gps_per_100000"]),
            numerator=Decimal(row["gps"]), denominator=Decimal(row["registered_patients"]),
        ))
    Measurement.objects.bulk_create(measurements)


def _deprivation(partnership, areas):
    rows = _rows(DEPRIVATION_FILE)
    small_areas = Counter(row["LGD2014code"] for row in rows)
    deprived = Counter(row["LGD2014code"] for row in rows if int(row["D3_Health_rank"]) <= MOST_DEPRIVED_FIFTH)
    indicator = Indicator.objects.create(
        partnership=partnership,
        name="Small areas among Northern Ireland's most deprived fifth for health and disability",
        unit="percentage", direction="lower", frequency="year", kind="better_off", scope="population",
        source="NISRA, Northern Ireland Multiple Deprivation Measure 2017, health deprivation and disability "
        f"domain ranks of the {SOA_COUNT} super output areas (one year only: context, no before and after); "
        f"Loughside's figures are {OWN_AREA[1]}'s",
        licence="Open Government Licence v3.0", outcome=_first_outcome(partnership),
    )
    period = year_period(2017)
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator, area=area, period_start=period.start, period_end=period.end,
            period_label=period.label, frequency=str(period.frequency),
            value=(Decimal(100 * deprived[code]) / small_areas[code]).quantize(Decimal("0.1")),
            numerator=Decimal(deprived[code]), denominator=Decimal(small_areas[code]),
        )
        for code, area in areas.items()
    )
