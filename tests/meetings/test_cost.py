from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.meetings.cost import (
    Attendance,
    AttendanceStatus,
    Deputy,
    RateSource,
    meeting_cost,
)
from joinedup.meetings.pay_scales import default_pay_band, hourly_cost

PRESENT = AttendanceStatus.PRESENT
APOLOGIES = AttendanceStatus.APOLOGIES
DEPUTY = AttendanceStatus.DEPUTY


def board_meeting():
    """A 90-minute partnership board, costed with a workspace default of £30/h."""
    attendances = [
        # band 8a at £43.01/h, whole meeting, 30 min preparing, 20 min travelling
        Attendance("ana", PRESENT, Decimal("43.01"), None, 30, 20, organisation_id="nhs"),
        # 0.6 FTE on band 7: same £37.20/h as a full-timer
        Attendance("ben", PRESENT, Decimal("37.20"), organisation_id="nhs", fte=Decimal("0.6")),
        # apologies: costs nothing
        Attendance("cat", APOLOGIES, Decimal("50.70"), organisation_id="council"),
        # band 8d member sends a band 6 deputy (£30.87/h) for 60 minutes plus 15 travelling
        Attendance(
            "dev",
            DEPUTY,
            Decimal("71.71"),
            60,
            0,
            15,
            deputy=Deputy("Deputy Dee", Decimal("30.87"), organisation_id="council"),
            organisation_id="council",
        ),
        # no pay band, whole meeting: workspace default
        Attendance("eve", PRESENT, None, organisation_id="voluntary"),
        # no pay band, joined for the last 45 minutes
        Attendance("fin", PRESENT, None, 45, organisation_id="voluntary"),
    ]
    return meeting_cost(90, attendances, Decimal("30"))


def test_it_costs_each_attendee_from_their_minutes_and_rate():
    cost = board_meeting()
    costs = {line.person_id: line.cost for line in cost.lines}
    # ana: (90 + 30 + 20) = 140 min x £43.01 / 60 = £100.3566... -> £100.36
    assert costs["ana"] == Decimal("100.36")
    # ben: 90 min x £37.20 / 60 = £55.80 (part-time, same hourly rate)
    assert costs["ben"] == Decimal("55.80")
    # cat: apologies -> £0.00
    assert costs["cat"] == Decimal("0.00")
    # dev's deputy: (60 + 15) = 75 min x £30.87 / 60 = £38.5875 -> £38.59
    assert costs["dev"] == Decimal("38.59")
    # eve: 90 min x £30 default / 60 = £45.00
    assert costs["eve"] == Decimal("45.00")
    # fin: 45 min x £30 / 60 = £22.50
    assert costs["fin"] == Decimal("22.50")


def test_it_adds_the_rounded_lines_into_the_total():
    cost = board_meeting()
    # 100.36 + 55.80 + 0 + 38.59 + 45.00 + 22.50 = 262.25
    assert cost.total == Decimal("262.25")
    assert cost.total_pence == 26225
    # 140 + 90 + 0 + 75 + 90 + 45 = 440 minutes = 7.333... -> 7.33 people-hours
    assert cost.people_minutes == 440
    assert cost.people_hours == Decimal("7.33")
    assert cost.complete


def test_it_explains_how_the_cost_was_reached():
    assert board_meeting().notes == (
        "2 people without a pay band were costed at the workspace default of £30.00/h.",
        "1 person sent a deputy, costed at the deputy's own time and band.",
        "1 person gave apologies and was not costed.",
    )


def test_it_says_where_each_rate_came_from():
    sources = {line.person_id: line.rate_source for line in board_meeting().lines}
    assert sources == {
        "ana": RateSource.PAY_BAND,
        "ben": RateSource.PAY_BAND,
        "cat": RateSource.NOT_COSTED,
        "dev": RateSource.DEPUTY_PAY_BAND,
        "eve": RateSource.WORKSPACE_DEFAULT,
        "fin": RateSource.WORKSPACE_DEFAULT,
    }


def test_it_records_the_deputy_on_the_members_line():
    line = next(line for line in board_meeting().lines if line.person_id == "dev")
    assert line.deputy_name == "Deputy Dee"
    assert line.hourly_cost == Decimal("30.87")  # not the member's £71.71
    assert line.meeting_minutes == 60
    assert line.total_minutes == 75


def test_it_splits_the_cost_by_organisation():
    assert board_meeting().by_organisation() == {
        "nhs": Decimal("156.16"),  # 100.36 + 55.80
        "council": Decimal("38.59"),  # the deputy's time; apologies cost nothing
        "voluntary": Decimal("67.50"),  # 45.00 + 22.50
    }


