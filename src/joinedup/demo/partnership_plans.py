"""The nine demo partnerships. Keys refer to ORGANISATIONS and PEOPLE_ROLES
in locality.py; outcome indices refer to each plan's own outcomes list."""

from datetime import date

from .locality import PartnershipPlan as P

HOME_FIRST = P(
    key="home_first",
    name="Home First: leaving hospital well",
    purpose="Older people go home from hospital as soon as they are well enough, with the "
    "right support, and stay at home.",
    user_groups="Older people in hospital and their carers",
    form="joint_commissioning",
    driver="Hospital Discharge and Community Support Guidance (2022); Better Care Fund",
    start=date(2022, 4, 1),
    review=date(2027, 3, 31),
    status="active",
    members=[
        ("acute", "lead", "acute_discharge", date(2022, 4, 1), None),
        ("community", "core", "community_reablement", date(2022, 4, 1), None),
        ("asc", "core", "asc_team_manager", date(2022, 4, 1), None),
        ("icb", "core", "icb_commissioner", date(2022, 4, 1), None),
        ("later_life", "core", "later_life_coordinator", date(2022, 4, 1), None),
        ("carers", "associate", "carers_manager", date(2022, 9, 1), None),
        ("speak_up", "core", "speak_up_chair", date(2022, 4, 1), None),
        ("heathergate", "associate", "heathergate_manager", date(2023, 1, 1), None),
        ("housing", "associate", "housing_officer", date(2024, 4, 1), None),
    ],
    outcomes=[
        ("I go home when I am medically ready, not days later.",
         "No one agency controls the whole journey: the hospital decides I am ready, social care "
         "and community health arrange the support, and the care provider delivers it.",
         "Pressure to discharge quickly could mean going home before support is in place; we "
         "check readmissions within 30 days."),
        ("I only have to tell my story once.",
         "Ward, therapy, social work and home care staff each assess me; a shared assessment "
         "needs all of them to agree one record.",
         "A shared record raises information-governance work and consent questions."),
        ("I am still living at home three months after I leave hospital.",
         "Reablement (community health), home care (council-commissioned) and the voluntary "
         "home-from-hospital service only work if they hand over well.",
         "Focusing on home could crowd out choice of a care home for people who want one."),
    ],
    agreement={"summary": "Section 75 schedule to the Better Care Fund agreement: discharge to "
               "assess pathways 1 to 3, shared trusted assessment, weekly joint review.",
               "signed": date(2025, 4, 1), "review": date(2027, 3, 31)},
    responsibilities=[
        ("Run the daily discharge hub", "acute", "acute_discharge", "Home First board", 0),
        ("Trusted assessment on the ward", "community", "community_therapist", "Home First board", 1),
        ("Reablement within 48 hours of discharge", "community", "community_reablement", "ICB", 2),
        ("Arrange home care packages", "asc", "asc_broker", "Director of Adult Social Services", 0),
        ("Home from hospital visits within 72 hours", "later_life", "later_life_coordinator", "Home First board", 2),
        ("Bring service users' and carers' views to each board", "speak_up", "speak_up_chair", "Home First board", 1),
    ],
    resources=[
        ("icb", "money", 2400000, "£", "a year", "Discharge fund and reablement", "agreed"),
        ("asc", "money", 1100000, "£", "a year", "Home care for discharge to assess", "agreed"),
        ("community", "staff_time", 12, "whole-time equivalents", "ongoing", "Reablement team", "agreed"),
        ("later_life", "staff_time", 3, "whole-time equivalents", "ongoing", "Home from hospital", "agreed"),
        ("acute", "premises", 1, "office", "ongoing", "Discharge hub on site", "agreed"),
    ],
    accountabilities=[
        ("acute", "Reduce patients with no criteria to reside to under 10% of beds", "NHS England", 0, False),
        ("asc", "ASCOF 2B: older people at home 91 days after reablement", "Department of Health and Social Care", 2, False),
    ],
)

