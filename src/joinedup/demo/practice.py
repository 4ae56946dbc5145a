"""Twelve case studies written for the demo, from fictional places, with
honest failures among them; and one started from the demo's review of Home
First, as a manager would start one."""

from datetime import UTC, datetime, timedelta

from django.utils.translation import gettext

from joinedup.partnerships.models import Partnership
from joinedup.practice import services
from joinedup.practice.models import CaseStudy, EvidenceStrength, Visibility
from joinedup.review.models import Review

E = EvidenceStrength
CASE_STUDIES = [
    dict(
        title="Kingsfold discharge to assess: home the same day",
        problem="I was well enough to go home, but I waited eleven days in a hospital bed for someone to assess me for care.",
        user_group="older people leaving hospital", outcome_area="leaving hospital",
        sectors=["nhs_acute", "nhs_community", "council_adult_social_care", "private_provider"],
        partners="- Kingsfold Hospital: a single discharge hub\n- The council: assessments at home, not on the ward\n- Two home-care agencies: a block contract for bridging care",
        form="joint_commissioning",
        what_we_did="Assessment moved from the ward to the person's home within 24 hours of discharge. One trusted assessor, accepted by all partners, replaced four separate assessments.",
        outcomes="Delayed days fell from a median of 11 to 2 within a year; people still at home 91 days after discharge rose from 78% to 86%.",
        evidence="Monthly delayed transfers of care, 24 months before and 24 after, against four similar councils (difference in differences).",
        evidence_strength=E.COMPARISON, evidence_strength_reason="Change set against four similar councils over the same months.",
        cost="£410,000 a year for the bridging contract; the hub staff moved from existing posts.",
        lessons="- The trusted assessor only worked once home-care providers were paid for the first week whether or not the person needed it.\n- Ward staff kept ordering assessments out of habit for six months.",
        contact="Head of integrated discharge, Kingsfold", visibility=Visibility.EVERYONE,
    ),
    dict(
        title="Telling my story once: one assessment in Wrenbury's mental health hub",
        problem="I had to tell my story to five different people before anyone helped me.",
        user_group="adults with mental health needs", outcome_area="joined-up help",
        sectors=["nhs_mental_health", "council_adult_social_care", "council_housing", "voluntary_community"],
        partners="- Mental health trust: hosts the hub\n- Council: social workers in the hub\n- Housing: a named officer\n- Mind in Wrenbury: peer support",
        form="co_location",
        what_we_did="One shared assessment, owned by a named coordinator, read by every partner with consent.",
        outcomes="People telling their story three or more times fell from 61% to 24% in the service-user survey.",
        evidence="Two waves of the service-user survey, 140 and 152 answers.",
        evidence_strength=E.BEFORE_AFTER, evidence_strength_reason="Survey before and after, no comparison area.",
        cost="Hub coordinator (band 7) and shared-record licences: about £95,000 a year.",
        lessons="- When the coordinator left, repeat assessments crept back within three months: the role needs a deputy.",
        contact="Hub manager, Wrenbury", visibility=Visibility.EVERYONE,
    ),
    dict(
        title="A GP surgery in the Castlegate hostel",
        problem="Nobody would register me with a GP because I had no fixed address.",
        user_group="people who are homeless", outcome_area="primary care",
        sectors=["nhs_primary_care", "council_housing", "voluntary_community"],
        partners="- A GP practice: weekly clinic in the hostel\n- The council: hostel space\n- Castlegate Night Shelter: outreach",
        form="coordinated_working",
        what_we_did="A weekly GP and nurse clinic in the hostel, registering people with the practice's address.",
        outcomes="GP registrations among hostel residents rose from 40% to 92%; A&E attendances by people with no fixed abode fell by a fifth.",
        evidence="Practice registrations and A&E attendances by people recorded as of no fixed abode, monthly over three years.",
        evidence_strength=E.STATISTICAL, evidence_strength_reason="Interrupted time series of A&E attendances, 36 months, p < 0.01.",
        cost="£38,000 a year for clinic sessions.",
        lessons="- Registration was the easy part; follow-up after people moved on was not solved.",
        contact="Homeless health lead, Castlegate", visibility=Visibility.EVERYONE,
    ),
    dict(
        title="Carers' breaks commissioned together in Ashby Vale",
        problem="In six years of caring for my husband I never had a break I could rely on.",
        user_group="carers of older people", outcome_area="carers' breaks",
        sectors=["council_adult_social_care", "nhs_primary_care", "voluntary_community", "user_led"],
        partners="- Council and ICB: one joint specification\n- Carers' centre: booking and emergency cover\n- Carers' forum: wrote the outcomes",
        form="joint_commissioning",
        what_we_did="One pooled commission for carers' breaks, designed with the carers' forum, with emergency cover within 24 hours.",
        outcomes="Carers reporting a break in the last year rose from 31% to 57%.",
        evidence="The biennial carers' survey, two rounds.",
        evidence_strength=E.BEFORE_AFTER, evidence_strength_reason="Two survey rounds; no comparison.",
        cost="£220,000 a year, the same as the two contracts it replaced.",
        lessons="- Carers wrote better outcomes than officers did.\n- Emergency cover was used far less than feared.",
        contact="Carers' commissioning lead, Ashby Vale", visibility=Visibility.EVERYONE,
    ),
    dict(
        title="Falls response with Westdale fire service",
        problem="After my fall I lay on the floor for four hours waiting for an ambulance.",
        user_group="older people living at home", outcome_area="falls",
        sectors=["fire", "nhs_community", "council_adult_social_care"],
        partners="- Fire and rescue: a lifting team on call\n- Community health: falls assessment next day\n- Council: telecare alarms",
        form="coordinated_working",
        what_we_did="Telecare calls for uninjured falls go to a fire-service lifting team instead of an ambulance.",
        outcomes="Median wait after an uninjured fall fell from 3 hours 40 minutes to 48 minutes.",
        evidence="Telecare call logs, 18 months.",
        evidence_strength=E.BEFORE_AFTER, evidence_strength_reason="Call logs before and after the change.",
        cost="£60,000 a year for the on-call rota.",
        lessons="- Crews needed training in when not to lift; two injured people were lifted in the first month.",
        contact="Prevention manager, Westdale Fire and Rescue", visibility=Visibility.EVERYONE,
    ),
    dict(
        title="Making safeguarding personal in Harrowgate",
        problem="Nobody asked me what I wanted to happen after the safeguarding concern.",
        user_group="adults at risk of abuse", outcome_area="safeguarding adults",
        sectors=["council_adult_social_care", "police", "nhs_acute", "user_led"],
        partners="- Safeguarding Adults Board partners\n- A user-led group: reviewed every letter and form",
        form="information_network",
        what_we_did="Every enquiry starts by asking the person what outcome they want, and closes by asking whether they got it.",
        outcomes="People asked what they wanted rose from 52% to 88%; of those, 71% said their outcomes were fully met.",
        evidence="Safeguarding Adults Collection returns, three years.",
        evidence_strength=E.BEFORE_AFTER, evidence_strength_reason="National returns before and after.",
        cost="No new money; training for 300 staff.",
        lessons="- Police and hospital teams asked the question last; the board changed its audit to look at who asks first.",
        contact="Board manager, Harrowgate", visibility=Visibility.EVERYONE,
    ),
    dict(
        title="The Brookmere pooled budget that was unwound",
        problem="While the partners argued about who should pay for my care home, I waited in hospital.",
        user_group="older people needing long-term care", outcome_area="leaving hospital",
        sectors=["council_adult_social_care", "nhs_acute"],
        partners="- Council and ICB: a £12m pooled budget with a risk share",
        form="pooled_budget",
        what_we_did="A pooled budget for placements after hospital, with a 50/50 risk share written before anyone modelled demand.",
        outcomes="No change in delays or admissions in two years; the pool was unwound in year three.",
        evidence="Monthly delays and admissions, 48 months, against similar councils: no effect.",
        evidence_strength=E.COMPARISON, evidence_strength_reason="Set against similar councils: no difference.",
        cost="£180,000 a year in finance and legal time to run the pool and its disputes.",
        lessons="- A pooled budget does not fix a shortage of care-home places.\n- 50/50 on everything meant every overspend was a dispute.\n- Nobody asked people in hospital what they needed.",
        contact="Director of commissioning, Brookmere", visibility=Visibility.EVERYONE,
    ),
    dict(
        title="A children's front door that opened too wide in Otterby",
        problem="We were referred three times and each time told someone else would call.",
        user_group="families with children in need", outcome_area="early help",
        sectors=["council_childrens_services", "police", "council_education", "nhs_community"],
        partners="- Children's services, police, schools and health visitors in one hub",
        form="co_location",
        what_we_did="A multi-agency front door taking every referral from every partner.",
        outcomes="Referrals doubled; re-referrals within a year rose from 18% to 26%.",
        evidence="Children in Need census, three years.",
        evidence_strength=E.BEFORE_AFTER, evidence_strength_reason="National returns before and after.",
        cost="£1.1m a year in staff, mostly moved from existing teams.",
        lessons="- Co-location without shared thresholds moved the queue, not the problem.\n- Schools referred everything once it was easy to.",
        contact="Head of early help, Otterby", visibility=Visibility.EVERYONE,
    ),
    dict(
        title="Shared care record across Penhallow",
        problem="Every professional who visited asked me for my list of medicines.",
        user_group="people with long-term conditions", outcome_area="joined-up help",
        sectors=["nhs_primary_care", "nhs_community", "nhs_acute", "council_adult_social_care"],
        partners="- GP practices, community trust, hospital and social care: one read-only record",
        form="coordinated_working",
        what_we_did="A read-only shared record of medicines, plans and contacts.",
        outcomes="Staff reported less time chasing information; people's experience did not change measurably.",
        evidence="A staff survey only.",
        evidence_strength=E.ANECDOTE,
        cost="£600,000 set-up, £150,000 a year.",
        lessons="- Information governance took 18 months.\n- We measured staff time but never asked people whether they noticed.",
        contact="Digital lead, Penhallow", visibility=Visibility.EVERYONE,
    ),
    dict(
        title="Housing adaptations in weeks, not months, in Larkfield",
        problem="I waited nine months for a stair lift and could not get upstairs to my own bed.",
        user_group="disabled people and older people at home", outcome_area="housing",
        sectors=["council_housing", "council_adult_social_care", "private_provider"],
        partners="- Housing and social care: one occupational therapy team\n- A home-improvement agency: trusted contractor",
        form="integrated_organisation",
        what_we_did="One OT team across housing and care, with small adaptations approved on the spot.",
        outcomes="Median wait for an adaptation fell from 34 weeks to 9.",
        evidence="Disabled facilities grant records, four years.",
        evidence_strength=E.BEFORE_AFTER, evidence_strength_reason="Grant records before and after.",
        cost="No extra money; the grant spends faster.",
        lessons="- Approving small jobs on the spot needed a written scheme of delegation, which took a year.",
        contact="Home adaptations manager, Larkfield", visibility=Visibility.WORKSPACE,
    ),
    dict(
        title="Frailty network in Millbrook that never met the people it served",
        problem="I did not know there was a frailty network until it closed.",
        user_group="people living with frailty", outcome_area="frailty",
        sectors=["nhs_acute", "nhs_community", "nhs_primary_care"],
        partners="- Three NHS bodies, the same twelve managers for six years",
        form="information_network",
        what_we_did="A monthly network meeting of managers from the three NHS bodies.",
        outcomes="None measured; the network ended after a review found no outcomes stated.",
        evidence="",
        evidence_strength=E.ANECDOTE,
        cost="About £30,000 a year in managers' time in meetings.",
        lessons="- Mirror-image partners, no voluntary or user-led members, no outcomes: a network for its own sake.",
        contact="", visibility=Visibility.EVERYONE,
    ),
    dict(
        title="Fewer admissions from care homes in Dunmore",
        problem="My mother was sent to A&E from her care home four times in a month.",
        user_group="care-home residents", outcome_area="care homes",
        sectors=["nhs_primary_care", "nhs_community", "private_provider"],
        partners="- Care homes, a lead GP practice per home, and the community nursing team",
        form="coordinated_working",
        what_we_did="A named GP practice and weekly ward round for each care home, with advance care plans.",
        outcomes="Emergency admissions from care homes fell by 14% against a 3% fall in similar areas.",
        evidence="Monthly emergency admissions from care-home postcodes, 30 months.",
        evidence_strength=E.COMPARISON, evidence_strength_reason="Against similar areas over the same months.",
        cost="£120,000 a year in GP sessions.",
        lessons="- Care-home staff turnover meant the plans were unknown to night staff; a one-page summary by the door fixed it.",
        contact="Care homes lead, Dunmore", visibility=Visibility.DRAFT,
    ),
]


def extend(workspace, organisations, people, progress):
    progress(gettext("Good-practice case studies…"))
    published = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)
    for number, fields in enumerate(CASE_STUDIES):
        when = None if fields["visibility"] == Visibility.DRAFT else published + timedelta(days=21 * number)
        CaseStudy.objects.create(workspace=workspace, published_at=when, **fields)
    home_first = Partnership.objects.filter(workspace=workspace, name__startswith="Home First").first()
    review = Review.objects.filter(partnership=home_first).order_by("-as_of").first() if home_first else None
    if review is not None:
        draft = services.draft_from_review(review)
        draft.title = "Home First in Northshire: one trusted assessment"
        draft.what_we_did = ("Ward, therapy, social work and home-care staff accept one trusted assessment; "
                             "a weekly joint review looks at everyone still waiting.")
        draft.visibility = Visibility.WORKSPACE
        draft.published_at = published + timedelta(days=300)
        draft.save()