def test_it_costs_a_deputy_without_a_band_at_the_default():
    deputy = Attendance("gus", DEPUTY, Decimal("60.34"), deputy=Deputy("Stand-in Sam"))
    # 60 min x £25 / 60 = £25.00
    cost = meeting_cost(60, [deputy], Decimal("25"))
    assert cost.lines[0].rate_source is RateSource.WORKSPACE_DEFAULT
    assert cost.total == Decimal("25.00")
    assert cost.notes[0] == (
        "1 person without a pay band was costed at the workspace default of £25.00/h."
    )


def test_it_reports_people_it_cannot_cost_instead_of_guessing():
    attendances = [
        Attendance("ana", PRESENT, Decimal("43.01")),
        Attendance("eve", PRESENT, None),
        Attendance("fin", PRESENT, None),
    ]
    cost = meeting_cost(60, attendances, None)
    # only ana: 60 min x £43.01 / 60 = £43.01
    assert cost.total == Decimal("43.01")
    assert [line.cost for line in cost.lines] == [Decimal("43.01"), None, None]
    assert not cost.complete
    assert cost.notes == (
        "2 people without a pay band were not costed, because the workspace has no "
        "default hourly cost; the total leaves their time out.",
    )
    # their time still counts as time spent: 3 x 60 minutes
    assert cost.people_minutes == 180


def test_it_rounds_each_line_half_a_penny_up():
    # £12.34 x 45 / 60 = £9.255 exactly -> £9.26 (banker's rounding would give £9.26 too,
    # so also check £12.30 x 5 / 60 = £1.025 -> £1.03, where banker's would give £1.02)
    cost = meeting_cost(45, [Attendance("ana", PRESENT, Decimal("12.34"))], None)
    assert cost.total == Decimal("9.26")
    cost = meeting_cost(5, [Attendance("ana", PRESENT, Decimal("12.30"))], None)
    assert cost.total == Decimal("1.03")


def test_it_costs_real_pay_bands():
    afc_8a = hourly_cost(default_pay_band("AFC-8A"))  # £43.01
    njc_10 = hourly_cost(default_pay_band("NJC-SCP-10"))  # £18.96
    attendances = [
        Attendance("ana", PRESENT, afc_8a),
        Attendance("bea", PRESENT, afc_8a),
        Attendance("cal", PRESENT, njc_10),
    ]
    # 2 hours each: 2 x (2 x £43.01) + 2 x £18.96 = £172.04 + £37.92 = £209.96
    assert meeting_cost(120, attendances, None).total == Decimal("209.96")


def test_it_costs_an_empty_meeting_at_nothing():
    cost = meeting_cost(60, [], Decimal("30"))
    assert cost.total == Decimal("0.00")
    assert cost.notes == ()


@pytest.mark.parametrize(
    ("attendance", "message"),
    [
        (
            Attendance("ana", PRESENT, None, 75),
            "ana is recorded for 75 minutes of a 60-minute meeting",
        ),
        (Attendance("ana", PRESENT, None, None, -5), "ana has a negative number of minutes"),
        (
            Attendance("ana", DEPUTY, None),
            "ana is marked as sending a deputy, but no deputy is named",
        ),
    ],
)
def test_it_refuses_impossible_attendance(attendance, message):
    with pytest.raises(ValueError, match=message):
        meeting_cost(60, [attendance], Decimal("30"))


def test_it_refuses_a_negative_meeting_length():
    with pytest.raises(ValueError, match="negative number of minutes"):
        meeting_cost(-1, [], None)


money = st.decimals(min_value=0, max_value=500, places=2)
attendance = st.builds(
    Attendance,
    person_id=st.integers(),
    status=st.sampled_from(list(AttendanceStatus)),
    hourly_cost=st.none() | money,
    minutes_in_meeting=st.none() | st.integers(0, 240),
    preparation_minutes=st.integers(0, 600),
    travel_minutes=st.integers(0, 300),
    deputy=st.builds(Deputy, name=st.just("D"), hourly_cost=st.none() | money),
)


@given(st.lists(attendance, max_size=12), money)
def test_it_is_within_half_a_penny_per_line_of_the_exact_cost(attendances, default):
    cost = meeting_cost(240, attendances, default)
    assert cost.total == sum((line.cost for line in cost.lines), Decimal("0.00"))
    for line in cost.lines:
        exact = line.hourly_cost * line.total_minutes / 60 if line.hourly_cost is not None else 0
        assert abs(line.cost - Decimal(exact)) <= Decimal("0.005")
        assert line.cost == Decimal(exact).quantize(Decimal("0.01"), ROUND_HALF_UP)