HWB = P(
    key="hwb",
    name="Northshire Health and Wellbeing Board",
    purpose="To improve the health and wellbeing of the people of Northshire and reduce "
    "health inequalities.",
    user_groups="Everyone in Northshire",
    form="information_network",
    driver="Health and Social Care Act 2012, section 194",
    start=date(2013, 4, 1),
    review=date(2016, 3, 31),
    status="active",
    members=[
        ("icb", "core", "icb_director", date(2013, 4, 1), None),
        ("asc", "lead", "asc_director", date(2013, 4, 1), None),
        ("childrens", "core", "childrens_director", date(2014, 9, 1), None),
        ("public_health", "core", "ph_director", date(2013, 4, 1), None),
        ("acute", "core", "acute_ceo_deputy", date(2016, 4, 1), None),
        ("community", "core", "community_director", date(2013, 4, 1), None),
        ("healthwatch", "core", "healthwatch_manager", date(2013, 4, 1), None),
    ],
    outcomes=[
        ("People in Northshire live longer, healthier lives.", "", ""),
        ("Health inequalities between the most and least deprived wards narrow.",
         "The causes of poor health sit with housing, education, employment and the NHS.", ""),
    ],
    agreement={"summary": "Terms of reference adopted by full council, 2014.",
               "signed": date(2014, 3, 1), "review": date(2016, 3, 31)},
    responsibilities=[
        ("Publish the joint strategic needs assessment", "public_health", "ph_consultant", "Health and Wellbeing Board", 1),
        ("Sign off the Better Care Fund plan", "asc", "asc_director", "NHS England", None),
    ],
    resources=[
        ("public_health", "staff_time", 0.5, "whole-time equivalents", "ongoing", "Board support", "agreed"),
    ],
    accountabilities=[],
)

FRAILTY = P(
    key="frailty",
    name="Northshire Frailty Network",
    purpose="Bring together everyone working with frail older people.",
    user_groups="Frail older people",
    form="coordinated_working",
    driver="",
    start=date(2021, 10, 1),
    review=None,
    status="active",
    members=[
        ("acute", "lead", "acute_consultant", date(2021, 10, 1), None),
        ("community", "core", "community_nurse", date(2021, 10, 1), None),
        ("gp_federation", "core", "gp_fed_lead", date(2021, 10, 1), None),
        ("asc", "core", "asc_assistant_director", date(2021, 10, 1), None),
        ("willowmere", "associate", "willowmere_manager", date(2022, 3, 1), None),
        ("fire", "associate", "fire_manager", date(2022, 3, 1), None),
    ],
    outcomes=[],
    agreement=None,
    responsibilities=[],
    resources=[],
    accountabilities=[],
)

BCF = P(
    key="bcf",
    name="Better Care Fund pooled budget",
    purpose="Pool NHS and council money to keep people independent at home and out of "
    "hospital and long-term care.",
    user_groups="Adults with care and support needs, and their carers",
    form="pooled_budget",
    driver="Better Care Fund policy framework; NHS Act 2006, section 75",
    start=date(2015, 4, 1),
    review=date(2026, 3, 31),
    status="under_review",
    members=[
        ("icb", "lead", "icb_finance", date(2015, 4, 1), None),
        ("asc", "core", "asc_finance", date(2015, 4, 1), None),
        ("housing", "associate", "housing_head", date(2019, 4, 1), None),
        ("community", "associate", "community_director", date(2015, 4, 1), None),
    ],
    outcomes=[
        ("I can stay in my own home for as long as I want to.",
         "Home adaptations (council), community health and social care are funded separately; a "
         "pooled budget lets money follow the person.",
         "Pooling can hide which partner is overspending, and a dispute freezes the whole fund."),
        ("I get help quickly when I am struggling, before it becomes a crisis.",
         "Early help depends on GPs, social care and the voluntary sector sharing who is at risk.",
         ""),
    ],
    agreement={"summary": "Section 75 pooled budget agreement, renewed yearly.",
               "signed": date(2025, 4, 1), "review": date(2026, 3, 31)},
    responsibilities=[
        ("Host the pooled fund and report spend monthly", "asc", "asc_finance", "Health and Wellbeing Board", 0),
        ("Commission intermediate care", "icb", "icb_commissioner", "ICB board", 0),
        ("Disabled facilities grants", "housing", "housing_head", "Council cabinet", 0),
    ],
    resources=[
        ("icb", "money", 24100000, "£", "a year", "NHS minimum contribution", "agreed"),
        ("asc", "money", 6800000, "£", "a year", "Council contribution to the pool", "disputed"),
        ("housing", "money", 2900000, "£", "a year", "Disabled facilities grant", "agreed"),
    ],
    accountabilities=[
        ("icb", "Cut non-elective admissions by 3% a year", "NHS England", 1, False),
        ("asc", "Keep the adult social care budget within its cash limit", "Council cabinet", 0, True),
    ],
)

