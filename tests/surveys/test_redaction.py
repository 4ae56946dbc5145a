"""Redaction cases. All names, numbers and addresses are invented; phone
numbers are from Ofcom's ranges kept for drama, NHS numbers from the 999
range kept for testing (with correct check digits)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.surveys.redaction import (
    EMAIL,
    NAME,
    NHS_NUMBER,
    PHONE,
    POSTCODE,
    find_personal_details,
    is_valid_nhs_number,
    redact,
)


def with_check_digit(nine: str) -> str:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    assert check != 10
    return nine + str(check)


@pytest.mark.parametrize("number", ["9434765919", "9990001065", with_check_digit("999876543")])
def test_it_accepts_nhs_numbers_with_a_good_check_digit(number):
    assert is_valid_nhs_number(number)


@pytest.mark.parametrize(
    "number", ["9434765918", "1234567890", "943476591", "94347659190", "943476591x"]
)
def test_it_rejects_bad_nhs_numbers(number):
    assert not is_valid_nhs_number(number)


def test_it_rejects_a_number_whose_check_digit_would_be_ten():
    # 999 123 456: the weighted sum leaves a remainder of 1, so the check digit would be 10.
    nine = "999123456"
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    assert 11 - total % 11 == 10
    assert not any(is_valid_nhs_number(nine + str(d)) for d in range(10))


@pytest.mark.parametrize(
    "text",
    ["My NHS number is 943 476 5919.", "NHS no. 943-476-5919", "nhs:9434765919"],
)
def test_it_removes_nhs_numbers_with_or_without_spaces(text):
    assert "[NHS number]" in redact(text) and "5919" not in redact(text)


def test_it_leaves_other_ten_digit_references_alone():
    assert (
        redact("Case reference 1234567890 was closed.") == "Case reference 1234567890 was closed."
    )
    assert redact("Invalid 943 476 5918 stays.") == "Invalid 943 476 5918 stays."


@pytest.mark.parametrize(
    "phone",
    [
        "07700 900123",
        "07700900123",
        "07700-900-123",
        "+44 7700 900123",
        "+44 (0)7700 900123",
        "0044 7700 900123",
        "020 7946 0018",
        "(020) 7946 0018",
        "0113 496 0000",
        "029 2018 0000",
        "01632 960001",
        "0808 157 0192",
    ],
)
def test_it_removes_uk_phone_numbers_in_common_formats(phone):
    text = f"Call me on {phone} after 5."
    assert redact(text) == "Call me on [phone number] after 5."


def test_it_trims_a_phone_number_that_runs_into_another_figure():
    assert redact("Rang 0113 496 0000 2 times") == "Rang [phone number] 2 times"


def test_it_leaves_short_numbers_and_dates_alone():
    text = "I waited 3 weeks, from 12 03 2024, on ward 12 for 45 minutes."
    assert redact(text) == text


@pytest.mark.parametrize(
    "email", ["jo.bloggs@example.org", "a.n.other+care@nhs.example.net", "o'neill@example.co.uk"]
)
def test_it_removes_email_addresses(email):
    assert redact(f"Write to {email} please.") == "Write to [email address] please."


@pytest.mark.parametrize(
    "postcode", ["CF10 1EP", "SW1A 1AA", "M1 1AE", "B33 8TH", "cr2 6xh", "EC1A1BB", "LL57 2PW"]
)
def test_it_removes_postcodes(postcode):
    assert redact(f"I live near {postcode} now.") == "I live near [postcode] now."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr Okafor was kind.", "[name] was kind."),
        ("Dr. Adeyemi-Jones rang.", "[name] rang."),
        ("Mrs Patel from the ward", "[name] from the ward"),
        ("Cllr Hughes promised a reply.", "[name] promised a reply."),
        ("my name is Tomasz Kowalczyk and", "my name is [name] and"),
        ("a worker called Zbigniew came", "a worker called [name] came"),
        ("I spoke to Precious Mbeki on Monday", "I spoke to [name] on Monday"),
        ("Sarah was brilliant.", "[name] was brilliant."),
        ("we saw Gareth Llewellyn twice", "we saw [name] twice"),
        ("Thanks to Siobhan O'Neill for help", "Thanks to [name] for help"),
        ("Ring Sarah Jones if in doubt.", "Ring [name] if in doubt."),
    ],
)
def test_it_removes_names(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Adult Social Care never rang back.",
        "The Mental Health Team and Housing Options do not talk.",
        "I was sent to A&E by my GP on Monday.",
        "Social Services and the NHS Trust argue about money.",
        "Will anyone listen? May I say the Discharge Team tried.",
        "Citizens Advice helped more than the Council.",
    ],
)
def test_it_leaves_service_names_and_ordinary_words(text):
    assert redact(text) == text


def test_it_finds_each_kind_once_in_order():
    text = "Dr Okafor (07700 900123, jo@example.org) saw me at CF10 1EP, NHS 943 476 5919."
    kinds = [f.kind for f in find_personal_details(text)]
    assert kinds == [NAME, PHONE, EMAIL, POSTCODE, NHS_NUMBER]
    assert redact(text) == (
        "[name] ([phone number], [email address]) saw me at [postcode], NHS [NHS number]."
    )


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_it_never_fails_on_any_text(text):
    assert isinstance(redact(text), str)


nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9).filter(
    lambda n: (11 - sum(int(d) * w for d, w in zip(n, range(10, 1, -1), strict=True)) % 11) != 10
)


@given(
    nine=nine_digits,
    separator=st.sampled_from(["", " ", "-"]),
    before=st.text(alphabet="abc XYZ:.,(", max_size=15),
    after=st.text(alphabet="abc XYZ:.,)", max_size=15),
)
def test_it_always_removes_a_valid_nhs_number(nine, separator, before, after):
    number = with_check_digit(nine)
    written = separator.join([number[:3], number[3:6], number[6:]])
    result = redact(f"{before} {written} {after}")
    assert not any(character.isdigit() for character in result)
    # A number starting 0 may look like a phone number first; either way it goes.
    assert "[NHS number]" in result or (number[0] == "0" and "[phone number]" in result)
