"""Small hand-made webs for the network tests."""

from datetime import date

from joinedup.network.web import Attendance, Membership, Organisation, Partnership, Person, Web

SECTORS = [
    ("nhs_acute", "NHS acute"),
    ("council_adult_social_care", "Council adult social care"),
    ("voluntary_community", "Voluntary and community"),
    ("user_led", "User-led"),
    ("police", "Police"),
]
DAY = date(2026, 6, 30)


def small_web():
    """Two partnerships sharing two of their organisations and one person:

    Frailty (1): Hospital, Council, Carers (voluntary)      people: Wren, Ann
    Discharge (2): Hospital, Council, Police                people: Wren, Bob
    Youth (3): no members, nobody                           Peer group (user-led): in nothing
    """
    orgs = {
        1: Organisation(1, "Hospital", "nhs_acute"),
        2: Organisation(2, "Council", "council_adult_social_care"),
        3: Organisation(3, "Carers", "voluntary_community"),
        4: Organisation(4, "Police", "police"),
        5: Organisation(5, "Peer group", "user_led"),
    }
    people = {1: Person(1, "Wren", 2), 2: Person(2, "Ann", 1), 3: Person(3, "Bob", 4)}
    partnerships = {
        1: Partnership(1, "Frailty", "older people", "I get home from hospital quickly"),
        2: Partnership(2, "Discharge", "older people", "I get home from hospital safely"),
        3: Partnership(3, "Youth", "young people", "I have somewhere to go in the evening"),
    }
    memberships = [
        Membership(1, 1, date(2020, 1, 1)),
        Membership(1, 2, date(2020, 1, 1)),
        Membership(1, 3, date(2024, 3, 1)),
        Membership(2, 1, date(2021, 1, 1)),
        Membership(2, 2, date(2021, 1, 1)),
        Membership(2, 4, date(2021, 1, 1), date(2025, 12, 31)),
        Membership(2, 4, date(2026, 2, 1)),
    ]
    attendances = [
        Attendance(1, 1, date(2026, 1, 10), 120),
        Attendance(1, 1, date(2025, 3, 10), 60),  # more than a year before DAY
        Attendance(2, 1, date(2026, 2, 10), 60),
        Attendance(1, 2, date(2026, 1, 10), 120),
        Attendance(2, 3, date(2026, 2, 10), 60),
    ]
    return Web(orgs, people, partnerships, memberships, attendances, SECTORS)
