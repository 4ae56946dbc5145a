"""Two survey waves for each Northshire partnership, each true to its story
(see locality.py):

- Home First: good scores everywhere; users tell their story once.
- Health and Wellbeing Board (stale): partners agree with one another, but
  staff morale and role clarity fall between the waves and users keep
  repeating their story.
- Better Care Fund: resources and the agreement score low, with a wide gap
  between the NHS and the council; service users were never asked.
- Frailty Network: low scores for purpose; few of those invited answer.
- Saltmarsh Mental Health Hub: since its lead moved on, communication and
  staff's role clarity slip; service users mostly tell their story once or twice.
- Safeguarding Adults Board: steady, good scores; people who went through a
  safeguarding enquiry say services talked to each other.
- Brampton Neighbourhood Care Team: new (April 2026), so its waves are in
  summer and autumn 2026; scores rise as the team settles.
- Homeless Health Partnership: partners are committed but unsure why a
  partnership; about a third of homeless people asked have told their story more than once.
- Frailty Pathway Group: NHS clinicians only, middling scores; service users
  are not asked.

Answers are generated from a seed, so the demo is the same every time. Some
groups have fewer than 5 people, so that suppression shows.
"""

import hashlib
import random
from datetime import date, timedelta

from django.utils.translation import gettext

from joinedup.partnerships.models import Partnership
from joinedup.surveys.instruments import (
    DONT_KNOW,
    SCORED_KINDS,
    consented_obstacle,
    instrument,
    with_partnership,
)
from joinedup.surveys.models import (
    Invitation,
    InvitationBatch,
    Obstacle,
    Response,
    Wave,
    WaveStatus,
)
from joinedup.surveys.respond import partnership_choices

SEED = 2026
WAVES = [("Autumn 2025", date(2025, 9, 1)), ("Spring 2026", date(2026, 3, 2))]

IMPROVE = [
    "Agree who pays for the extra discharge beds before winter",
    "Shorter meetings with decisions written down and shared the same week",
    "Bring service users and carers onto the board with a real say",
    "Stop arguing about the pooled budget and agree the contributions",
    "Share data between hospital and council teams every week",
    "Review our outcomes with the people who use services",
    "Send people who can make decisions to the meetings",
    "Fewer meetings, more joint work on the front line",
]
OBSTACLES = [
    "No shared record between the ward and the social work team",
    "Waiting weeks for a care package before anyone can go home",
    "I do not know who to call at the council when a discharge is stuck",
    "Different assessment forms for the same person in every agency",
    "Ring Dr Okafor on 07700 900123 for every referral because the system is down",
    "The shared care record is missing from the community team's laptops",
    "Referral forms get lost between the hospital and the council",
    "Staff shortages mean the care package waits for weeks",
]
MATTERS = [
    "Staying in my own home and seeing my family",
    "Not having to explain my story again to every new person",
    "Knowing who to ring when things go wrong",
    "Getting home from hospital quickly with the right help",
    "Being treated as a person and listened to",
    "Help for my carer so she can have a break",
]
MISSING = [
    "Nothing about carers getting a break",
    "Help with money and benefits is missing",
    "Nothing about loneliness after I get home",
    "Carers need a break and nobody mentions it",
    "Transport to appointments is missing from the goals",
]
WORKING = [
    "The reablement team were kind and came on time",
    "I had to tell my story again to four different people",
    "Nobody rang me back after I left hospital",
    "The hospital and the council do not talk to each other",
    "My social worker knew my story already which helped",
]


def _profile(health=3.5, staff=(3.5, 3.5), story=(0.6, 0.3, 0.1), good=0.6, **themes):
    return {"health": health, "themes": themes, "staff": staff, "story": story, "good": good}


