"""Glenmore: a fictional Scottish health and social care partnership for the
demo (`joinedup loaddemo --locality scotland`), kept small and built with the
English demo's builders.

Every name is invented. Glenmore's integration joint board directs the health
and social care that NHS Glenmore (the health board) and Glenmore Council
delegate to it; the partnership's care-at-home group is where the two and the
third sector plan care at home together.

- Pay: the health board's people are on NHS Scotland Agenda for Change, costed
  from the figures joinedup ships; the council's are on local grades the
  (fictional) demo user entered as demo figures, marked as such and not
  official, because joinedup has no SJC figures.
- Indicators: real Public Health Scotland figures (demo/data/SOURCES.md):
  Dumfries and Galloway's stand in for Glenmore, and the area says so; four
  other Scottish council areas are its comparators.
"""

import csv
import random
from datetime import date, time
from decimal import Decimal
from importlib.resources import files

from django.utils.translation import gettext

from joinedup.indicators.models import Area, Indicator, Measurement
from joinedup.indicators.periods import quarter_period
from joinedup.meetings.models import PayBand
from joinedup.meetings.scales import pay_scale_for
from joinedup.partnerships.models import Outcome, Partnership, StatutoryDocument
from joinedup.workspaces.models import Nation

from . import meetings as meetings_demo
from . import surveys as surveys_demo
from .locality import PartnershipPlan as P
from .locality import invented_people

WORKSPACE = {
    "name": "Glenmore (demo, Scotland)",
    "slug": "glenmore",
    "nations": Nation.SCOTLAND,
    "description": "A fictional Scottish health and social care partnership: Glenmore's integration "
    "joint board, NHS Glenmore and Glenmore Council. Every name is invented; the care-at-home figures "
    "are real, from Dumfries and Galloway.",
}

# (key, name, sector, code)
ORGANISATIONS = [
    ("health_board", "NHS Glenmore", "nhs_community", ""),
    ("council", "Glenmore Council Social Work Services", "council_adult_social_care", ""),
    ("ijb", "Glenmore Integration Joint Board", "other", ""),
    ("tsi", "Glenmore Third Sector Interface", "voluntary_community", ""),
    ("carers", "Glenmore Carers Centre", "voluntary_community", ""),
    ("provider", "Heatherbank Care at Home Ltd", "private_provider", ""),
]

# Council grades as the demo user entered them: invented demo figures, not SJC rates.
DEMO_SCALE = "Glenmore Council grades (demo figures, not official)"
DEMO_SOURCE = ("Demo figure entered by a fictional user of the Glenmore demo: not an official SJC "
               "salary or LGPS (Scotland) rate. Enter your council's own.")
# (code, name, annual salary, employer pension %)
DEMO_BANDS = [
    ("GC 8", "Glenmore Council grade 8 (demo)", "34000", "17.5"),
    ("GC 11", "Glenmore Council grade 11 (demo)", "46000", "17.5"),
    ("GC 14", "Glenmore Council grade 14 (demo)", "62000", "17.5"),
]

# (key, organisation, role title, pay band, active from, active to)
PEOPLE_ROLES = [
    ("chief_officer", "ijb", "Chief Officer", "", date(2019, 6, 1), None),
    ("cfo", "ijb", "Chief Finance Officer", "AfC 8d", date(2020, 1, 6), None),
    ("ijb_chair", "health_board", "Non-executive Board Member (IJB Chair)", "", date(2022, 5, 1), None),
    ("nurse_director", "health_board", "Associate Nurse Director", "AfC 8c", date(2018, 3, 1), None),
    ("community_manager", "health_board", "Community Nursing Manager", "AfC 8a", date(2017, 9, 1), None),
    ("district_nurse", "health_board", "District Nurse Team Leader", "AfC 7", date(2021, 2, 1), None),
    ("sw_head", "council", "Head of Adult Social Work", "GC 14", date(2016, 4, 1), None),
    ("care_manager", "council", "Care at Home Service Manager", "GC 11", date(2019, 8, 1), None),
    ("social_worker", "council", "Social Worker", "GC 8", date(2023, 1, 9), None),
    ("councillor", "council", "Councillor (IJB Vice-Chair)", "", date(2022, 5, 1), None),
    ("tsi_lead", "tsi", "Chief Officer", "", date(2015, 10, 1), None),
    ("carers_lead", "carers", "Carers Centre Manager", "", date(2018, 1, 8), None),
    ("provider_manager", "provider", "Registered Manager", "", date(2017, 5, 1), None),
]

FIRST_NAMES = ["Ailsa", "Calum", "Eilidh", "Fraser", "Isla", "Lachlan", "Morag", "Niall", "Rhona", "Struan",
               "Catriona", "Euan", "Kirsty"]
