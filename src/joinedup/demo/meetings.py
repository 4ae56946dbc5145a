"""Two years of meetings for the Northshire demo, consistent with each
partnership's story (locality.py), generated deterministically from a seed.

- Home First meets every six weeks, decides three things a meeting, nearly
  all linked to its outcomes, and gets its actions done.
- The Health and Wellbeing Board meets monthly with many senior people for
  hours, decides little, almost never about its outcomes; in the second year
  its meetings grow longer and larger while decisions fall.
- The Frailty Network meets monthly with no outcomes to link decisions to.
- The Better Care Fund is dominated by finance people, long papers, and
  decisions that defer the disputed contribution.
- The Mental Health Hub's attendance falls away after its lead left (June 2025).
- The Safeguarding Adults Board meets every two months and decides steadily.
- Brampton's new team huddles fortnightly since April 2026.
- The Frailty Pathway Group meets monthly since September 2025 with the same
  clinicians as the Frailty Network.
- The Director of Place sits in six partnerships: the same senior manager
  in every room, with no deputy.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext

from joinedup.meetings.models import Action, Attendance, AttendanceStatus, Decision, Meeting
from joinedup.meetings.scales import pay_scale_for
from joinedup.partnerships.models import Outcome, Partnership
from joinedup.workspaces.access import for_workspace

from .locality import partnership_plans

SEED = 20261122
FIRST_DAY = date(2024, 12, 3)
LAST_DAY = date(2026, 11, 20)


@dataclass
class Story:
    key: str
    title: str
    every_days: int
    minutes: int
    preparation: int
    travel: int
    people: list
    decisions: tuple = (3, 3)  # fewest, most per meeting
    linked_share: float = 0.9
    on_time_share: float = 0.85
    apologies_share: float = 0.05
    starts: date = FIRST_DAY
    at: time = time(10, 0)
    later_people: list = field(default_factory=list)  # joining in the second year
    later_minutes: int | None = None
    later_decisions: tuple | None = None
    decisions_text: tuple = ("Agree the plan for the next quarter", "Approve the revised pathway")
    location: str = "Northshire Civic Centre"


SECOND_YEAR = date(2025, 11, 23)
LEAD_LEFT = date(2025, 7, 1)

STORIES = [
    Story("home_first", "Home First board", 42, 90, 30, 15,
          ["acute_discharge", "community_reablement", "asc_team_manager", "icb_commissioner",
           "later_life_coordinator", "carers_manager", "speak_up_chair", "heathergate_manager", "housing_officer"],
          decisions_text=("Extend trusted assessment to the surgical wards", "Fund two more reablement workers",
                          "Carers to be offered a call within 48 hours of discharge")),
    Story("hwb", "Health and Wellbeing Board", 28, 150, 60, 30,
          ["icb_director", "asc_director", "childrens_director", "ph_director", "acute_ceo_deputy",
           "community_director", "healthwatch_manager", "ph_consultant", "asc_assistant_director"],
          decisions=(0, 2), linked_share=0.08, on_time_share=0.4, apologies_share=0.12, at=time(14, 0),
          later_people=["acute_consultant", "childrens_manager", "icb_analyst"], later_minutes=180,
          later_decisions=(0, 1),
          decisions_text=("Note the annual report", "Receive the update from partners",
                          "Refer the strategy refresh to the next meeting")),
    Story("frailty", "Frailty Network meeting", 28, 120, 20, 20,
          ["acute_consultant", "community_nurse", "gp_fed_lead", "asc_assistant_director",
           "willowmere_manager", "fire_manager", "icb_director"],
          decisions=(0, 2), linked_share=0.0, on_time_share=0.5, apologies_share=0.15,
          decisions_text=("Share the frailty audit", "Hold a workshop on the pathway")),
    Story("bcf", "Better Care Fund pooled budget board", 28, 120, 90, 30,
          ["icb_finance", "asc_finance", "housing_head", "community_director", "icb_director",
           "asc_director", "icb_analyst"],
          decisions=(1, 2), linked_share=0.25, on_time_share=0.45, apologies_share=0.08,
          decisions_text=("Defer agreement of the council's contribution to the pool",
                          "Ask finance leads to reconcile the month 6 figures",
                          "Escalate the disputed contribution to the chief executives")),
    Story("mh_hub", "Saltmarsh hub partners' meeting", 28, 90, 20, 20,
          ["mh_director", "mh_manager", "mh_nurse", "mh_hub_coordinator", "pcn_saltmarsh_cd",
           "wellbeing_ceo", "wellbeing_peer", "advice_manager", "icb_director"],
          decisions=(1, 2), linked_share=0.6, on_time_share=0.6,
          decisions_text=("Open the hub one evening a week", "Share one care plan across agencies")),
    Story("safeguarding", "Safeguarding Adults Board", 56, 120, 45, 20,
          ["asc_safeguarding", "police_superintendent", "icb_quality", "acute_safeguarding",
           "healthwatch_manager", "forum_chair"],
          decisions_text=("Publish the learning from the safeguarding adults review",
                          "Ask people what they want at the start of every enquiry",
                          "Train front-line staff on making safeguarding personal")),
    Story("brampton", "Brampton team huddle", 14, 60, 10, 10,
          ["pcn_brampton_cd", "community_nurse", "asc_social_worker", "transport_manager", "carers_manager"],
          decisions=(1, 2), starts=date(2026, 4, 7), at=time(9, 0),
          decisions_text=("Visit the people at highest risk this week", "Book transport for clinic visits")),
    Story("homeless_health", "Homeless Health Partnership", 28, 90, 20, 30,
          ["open_door_ceo", "housing_officer", "dunmoor_manager", "pcn_saltmarsh_cd", "food_bank_coordinator",
           "speak_up_member", "police_sergeant", "icb_director"],
          decisions=(1, 2), linked_share=0.7, on_time_share=0.6, apologies_share=0.1,
          decisions_text=("Run a GP drop-in at the day centre", "Register rough sleepers with a GP")),
    Story("frailty_pathway", "Frailty Pathway Group", 28, 90, 20, 15,
          ["acute_consultant", "community_nurse", "gp_fed_lead", "acute_ward_sister", "icb_director"],
          decisions=(1, 2), linked_share=0.5, on_time_share=0.7, starts=date(2025, 9, 9),
          decisions_text=("Agree the frailty screening tool", "Share the frailty audit")),
]


def _dates(story):
    day = story.starts
    while day <= LAST_DAY:
        yield day
        day += timedelta(days=story.every_days)


def _status(story, key, day, rng, people):
    person = people[key]
    if person.active_to and person.active_to < day or person.active_from and person.active_from > day:
        return None
    chance = story.apologies_share
    if story.key == "mh_hub" and day >= LEAD_LEFT:
        # After the lead moved on, fewer partners see the point of coming.
        chance = min(0.9, chance + (day - LEAD_LEFT).days / 700)
    return AttendanceStatus.APOLOGIES if rng.random() < chance else AttendanceStatus.PRESENT


def _meeting(story, partnership, day, rng, people, outcomes, rows):
    later = day >= SECOND_YEAR
    meeting = Meeting(
        partnership=partnership, title=story.title,
        starts_at=timezone.make_aware(datetime.combine(day, story.at)),
        length_minutes=(story.later_minutes if later and story.later_minutes else story.minutes),
        preparation_minutes=story.preparation, travel_minutes=story.travel,
        location=story.location if story.travel else "Online",
    )
    keys = story.people + (story.later_people if later else [])
    attendance = [(key, _status(story, key, day, rng, people)) for key in keys]
    low, high = story.later_decisions if later and story.later_decisions else story.decisions
    decisions = []
    for _ in range(rng.randint(low, high)):
        linked = outcomes and rng.random() < story.linked_share
        decisions.append((rng.choice(story.decisions_text), rng.choice(outcomes) if linked else None))
    actions = []
    for _ in range(rng.randint(1, 3)):
        due = day + timedelta(days=28)
        done = None
        if rng.random() < story.on_time_share:
            done = due - timedelta(days=rng.randint(0, 20))
        elif rng.random() < 0.5:
            done = due + timedelta(days=rng.randint(5, 40))
        actions.append((due, done if done and done <= LAST_DAY else None, rng.choice(keys)))
    rows.append((meeting, attendance, decisions, actions))


def extend(workspace, organisations, people, progress):
    """Add two years of meetings to the demo workspace."""
    progress(gettext("Meetings, attendance and decisions…"))
    partnerships = {story.key: for_workspace(Partnership, workspace).get(name=_name(story.key)) for story in STORIES}
    write_meetings(workspace, STORIES, partnerships, people)


def write_meetings(workspace, stories, partnerships, people, seed=SEED):
    """The meetings of each story (its partnership in `partnerships` by the story's
    key), costed on the workspace's pay scale, seeded first (for its nation)."""
    pay_scale_for(workspace)
    rows = []
    for story in stories:
        partnership = partnerships[story.key]
        outcomes = list(for_workspace(Outcome, workspace).live().filter(partnership=partnership))
        rng = random.Random(f"{seed}-{story.key}")
        for day in _dates(story):
            _meeting(story, partnership, day, rng, people, outcomes, rows)
    Meeting.objects.bulk_create([meeting for meeting, *_ in rows])
    Attendance.objects.bulk_create([
        Attendance(meeting=meeting, person=people[key], status=status)
        for meeting, attendance, _, _ in rows for key, status in attendance if status
    ])
    Decision.objects.bulk_create([
        Decision(meeting=meeting, text=text, outcome=outcome)
        for meeting, _, decisions, _ in rows for text, outcome in decisions
    ])
    Action.objects.bulk_create([
        Action(meeting=meeting, text=f"Report back on: {meeting.title.lower()}", owner=people[owner],
               due_on=due, done_on=done)
        for meeting, _, _, actions in rows for due, done, owner in actions
    ])


def _name(key):
    return next(plan.name for plan in partnership_plans() if plan.key == key)