# Per partnership: the organisations asked (health check and staff pulse),
# who is asked and how many answer in each wave, and what they tend to say.
PLANS = {
    "Home First: leaving hospital well": {
        "profiles": [_profile(4.0, (3.9, 4.0), (0.75, 0.2, 0.05), 0.8), _profile(4.1, (4.0, 4.1), (0.8, 0.15, 0.05), 0.85)],
        "partners": {"acute": (8, 6), "community": (7, 6), "asc": (8, 6), "later_life": (4, 3), "speak_up": (5, 3)},
        "staff": {"acute": (30, 14), "community": (25, 12), "asc": (30, 15)},
        "users": {"Service users": (40, 18), "Carers": (15, 6)},
    },
    "Northshire Health and Wellbeing Board": {
        "profiles": [_profile(3.4, (3.7, 3.8), (0.3, 0.4, 0.3), 0.4), _profile(3.4, (2.6, 2.8), (0.2, 0.4, 0.4), 0.35)],
        "partners": {"icb": (7, 6), "asc": (7, 6), "public_health": (6, 5), "acute": (6, 5), "healthwatch": (3, 2)},
        "staff": {"asc": (40, 16), "community": (35, 14), "acute": (30, 12)},
        "users": {"Service users": (40, 15), "Carers": (12, 4)},
    },
    "Better Care Fund pooled budget": {
        "profiles": [_profile(3.2, (3.3, 3.3), resources=2.2, who_does_what=2.5, accountability=2.4),
                     _profile(3.1, (3.2, 3.2), resources=2.0, who_does_what=2.4, accountability=2.3)],
        "partners": {"icb": (8, 7), "asc": (8, 7), "housing": (6, 5), "community": (6, 5)},
        # The NHS sees the money as settled; the council does not.
        "gaps": {"icb": {"resources": 1.6, "who_does_what": 1.0}, "asc": {"resources": -1.2}},
        "staff": {"asc": (25, 10), "community": (20, 9)},
        "users": {},
        "culture": True,
    },
    "Northshire Frailty Network": {
        "profiles": [_profile(3.0, (3.2, 3.1), purpose=2.0, why_partnership=2.3, learning=2.4),
                     _profile(2.9, (3.1, 3.0), purpose=1.9, why_partnership=2.2, learning=2.3)],
        "partners": {"acute": (10, 5), "community": (10, 5), "gp_federation": (10, 2), "asc": (8, 3)},
        "staff": {"acute": (60, 9), "community": (50, 8)},
        "users": {"Service users": (60, 8)},
    },
    "Saltmarsh Mental Health Hub": {
        "profiles": [_profile(3.4, (3.6, 3.6), (0.6, 0.3, 0.1), 0.55, communication=3.2),
                     _profile(3.2, (3.4, 2.9), (0.6, 0.32, 0.08), 0.5, communication=3.0)],
        "partners": {"mental_health": (6, 5), "pcn_saltmarsh": (5, 3), "wellbeing": (5, 4), "advice": (3, 2)},
        "staff": {"mental_health": (30, 12), "wellbeing": (12, 6)},
        "users": {"Service users": (35, 12)},
    },
    "Northshire Safeguarding Adults Board": {
        "profiles": [_profile(3.9, (3.8, 3.9), (0.7, 0.25, 0.05), 0.7), _profile(4.0, (3.9, 4.0), (0.72, 0.24, 0.04), 0.72)],
        "partners": {"asc": (6, 5), "police": (5, 4), "icb": (5, 4), "acute": (4, 3), "healthwatch": (3, 2),
                     "disabled_forum": (3, 3)},
        "staff": {"asc": (25, 12), "police": (15, 6)},
        "users": {"Service users": (30, 12)},
    },
    "Brampton Neighbourhood Care Team": {
        "waves": [("Summer 2026", date(2026, 6, 1)), ("Autumn 2026", date(2026, 9, 7))],
        "profiles": [_profile(3.6, (3.4, 3.3), (0.72, 0.23, 0.05), 0.6), _profile(3.8, (3.7, 3.7), (0.75, 0.2, 0.05), 0.65)],
        "partners": {"pcn_brampton": (4, 3), "community": (5, 4), "asc": (4, 3), "transport": (2, 1), "carers": (3, 2)},
        "staff": {"community": (20, 9), "asc": (10, 5), "pcn_brampton": (8, 4)},
        "users": {"Service users": (40, 16)},
    },
    "Homeless Health Partnership": {
        "profiles": [_profile(3.5, (3.5, 3.4), (0.65, 0.25, 0.1), 0.45, why_partnership=2.6),
                     _profile(3.5, (3.5, 3.5), (0.64, 0.26, 0.1), 0.45, why_partnership=2.5)],
        "partners": {"open_door": (5, 4), "housing": (4, 3), "dunmoor": (4, 3), "pcn_saltmarsh": (3, 2),
                     "food_bank": (3, 2), "speak_up": (4, 3)},
        "staff": {"open_door": (15, 8), "dunmoor": (12, 6)},
        "users": {"Service users": (40, 14)},
    },
    "Frailty Pathway Group": {
        "profiles": [_profile(3.4, (3.4, 3.3), why_partnership=2.8), _profile(3.3, (3.3, 3.3), why_partnership=2.7)],
        "partners": {"acute": (6, 5), "community": (5, 4), "gp_federation": (4, 3)},
        "staff": {"acute": (20, 9), "community": (15, 7)},
        "users": {},
    },
}
# The partner relationships survey, in two partnerships. Per organisation
# (invited, answered) each wave; the usual trust and value; and shifts for
# pairs (per wave) and for how the others value one organisation. The Better
# Care Fund's NHS and council partners trust each other little over the money,
# a little more by spring; the housing department is in the room but seen to
# bring little. At Home First trust is high, and the one advocate who answers
# is too few, with Later Life's two, for their tie to show.
RELATIONSHIP_PLANS = {
    "Better Care Fund pooled budget": {
        "raters": {"icb": (6, 4), "asc": (6, 4), "housing": (5, 3), "community": (5, 3)},
        "trust": 3.0, "value": 3.1,
        "pairs": [{("icb", "asc"): -1.3}, {("icb", "asc"): -0.8}],
        "valued": {"housing": -1.2},
    },
    "Home First: leaving hospital well": {
        "raters": {"acute": (4, 3), "community": (4, 3), "asc": (4, 3), "later_life": (3, 2), "speak_up": (2, 1)},
        "trust": 3.3, "value": 3.1,
        "pairs": [{}, {}],
        "valued": {"speak_up": -0.5},
    },
}
RELATIONSHIP_ITEMS = {"trust": ("open", "reliable", "mission"), "value": ("influence", "involved", "resources")}
CULTURE_SELF = {"icb": (1, 4, 1, 1), "asc": (3, 2, 1, 2), "housing": (4, 4, 3, 4), "community": (2, 3, 2, 2)}
CULTURE_SEEN = {"icb": (1, 1, 1, 1), "asc": (3, 2, 1, 2), "housing": (4, 4, 3, 4), "community": (2, 3, 2, 2)}