MH_HUB = P(
    key="mh_hub",
    name="Saltmarsh Mental Health Hub",
    purpose="One front door for adults with mental health problems in Saltmarsh.",
    user_groups="Adults with mental health problems in Saltmarsh",
    form="co_location",
    driver="NHS Community Mental Health Framework (2019)",
    start=date(2021, 1, 4),
    review=date(2025, 1, 31),
    status="active",
    members=[
        ("mental_health", "lead", "mh_director", date(2021, 1, 4), None),
        ("pcn_saltmarsh", "core", "pcn_saltmarsh_cd", date(2021, 1, 4), None),
        ("wellbeing", "core", "wellbeing_ceo", date(2021, 1, 4), None),
        ("advice", "associate", "advice_manager", date(2021, 6, 1), None),
        ("housing_association", "associate", "housing_assoc_lead", date(2022, 1, 1), date(2024, 3, 31)),
    ],
    outcomes=[
        ("I get the right help the first time I ask, without being bounced between services.",
         "Primary care, secondary mental health and voluntary support each hold part of the "
         "answer; a shared front door needs all three.",
         "A single front door can become a single queue."),
        ("Someone helps me with money and housing worries as well as my mental health.",
         "Debt and housing advice sit outside the NHS.", ""),
    ],
    agreement={"summary": "Memorandum of understanding for the co-located hub.",
               "signed": date(2021, 1, 4), "review": date(2025, 1, 31)},
    responsibilities=[
        ("Coordinate the hub rota", "mental_health", "mh_hub_coordinator", "Hub steering group", 0),
        ("Triage referrals together each morning", "mental_health", "mh_manager", "Hub steering group", 0),
        ("Debt and benefits advice sessions", "advice", "advice_manager", "Hub steering group", 1),
    ],
    resources=[
        ("mental_health", "premises", 1, "building", "ongoing", "Saltmarsh Centre", "agreed"),
        ("wellbeing", "staff_time", 2, "whole-time equivalents", "ongoing", "Peer support", "agreed"),
        ("pcn_saltmarsh", "staff_time", 0.4, "whole-time equivalents", "ongoing", "GP sessions", "proposed"),
    ],
    accountabilities=[
        ("mental_health", "Four-week wait from referral to treatment", "NHS England", 0, False),
    ],
)

