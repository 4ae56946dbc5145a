"""The other nations' pay files checked the only ways they can be checked here
(the official documents could not be opened from this machine): against the
award each circular states, against the same document's other columns, and
against England's published table where a nation says it pays the same.
Every figure in these files was transcribed, never computed: these tests would
fail on a slip of a digit."""

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from importlib.resources import files

DATA = files("joinedup.meetings").joinpath("data")
ENGLAND_2026 = "agenda_for_change_2026-27.csv"


def rows(name):
    return list(csv.DictReader(io.StringIO(DATA.joinpath(name).read_text(encoding="utf-8"))))


def test_nhs_wales_2026_27_is_its_2025_26_table_plus_the_3_3_percent_award_except_the_living_wage_floor():
    # AfC(W) 02/2026: 3.3% on AfC(W) 02/2025, except the points AfC(W) 01/2026 lifted to the
    # £26,300 Living Wage floor, which "does not take the increase".
    floor = Decimal(26300)
    lifted, uplifted = [], []
    for row in rows("nhs_wales_agenda_for_change_2026-27.csv"):
        now, before = Decimal(row["annual_salary_gbp"]), Decimal(row["previous_year_gbp"])
        if now == floor and before * Decimal("1.033") < floor:
            lifted.append((row["band"], row["point"]))
        else:
            # Rounded up to the pound, as the circular's figures are: within £1.
            assert Decimal(0) <= now - before * Decimal("1.033") < 1, row
            uplifted.append(row)
    assert lifted == [("1", "single"), ("2", "entry"), ("2", "top"), ("3", "entry")]
    assert len(uplifted) == 27


def test_nhs_wales_pays_more_than_england_so_its_own_table_is_shipped():
    england = {(r["band"], r["point"]): Decimal(r["annual_salary_gbp"]) for r in rows(ENGLAND_2026)}
    wales = {(r["band"], r["point"]): Decimal(r["annual_salary_gbp"]) for r in rows("nhs_wales_agenda_for_change_2026-27.csv")}
    assert wales[("8a", "entry")] == 58379 and england[("8a", "entry")] == 57528
    assert all(wales[key] > england[key] for key in england if key in wales)


def test_hsc_ni_2025_26_is_point_for_point_englands_2025_26():
    # HSC (AfC) 06/2025 prints the same cash as NHS Employers' 2025/26 table (its bands 1 and 2
    # as single figures, England's band 1 being closed and not in that table).
    compared = 0
    for row in rows("hsc_ni_agenda_for_change_2025-26.csv"):
        if row["england_same_point_gbp"]:
            assert row["annual_salary_gbp"] == row["england_same_point_gbp"], row
            compared += 1
    assert compared == 29


def test_englands_2026_27_table_is_the_2025_26_one_plus_3_3_percent_which_northern_ireland_has_not_paid():
    # Why Northern Ireland's 2026/27 figures are not England's: England's 2026/27 points are the
    # 2025/26 points × 1.033, but no HSC circular has applied that award.
    england_2026 = {(r["band"], r["point"]): Decimal(r["annual_salary_gbp"]) for r in rows(ENGLAND_2026)}
    for row in rows("hsc_ni_agenda_for_change_2025-26.csv"):
        key = (row["band"], row["point"])
        if row["england_same_point_gbp"] and key in england_2026:
            assert abs(Decimal(row["england_same_point_gbp"]) * Decimal("1.033") - england_2026[key]) < 1, key


def test_nhs_scotland_2026_27_matches_the_circulars_own_hourly_column_and_the_3_75_percent_award():
    # PCS(AFC)2026/1 Annex B prints each salary with its hourly rate on a 36-hour week, and
    # 2026/27 is 3.75% on the revised 2025/26 rates (4.4%, after the inflation guarantee).
    hours = Decimal(36) * Decimal("52.143")
    checked = 0
    for row in rows("nhs_scotland_agenda_for_change_2026-27.csv"):
        salary = Decimal(row["annual_salary_gbp"])
        hourly = (salary / hours).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert hourly == Decimal(row["printed_hourly_gbp"]), row
        assert abs(Decimal(row["previous_year_gbp"]) * Decimal("1.0375") - salary) < 1, row
        checked += 1
    assert checked == 26


def test_nhs_scotland_is_not_the_superseded_table_on_the_4_25_percent_base():
    # The MSG consolidated table and PCS(AFC)2025/8 print 2026/27 on the original 4.25% base
    # (band 8a year 1 £65,032); the circular that revised it prints £65,125.
    scotland = {(r["band"], r["point"]): r["annual_salary_gbp"] for r in rows("nhs_scotland_agenda_for_change_2026-27.csv")}
    assert scotland[("8a", "year 1")] == "65125"