SURNAMES = ["Glenbrae", "Corriehill", "Dunlochy", "Braeside", "Kinlochmore", "Strathcairn", "Achnadrum",
            "Lochanbeg", "Ardmhor", "Balnacraig", "Tullochgorm", "Inverbeg", "Craigendarroch"]

IJB = P(
    key="ijb",
    name="Glenmore Integration Joint Board",
    purpose="Plan and direct the adult health and social care that NHS Glenmore and Glenmore Council "
    "delegate to it, so that people in Glenmore live well at home for as long as they want to.",
    user_groups="Adults with care and support needs and their carers",
    form="integrated_organisation",
    driver="Public Bodies (Joint Working) (Scotland) Act 2014; Glenmore integration scheme",
    start=date(2016, 4, 1),
    review=date(2027, 3, 31),
    status="active",
    members=[
        ("ijb", "lead", "chief_officer", date(2016, 4, 1), None),
        ("health_board", "core", "ijb_chair", date(2016, 4, 1), None),
        ("council", "core", "councillor", date(2016, 4, 1), None),
        ("tsi", "associate", "tsi_lead", date(2016, 4, 1), None),
        ("carers", "associate", "carers_lead", date(2018, 4, 1), None),
    ],
    outcomes=[
        ("I can live at home, or in a homely setting in my community, for as long as I want to.",
         "The health board runs community nursing and the council runs care at home: only together can "
         "they keep someone at home.",
         "Keeping people at home at all costs could leave carers without a break; we ask carers too."),
        ("My carer gets the support they need to keep caring, and to have a life of their own.",
         "Carers' support is funded by the council, given by the carers centre and noticed by district "
         "nurses: no one of them sees the whole.",
         ""),
    ],
    agreement={"summary": "Glenmore integration scheme (body corporate model): adult health and social "
               "care functions delegated by NHS Glenmore and Glenmore Council; strategic plan 2025-2028.",
               "signed": date(2015, 11, 30), "review": date(2026, 11, 30)},
    responsibilities=[
        ("Directions to the health board and council", "ijb", "chief_officer", "Integration joint board", 0),
        ("Care at home in every locality", "council", "care_manager", "Chief Officer", 0),
        ("Adult carer support plans", "carers", "carers_lead", "Chief Officer", 1),
    ],
    resources=[
        ("health_board", "money", 96000000, "£", "a year", "Delegated health budget", "agreed"),
        ("council", "money", 58000000, "£", "a year", "Delegated social work budget", "agreed"),
    ],
)

CARE_AT_HOME = P(
    key="care_at_home",
    name="Glenmore Health and Social Care Partnership: care at home",
    purpose="Community nurses, the council's care at home service and the third sector plan each "
    "person's care at home together.",
    user_groups="Older people receiving care at home and their carers",
    form="joint_commissioning",
    driver="Glenmore strategic plan 2025-2028",
    start=date(2021, 4, 1),
    review=date(2026, 9, 30),
    status="active",
    members=[
        ("council", "lead", "care_manager", date(2021, 4, 1), None),
        ("health_board", "core", "community_manager", date(2021, 4, 1), None),
        ("provider", "core", "provider_manager", date(2021, 4, 1), None),
        ("tsi", "associate", "tsi_lead", date(2022, 1, 1), None),
        ("carers", "associate", "carers_lead", date(2022, 1, 1), None),
    ],
    outcomes=[
        ("The people who come to help me know what I need without my having to explain again.",
         "Nurses and carers from three employers visit the same person; they share one plan only if "
         "they plan together.",
         "Sharing a plan means sharing information: people are asked first."),
    ],
    responsibilities=[
        ("One shared care-at-home plan for each person", "council", "care_manager", "Chief Officer", 0),
    ],
)

PLANS = [IJB, CARE_AT_HOME]
BODIES = {"ijb": "integration_joint_board", "care_at_home": "health_and_social_care_partnership"}

STORIES = [
    meetings_demo.Story(
        "ijb", "Integration joint board", 56, 180, 90, 30,
        ["chief_officer", "cfo", "ijb_chair", "councillor", "nurse_director", "sw_head", "tsi_lead", "carers_lead"],
        decisions=(1, 3), linked_share=0.5, on_time_share=0.7, apologies_share=0.1, at=time(10, 0),
        location="Glenmore Council Chambers",
        decisions_text=("Issue the directions for 2026/27", "Approve the carers strategy",
                        "Note the financial recovery plan")),
    meetings_demo.Story(
        "care_at_home", "Care at home planning group", 28, 90, 20, 20,
        ["care_manager", "community_manager", "district_nurse", "social_worker", "provider_manager"],
        decisions=(1, 3), linked_share=0.85, on_time_share=0.8, at=time(9, 30),
        location="Glenmore Health Centre",
        decisions_text=("Agree one shared plan for each new person", "Move the morning visits to 8 o'clock",
                        "Ask carers how the plan is working")),
]

