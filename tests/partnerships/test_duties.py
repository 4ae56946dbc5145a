"""The documents the law asks bodies for on a cycle: which body owes which,
and when one is late, at the boundaries of each way of counting."""

from datetime import date

from joinedup.partnerships import bodies, duties


def status(code, published, started_on=date(2016, 4, 1), today=date(2026, 12, 6)):
    return duties.duty_status(duties.BY_CODE[code], published, started_on, today)


def test_each_duty_falls_on_known_bodies_of_its_law():
    for duty in duties.DUTIES:
        assert duty.bodies
        for code in duty.bodies:
            assert bodies.BY_CODE[code].law == duty.law or duty.law == duties.NHS_ACT_2006
    assert [d.code for d in duties.duties_of("integration_joint_board")] == ["scotland_performance_report"]
    assert [d.code for d in duties.duties_of("lead_agency")] == ["scotland_performance_report"]
    assert [d.code for d in duties.duties_of("public_services_board")] == ["wales_psb_progress_report"]
    assert {d.code for d in duties.duties_of("integrated_care_board")} == {
        "england_icb_joint_forward_plan", "england_icb_annual_report"}
    # Bodies the law asks for no document on a cycle, and no body at all.
    assert duties.duties_of("health_and_wellbeing_board") == []
    assert duties.duties_of("hsc_trust") == []
    assert duties.duties_of("") == []


def test_a_scottish_performance_report_is_late_sixteen_months_on():
    # Section 42: for each reporting year, within four months of its end.
    today = date(2026, 12, 6)
    assert status("scotland_performance_report", [date(2025, 8, 6)], today=today).state == "in_time"
    assert status("scotland_performance_report", [date(2025, 8, 5)], today=today).state == "late"
    late = status("scotland_performance_report", [date(2024, 7, 31), date(2025, 8, 5)], today=today)
    assert (late.state, late.latest) == ("late", date(2025, 8, 5))


def test_a_welsh_progress_report_is_late_fourteen_months_on():
    # Section 45: no later than 14 months after the plan or the last report.
    today = date(2026, 12, 6)
    assert status("wales_psb_progress_report", [date(2025, 10, 6)], today=today).state == "in_time"
    assert status("wales_psb_progress_report", [date(2025, 10, 5)], today=today).state == "late"


def test_an_icb_plan_is_owed_before_each_financial_year():
    # Section 14Z52: prepared before the start of each financial year. On
    # 6 December 2026 the last 1 April was 1 April 2026, so a plan from the
    # year before it (from 1 April 2025) is in time.
    assert status("england_icb_joint_forward_plan", [date(2025, 4, 1)]).state == "in_time"
    assert status("england_icb_joint_forward_plan", [date(2025, 3, 31)]).state == "late"
    # On 31 March 2026 the last 1 April was 1 April 2025.
    on = date(2026, 3, 31)
    assert status("england_icb_joint_forward_plan", [date(2024, 4, 1)], today=on).state == "in_time"
    assert status("england_icb_joint_forward_plan", [date(2024, 3, 31)], today=on).state == "late"


def test_none_recorded_is_not_due_until_a_whole_cycle_has_run():
    today = date(2026, 12, 6)
    young = status("scotland_performance_report", [], started_on=date(2025, 9, 1), today=today)
    assert (young.state, young.latest) == ("not_due_yet", None)
    assert status("scotland_performance_report", [], started_on=date(2025, 8, 5), today=today).state == "late"
    # No start date known: a missing document is late.
    assert status("scotland_performance_report", [], started_on=None, today=today).state == "late"


def test_a_document_dated_after_today_does_not_count():
    today = date(2026, 12, 6)
    assert status("wales_psb_progress_report", [date(2027, 1, 1)], started_on=date(2020, 1, 1),
                  today=today).state == "late"


def test_months_are_counted_to_the_end_of_a_shorter_month():
    duty = duties.BY_CODE["wales_psb_progress_report"]
    # 14 months before 30 April 2027 is 28 February 2026 (no 30 February).
    assert duties.earliest_in_time(duty, date(2027, 4, 30)) == date(2026, 2, 28)
    assert duties.earliest_in_time(duty, date(2028, 4, 30)) == date(2027, 2, 28)
    assert duties.earliest_in_time(duty, date(2026, 1, 31)) == date(2024, 11, 30)


def test_statuses_sort_documents_to_their_duties():
    found = duties.statuses("integrated_care_board", [
        ("england_icb_joint_forward_plan", date(2026, 3, 20)), ("england_icb_annual_report", date(2024, 6, 30)),
        ("scotland_performance_report", date(2026, 7, 1)),
    ], date(2022, 7, 1), date(2026, 12, 6))
    assert {(s.duty.code, s.state) for s in found} == {
        ("england_icb_joint_forward_plan", "in_time"), ("england_icb_annual_report", "late")}
