import pytest

from joinedup.review.wording import is_user_voiced, why_not_user_voiced


@pytest.mark.parametrize("statement", [
    "I only have to tell my story once.",
    "We get help before it becomes a crisis.",
    "Someone helps me with money worries.",
    "People in Northshire live longer, healthier lives.",
    "Carers get a break when they need one.",
    "Older people go home from hospital with the right support.",
])
def test_user_voiced_statements(statement):
    assert is_user_voiced(statement)


@pytest.mark.parametrize("statement", [
    "Reduce delayed transfers of care by 15%.",
    "Deliver 2,000 reablement packages a year.",
    "Improve performance against the four-hour KPI.",
    "Health inequalities between wards narrow.",
    "People are admitted less: reduce admissions by 3%.",
])
def test_service_centred_statements(statement):
    assert not is_user_voiced(statement)


def test_the_reason_quotes_the_service_words_once_each():
    assert why_not_user_voiced("Reduce admissions; reduce bed days") == (
        'worded around the service ("reduce", "admissions", "bed days")'
    )
    assert why_not_user_voiced("Health inequalities narrow") == (
        "not worded from the point of view of the people it is for"
    )