CARE_AT_HOME_FILE = "phs_care-at-home-tidied_scotland-council-area_2018-q1-to-2024-q1.csv"
OWN_AREA = ("S12000006", "Dumfries and Galloway")
COMPARATOR_AREAS = ["S12000026", "S12000017", "S12000035", "S12000020"]  # Borders, Highland, Argyll and Bute, Moray

SURVEY_PLAN = {
    "profiles": [surveys_demo._profile(3.7, (3.6, 3.7), (0.7, 0.25, 0.05), 0.65),
                 surveys_demo._profile(3.8, (3.7, 3.8), (0.72, 0.23, 0.05), 0.7)],
    "partners": {"council": (5, 4), "health_board": (5, 4), "provider": (3, 2), "carers": (3, 2)},
    "staff": {"council": (20, 9), "health_board": (18, 8)},
    "users": {"Service users": (30, 12), "Carers": (12, 5)},
}


def people(seed=2026):
    """The Glenmore people, with invented names drawn deterministically from the seed."""
    return invented_people(PEOPLE_ROLES, FIRST_NAMES, SURNAMES, seed)


def extend(workspace, organisations, people, progress):
    """Kinds of body, the demo user's pay bands, meetings, indicators and surveys."""
    partnerships = {plan.key: Partnership.objects.get(workspace=workspace, name=plan.name) for plan in PLANS}
    for key, body in BODIES.items():
        Partnership.objects.filter(pk=partnerships[key].pk).update(body=body)
    # The performance reports section 42 of the 2014 Act asks the IJB for (fictional, like the board).
    for year, published in ((2024, date(2025, 7, 31)), (2025, date(2026, 7, 30))):
        StatutoryDocument.objects.create(
            partnership=partnerships["ijb"], duty="scotland_performance_report", published_on=published,
            note=f"Annual performance report {year}/{(year + 1) % 100:02d} (demo)",
        )
    progress(gettext("Pay scale: NHS Scotland, and the council grades the demo user entered…"))
    pay_scale_for(workspace)
    for code, name, salary, pension in DEMO_BANDS:
        PayBand(workspace=workspace, nation="scotland", code=code, name=name, scale=DEMO_SCALE, source=DEMO_SOURCE,
                annual_salary=Decimal(salary), pension_rate=Decimal(pension),
                annual_working_hours=Decimal("1929.291")).save()
    progress(gettext("Meetings…"))
    meetings_demo.write_meetings(workspace, STORIES, partnerships, people)
    progress(gettext("Care at home figures from Public Health Scotland…"))
    _care_at_home(workspace, partnerships["ijb"])
    progress(gettext("Survey waves…"))
    # Not the English demo's seed: invitation codes are unique across workspaces.
    rng = random.Random(f"glenmore-{surveys_demo.SEED}")
    for index, (name, opens) in enumerate(surveys_demo.WAVES):
        surveys_demo._wave(rng, partnerships["care_at_home"], SURVEY_PLAN, SURVEY_PLAN["profiles"][index],
                           name, opens, organisations)


def _care_at_home(workspace, partnership):
    text = files("joinedup.demo").joinpath("data", CARE_AT_HOME_FILE).read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    names = {row["ltla24_code"]: row["ltla24_name"] for row in rows}
    areas = {OWN_AREA[0]: Area.objects.create(
        workspace=workspace, name=f"Glenmore (figures from {OWN_AREA[1]})", ons_code=OWN_AREA[0], is_own_area=True)}
    for code in COMPARATOR_AREAS:
        areas[code] = Area.objects.create(workspace=workspace, name=names[code], ons_code=code)
    indicator = Indicator.objects.create(
        partnership=partnership, name="People receiving care at home per 1,000 people", unit="count",
        direction="higher", frequency="quarter", kind="how_much", scope="population",
        source="Public Health Scotland, Care at home statistics (tidied by British Red Cross / humaniverse); "
        f"Glenmore's figures are {OWN_AREA[1]}'s",
        licence="Open Government Licence v3.0",
        outcome=Outcome.objects.filter(partnership=partnership).order_by("position", "id").first(),
    )
    measurements = []
    for row in rows:
        if row["ltla24_code"] not in areas:
            continue
        quarter, year = row["date"].split()
        period = quarter_period(int(year), int(quarter[1]))
        measurements.append(Measurement(
            indicator=indicator, area=areas[row["ltla24_code"]], period_start=period.start,
            period_end=period.end, period_label=period.label, frequency=str(period.frequency),
            value=Decimal(row["care_at_home_per_1000"]),
        ))
    Measurement.objects.bulk_create(measurements)