def extend(workspace, organisations, people, progress):
    """Add the survey waves to the demo workspace."""
    progress(gettext("Survey waves and answers…"))
    rng = random.Random(SEED)
    for name, plan in PLANS.items():
        partnership = Partnership.objects.get(workspace=workspace, name=name)
        for index, (wave_name, opens) in enumerate(plan.get("waves", WAVES)):
            wave = _wave(rng, partnership, plan, plan["profiles"][index], wave_name, opens, organisations)
            if name in RELATIONSHIP_PLANS:
                _relationships(wave, RELATIONSHIP_PLANS[name], index, organisations)


def _wave(rng, partnership, plan, profile, name, opens, organisations):
    instruments = ["health_check", "staff_pulse"] + (["culture"] if plan.get("culture") else [])
    instruments += ["relationships"] if partnership.name in RELATIONSHIP_PLANS else []
    instruments += ["service_user"] if plan["users"] else []
    groups = [organisations[k].name for k in {**plan["partners"], **plan["staff"]}] + list(plan["users"])
    wave = Wave.objects.create(
        partnership=partnership, name=name, instruments=instruments, respondent_groups=sorted(set(groups)),
        opens_on=opens, closes_on=opens + timedelta(days=27), status=WaveStatus.CLOSED,
    )
    choices = partnership_choices(partnership)
    org_ids = {key: str(org.pk) for key, org in organisations.items()}
    responses = []
    for code, asked in [("health_check", plan["partners"]), ("staff_pulse", plan["staff"])]:
        survey = with_partnership(instrument(code), *choices)
        for key, (invited, answered) in asked.items():
            _batch(rng, wave, organisations[key].name, code, invited, answered)
            shift = plan.get("gaps", {}).get(key, {}) if code == "health_check" else {}
            for _ in range(answered):
                answers = _scored(rng, survey, profile, shift, staff=code == "staff_pulse")
                answers["group"] = org_ids[key]
                _free_text(rng, code, answers)
                responses.append(_response(rng, wave, code, organisations[key].name, answers))
    if plan.get("culture"):
        survey = with_partnership(instrument("culture"), *choices)
        for key, (invited, answered) in plan["partners"].items():
            _batch(rng, wave, organisations[key].name, "culture", invited, answered)
            for _ in range(answered):
                answers = _culture(rng, key, org_ids, plan["partners"])
                responses.append(_response(rng, wave, "culture", organisations[key].name, answers))
    for group, (invited, answered) in plan["users"].items():
        _batch(rng, wave, group, "service_user", invited, answered)
        outcomes = [value for value, _label in choices[1]]
        for _ in range(answered):
            responses.append(_response(rng, wave, "service_user", group, _user(rng, profile, outcomes)))
    # The waves are closed: every answer was released in one step at the close,
    # which passed the consented obstacles on, in no particular order.
    Response.objects.bulk_create(responses)
    obstacles = [text for r in responses if (text := consented_obstacle(r.answers))]
    random.Random(wave.pk).shuffle(obstacles)
    Obstacle.objects.bulk_create(
        Obstacle(partnership=partnership, text=text, created_on=wave.closes_on) for text in obstacles
    )
    return wave