SAFEGUARDING = P(
    key="safeguarding",
    name="Northshire Safeguarding Adults Board",
    purpose="Adults at risk in Northshire are safe from abuse and neglect, and in control of "
    "how they are kept safe.",
    user_groups="Adults with care and support needs at risk of abuse or neglect",
    form="coordinated_working",
    driver="Care Act 2014, section 43",
    start=date(2015, 4, 1),
    review=date(2027, 3, 31),
    status="active",
    members=[
        ("asc", "lead", "asc_safeguarding", date(2015, 4, 1), None),
        ("police", "core", "police_superintendent", date(2015, 4, 1), None),
        ("icb", "core", "icb_quality", date(2015, 4, 1), None),
        ("acute", "associate", "acute_safeguarding", date(2019, 3, 1), None),
        ("healthwatch", "associate", "healthwatch_manager", date(2019, 3, 1), None),
        ("disabled_forum", "associate", "forum_chair", date(2023, 4, 1), None),
    ],
    outcomes=[
        ("I am asked what I want to happen, and it is listened to.",
         "Police, health and social care each run their own enquiries; only together can the "
         "person be asked once and kept informed.",
         "Joint enquiries can slow action when one partner must act now."),
        ("I feel safe in my home and in the place I live.",
         "Risks cross housing, policing, care providers and health.",
         "Information sharing can feel intrusive to the person."),
    ],
    agreement={"summary": "Board constitution and information-sharing agreement.",
               "signed": date(2024, 4, 1), "review": date(2027, 3, 31)},
    responsibilities=[
        ("Safeguarding adults reviews (section 44)", "asc", "asc_safeguarding", "Board chair", 0),
        ("Joint police and social work enquiries", "police", "police_sergeant", "Board chair", 0),
        ("Audit of care home safeguarding referrals", None, None, "Board chair", 1),
    ],
    resources=[
        ("asc", "money", 140000, "£", "a year", "Board manager and reviews", "agreed"),
        ("police", "money", 30000, "£", "a year", "Contribution", "agreed"),
        ("icb", "money", 45000, "£", "a year", "Contribution", "agreed"),
    ],
    accountabilities=[
        ("police", "Crime recording standards for vulnerable adults", "HM Inspectorate of Constabulary", 1, False),
    ],
)

BRAMPTON = P(
    key="brampton",
    name="Brampton Neighbourhood Care Team",
    purpose="One team looks after people with long-term conditions in Brampton, whoever employs "
    "its staff.",
    user_groups="Adults in Brampton with long-term conditions, and their carers",
    form="integrated_organisation",
    driver="Fuller Stocktake (2022); neighbourhood health guidance",
    start=date(2026, 4, 1),
    review=date(2027, 9, 30),
    status="active",
    members=[
        ("pcn_brampton", "lead", "pcn_brampton_cd", date(2026, 4, 1), None),
        ("community", "core", "community_nurse", date(2026, 4, 1), None),
        ("asc", "core", "asc_social_worker", date(2026, 4, 1), None),
        ("transport", "associate", "transport_manager", date(2026, 6, 1), None),
        ("carers", "associate", "carers_manager", date(2026, 6, 1), None),
    ],
    outcomes=[
        ("I have one named person who knows me and coordinates my care.",
         "GP practice, district nurses and social workers are employed by three organisations; "
         "only one team can give me one named person.",
         "Staff may lose professional supervision from their own employer."),
        ("I can get to my appointments and groups.",
         "Transport is run by a voluntary group outside health and care.", "Reliance on volunteers."),
    ],
    agreement={"summary": "Heads of terms for the integrated team, signed by the three employers.",
               "signed": date(2026, 3, 15), "review": date(2027, 3, 15)},
    responsibilities=[
        ("Weekly multidisciplinary team meeting", "pcn_brampton", "pcn_brampton_manager", "Neighbourhood board", 0),
        ("Named coordinator for each person on the caseload", "community", "community_nurse", "Neighbourhood board", 0),
        ("Transport booking line", "transport", "transport_manager", "Neighbourhood board", 1),
    ],
    resources=[
        ("pcn_brampton", "staff_time", 1.5, "whole-time equivalents", "ongoing", "Care coordinators", "agreed"),
        ("community", "staff_time", 6, "whole-time equivalents", "ongoing", "District nurses", "agreed"),
        ("asc", "staff_time", 2, "whole-time equivalents", "ongoing", "Social workers", "proposed"),
        ("icb", "money", 250000, "£", "a year", "Transformation funding", "proposed"),
    ],
    accountabilities=[],
)

