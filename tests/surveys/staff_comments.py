"""A small, realistic (but invented) corpus of staff pulse answers to
"What gets in the way of joined-up work for the people you support?".

Three problems run through it: delayed hospital discharges, not knowing whom
to call in housing, and the same assessment being done again by each agency.
"""

DISCHARGE = [
    "Hospital discharge is delayed for days because the care package is not ready.",
    "Patients medically fit for discharge wait on the ward while we wait for a care package.",
    "Discharge delays again this week, three people stuck on the ward waiting for home care.",
    "The ward tells us about a discharge on the morning of discharge, so the care package cannot start in time.",
    "Delayed discharge: nobody agrees who pays for the care package until the patient has waited a week.",
    "Discharge planning starts too late on the ward, and home care providers have no capacity.",
    "People wait in hospital beds for a package of care, the discharge delays are getting worse.",
    "Weekend discharge never happens because care agencies and the discharge team do not work weekends.",
    "Discharge letters arrive late so the care package is set up without the medication changes.",
    "Delays in discharge from the ward because the home care package start date keeps moving.",
    "Our discharge delays come from waiting for care home beds and home care packages.",
    "The discharge team and social care argue about the care package while the patient waits on the ward.",
    "Delayed transfers of care: patients ready for discharge wait because home care is not in place.",
    "Discharge from hospital is held up by the wait for a care package assessment and funding.",
]

HOUSING = [
    "I never know who to call in housing when someone is about to lose their tenancy.",
    "Nobody knows who to contact in housing, the phone number on the intranet is out of date.",
    "Housing officers change so often that I do not know who to call about a tenant.",
    "I spend hours trying to find the right person in housing to call about homelessness.",
    "We do not have a named contact in housing, so calls go to a general number and nobody rings back.",
    "Finding who to contact in the housing team for adaptations takes days of phone calls.",
    "When a tenant is at risk of eviction I do not know who to call in housing.",
    "Housing does not answer the phone and there is no contact list for the housing officers.",
    "I called the housing options number three times and never found out who deals with the tenancy.",
    "We need a contact list of housing officers, I never know who to call.",
    "No named housing contact for our team, every call about a tenant starts from scratch.",
    "Trying to reach someone in housing about a homeless discharge, nobody knows who to call.",
    "The housing team has no duty number for us to call, so we do not know who to contact.",
]

ASSESSMENTS = [
    "The same assessment is done three times by health, social care and the voluntary sector.",
    "People are assessed again and again, each agency repeats the same assessment questions.",
    "Duplicated assessments: the occupational therapist and the social worker both assess the same needs.",
    "Families tell us they answer the same assessment questions to every service.",
    "We repeat assessments because we cannot see the assessment the other agency already did.",
    "Assessment forms are different in every agency so the same person is assessed twice.",
    "Each service insists on its own assessment, so people are assessed repeatedly for the same needs.",
    "Duplicate assessments waste time, the nurse and the social worker ask the same questions.",
    "Our assessment is repeated by the council because they will not accept the health assessment.",
    "Carers are fed up with assessment after assessment asking the same questions.",
    "We cannot share the assessment with the council, so they repeat it.",
    "Mental health and social care both do a full assessment of the same person within a week.",
    "The same needs assessment is repeated by the reablement team after hospital discharge.",
]

COMMENTS = DISCHARGE + HOUSING + ASSESSMENTS