def _relationships(wave, plan, index, organisations):
    """Answers to the partner relationships survey: each person rates every
    other partner near the plan's level, shifted for the pair and for how the
    others value that partner. A random stream of its own, so that adding it
    left every other demo answer as it was."""
    rng = random.Random(f"{SEED}-relationships-{wave.partnership.name}-{index}")
    org_ids = {key: str(organisations[key].pk) for key in plan["raters"]}
    responses = []
    for key, (invited, answered) in plan["raters"].items():
        _batch(rng, wave, organisations[key].name, "relationships", invited, answered)
        for _ in range(answered):
            answers = {"group": org_ids[key]}
            for other in plan["raters"]:
                if other == key:
                    continue
                pair = plan["pairs"][index].get((key, other), plan["pairs"][index].get((other, key), 0))
                for measure, items in RELATIONSHIP_ITEMS.items():
                    mean = plan[measure] + (pair if measure == "trust" else 0)
                    mean += plan["valued"].get(other, 0) if measure == "value" else 0
                    for item in items:
                        answers[f"rate_{item}__{org_ids[other]}"] = max(1, min(4, round(rng.gauss(mean, 0.5))))
            responses.append(_response(rng, wave, "relationships", organisations[key].name, answers))
    Response.objects.bulk_create(responses)


def _batch(rng, wave, group, code, invited, answered):
    batch = InvitationBatch.objects.create(wave=wave, group=group, instrument=code, count=invited)
    invitations = []
    for n in range(invited):
        token, code_hash = _random_hash(rng), _random_hash(rng)
        if n < answered:
            rng.randint(0, 20)  # once the day of use, no longer kept; drawn so the answers stay as they were
        invitations.append(Invitation(
            batch=batch, token_hash=token, code_hash=code_hash,
            # Used links carry the wave's opening date, not the day of use (surveys.respond.send).
            used_on=wave.opens_on if n < answered else None,
            sealed=n < answered,  # the waves are closed, so their used links are sealed
        ))
    Invitation.objects.bulk_create(invitations)


def _random_hash(rng):
    return hashlib.sha256(rng.getrandbits(128).to_bytes(16, "big")).hexdigest()


def _response(rng, wave, code, group, answers):
    rng.randint(0, 20)  # once the day of submission, no longer kept; drawn so the answers stay as they were
    return Response(wave=wave, instrument=code, respondent_group=group, answers=answers, released=True)


def _score(rng, mean, sd=0.7):
    return max(1, min(5, round(rng.gauss(mean, sd))))


def _scored(rng, survey, profile, shift, staff):
    answers = {}
    for question in survey.questions:
        if question.kind not in SCORED_KINDS or not question.theme:
            continue
        if staff:
            mean = profile["staff"][1] if question.theme == "role_clarity" else profile["staff"][0]
        else:
            mean = profile["themes"].get(question.theme, profile["health"]) + shift.get(question.theme, 0)
        if rng.random() < 0.04:
            answers[question.code] = DONT_KNOW if question.kind == "agreement5" else _score(rng, mean)
            continue
        value = _score(rng, mean, 0.6 if staff else 0.55)
        answers[question.code] = 6 - value if question.reverse_scored else value
    return answers


def _free_text(rng, code, answers):
    if code == "health_check" and rng.random() < 0.7:
        answers["improve"] = rng.choice(IMPROVE)
    if code == "staff_pulse" and rng.random() < 0.8:
        answers["obstacle"] = rng.choice(OBSTACLES)
        answers["obstacle_consent"] = "yes" if rng.random() < 0.3 else "no"


def _culture(rng, key, org_ids, partners):
    answers = {"group": org_ids[key]}
    for index, dimension in enumerate(("papers", "speed", "money", "written")):
        answers[f"own_{dimension}"] = max(1, min(5, CULTURE_SELF[key][index] + rng.choice((-1, 0, 0, 0, 1))))
        for other in partners:
            if other != key:
                seen = CULTURE_SEEN[other][index] + rng.choice((-1, 0, 0, 1))
                answers[f"partner_{dimension}__{org_ids[other]}"] = max(1, min(5, seen))
    return answers


def _user(rng, profile, outcomes):
    once, some, many = profile["story"]
    draw = rng.random()
    told = rng.randint(0, 1) if draw < once else rng.randint(2, 3) if draw < once + some else rng.randint(4, 7)
    answers = {"told_story": told}
    for code in ("passed_between", "services_talk", "knew_contact"):
        good = rng.random() < profile["good"]
        answers[code] = ("no" if good else "yes") if code == "passed_between" else ("yes" if good else "no")
        if rng.random() < 0.1:
            answers[code] = "unsure"
    if outcomes:
        answers["outcomes"] = sorted(set(rng.choices(outcomes, weights=range(len(outcomes), 0, -1), k=rng.randint(1, 3))))
    for code, pool, share in (("what_matters", MATTERS, 0.8), ("missing", MISSING, 0.6), ("working_change", WORKING, 0.7)):
        if rng.random() < share:
            answers[code] = rng.choice(pool)
    return answers