HOMELESS_HEALTH = P(
    key="homeless_health",
    name="Homeless Health Partnership",
    purpose="People who are homeless get health care when they need it, not only in A&E.",
    user_groups="People sleeping rough or in temporary accommodation",
    form="coordinated_working",
    driver="Homelessness Reduction Act 2017 (duty to refer)",
    start=date(2023, 6, 1),
    review=date(2027, 6, 1),
    status="active",
    members=[
        ("open_door", "lead", "open_door_ceo", date(2023, 6, 1), None),
        ("housing", "core", "housing_officer", date(2023, 6, 1), None),
        ("dunmoor", "core", "dunmoor_manager", date(2023, 6, 1), None),
        ("pcn_saltmarsh", "core", "pcn_saltmarsh_cd", date(2023, 6, 1), None),
        ("food_bank", "associate", "food_bank_coordinator", date(2023, 9, 1), None),
        ("speak_up", "core", "speak_up_member", date(2024, 2, 1), None),
        ("police", "associate", "police_sergeant", date(2024, 1, 1), None),
    ],
    outcomes=[
        ("I can see a doctor or nurse without an address or ID.", "", ""),
        ("When I leave hospital I have somewhere safe to go.", "", ""),
        ("I do not have to go to A&E for things a GP could treat.", "", ""),
    ],
    agreement={"summary": "Terms of reference, agreed at the first meeting.",
               "signed": date(2023, 6, 1), "review": date(2027, 6, 1)},
    responsibilities=[
        ("Weekly outreach clinic", "open_door", "open_door_outreach", "Partnership group", 0),
        ("Duty to refer from hospital", "housing", "housing_officer", "Council", 1),
    ],
    resources=[
        ("open_door", "staff_time", 1, "whole-time equivalents", "ongoing", "Outreach worker", "agreed"),
        ("pcn_saltmarsh", "staff_time", 0.2, "whole-time equivalents", "ongoing", "GP sessions", "agreed"),
        ("housing", "money", 60000, "£", "a year", "Step-down beds", "proposed"),
    ],
    accountabilities=[],
)

FRAILTY_PATHWAY = P(
    key="frailty_pathway",
    name="Frailty Pathway Group",
    purpose="Agree one NHS pathway for frail older people, from the front door of the hospital "
    "to home.",
    user_groups="Frail older people",
    form="coordinated_working",
    driver="NHS urgent and emergency care plan",
    start=date(2025, 9, 1),
    review=date(2027, 9, 1),
    status="active",
    members=[
        ("acute", "lead", "acute_consultant", date(2025, 9, 1), None),
        ("community", "core", "community_nurse", date(2025, 9, 1), None),
        ("gp_federation", "core", "gp_fed_lead", date(2025, 9, 1), None),
    ],
    outcomes=[
        ("When I am frail and come to hospital, someone who knows about frailty sees me the same day.",
         "The hospital, community nurses and GPs each hold part of the pathway.",
         "Another meeting for the same clinicians who already meet in the Frailty Network."),
    ],
    agreement={"summary": "Terms of reference of the hospital's frailty programme.",
               "signed": date(2025, 9, 1), "review": date(2027, 9, 1)},
    responsibilities=[
        ("Frailty screening at the front door", "acute", "acute_consultant", "Hospital board", 0),
    ],
    resources=[
        ("acute", "staff_time", 0.5, "whole-time equivalents", "ongoing", "Frailty practitioner", "agreed"),
    ],
    accountabilities=[],
)

PLANS = [HOME_FIRST, HWB, FRAILTY, BCF, MH_HUB, SAFEGUARDING, BRAMPTON, HOMELESS_HEALTH, FRAILTY_PATHWAY]
