"""The network facts the overview and the partnership page show, on hand-made webs."""

from dataclasses import replace
from datetime import date

from joinedup.network.headlines import Headline, partnership_headlines, workspace_headlines
from joinedup.network.web import Attendance, Membership, Organisation

from .webs import DAY, small_web


def test_the_workspace_headlines_of_the_small_web():
    assert workspace_headlines(small_web(), DAY) == [
        Headline("Frailty and Discharge share 2 of 3 member organisations and 1 person.", "merge"),
        Headline("Wren sits in 2 partnerships and has no deputy.", "people"),
        Headline("No partnership has a member from the user-led sector.", "whole"),
    ]


def test_a_partnership_with_a_voluntary_member_and_one_without():
    web = small_web()
    assert partnership_headlines(web, DAY, 1) == [
        Headline("Shares 2 of 3 member organisations with Discharge, and 1 of 2 people in the room.", "merge"),
        Headline("Wren sits in 2 partnerships and has no deputy.", "people"),
        Headline("Its 3 members come from 3 sector groups (sector diversity 0.67).", "suggestions"),
    ]
    assert partnership_headlines(web, DAY, 2)[2].text.startswith("No member is a user-led or voluntary organisation")


def test_a_partnership_with_nobody_in_it_has_no_headlines_and_an_unknown_one_none():
    assert partnership_headlines(small_web(), DAY, 3) == []
    assert partnership_headlines(small_web(), DAY, 99) == []


def test_someone_who_sent_a_deputy_is_said_to_have_one_and_the_one_without_comes_first():
    web = small_web()
    # Bob joins Frailty too and sent a deputy once: Wren (no deputy) still leads.
    web = replace(web, attendances=[*web.attendances, Attendance(1, 3, date(2026, 3, 1), 60),
                                    Attendance(2, 3, date(2026, 4, 1), 0, sent_deputy=True)], _on_day={})
    people = [h.text for h in workspace_headlines(web, DAY) if h.section == "people"]
    assert people == ["Wren sits in 2 partnerships and has no deputy."]
    web = replace(web, attendances=[*web.attendances, Attendance(2, 1, date(2026, 4, 1), 0, sent_deputy=True)],
                  _on_day={})
    people = [h.text for h in workspace_headlines(web, DAY) if h.section == "people"]
    assert people == ["Bob sits in 2 partnerships and has a deputy."]


def test_when_every_community_sector_sits_somewhere_the_organisations_outside_are_counted():
    web = small_web()
    web = replace(web, organisations={**web.organisations, 6: Organisation(6, "Allotments", "police")},
                  memberships=[*web.memberships, Membership(3, 5, date(2020, 1, 1))], _on_day={})
    assert workspace_headlines(web, DAY)[-1] == Headline("1 organisation is in no partnership.", "whole")
