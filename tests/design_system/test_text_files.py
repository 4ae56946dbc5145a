"""The one place joinedup works out how a text file is encoded."""

import random

import pytest

from joinedup.design_system.text_files import NotText, decode
from tests.public_data import PUBLIC

DEV = PUBLIC / "indicators-dev"


def test_a_utf8_file_with_excels_byte_order_mark_loses_the_mark():
    # Fingertips export: starts EF BB BF, then "Indicator ID".
    data = (DEV / "ohid_fingertips-injury-admissions-children-0-14_england-utla_2022-23.csv").read_bytes()
    decoded = decode(data)
    assert (decoded.codec, decoded.name) == ("utf-8-sig", "UTF-8")
    assert decoded.text.startswith("Indicator ID,Indicator Name,")


def test_a_windows_1252_file_is_read_as_such():
    # WIMD 2019 indicators: "Felin-f\xe2ch" is Felin-fâch in Windows-1252.
    data = (DEV / "welshgov_wimd-income-employment-indicators_wales-lsoa_2019.csv").read_bytes()
    decoded = decode(data)
    assert (decoded.codec, decoded.name) == ("cp1252", "Windows-1252")
    assert "Felin-fâch" in decoded.text


def test_plain_utf8_is_utf8():
    assert decode("Area,Value\nYnys Môn,12\n".encode()).codec == "utf-8"


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_utf16_and_utf32_are_known_by_their_mark(codec):
    decoded = decode("Area\tValue\r\nTrafford\t12\r\n".encode(codec))
    assert decoded.text == "Area\tValue\r\nTrafford\t12\r\n"
    assert decoded.name == codec.upper()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_told_from_binary_by_its_nul_bytes(codec):
    decoded = decode("Area,Value\nTrafford,12\nBury,9\n".encode(codec))
    assert decoded.codec == codec
    assert decoded.text.startswith("Area,Value")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_binary_data_is_not_text(seed):
    with pytest.raises(NotText) as refused:
        decode(random.Random(seed).randbytes(4000))
    assert refused.value.codec is None


def test_control_characters_without_nul_bytes_are_not_text():
    with pytest.raises(NotText):
        decode(bytes(random.Random(3).choice(range(1, 32)) for _ in range(3000)))


def test_bytes_that_do_not_decode_in_the_encoding_asked_for_name_it():
    with pytest.raises(NotText) as refused:
        decode(b"t,v\n1,2\n\xff\xfe\n", "utf-8")
    assert refused.value.codec == "utf-8"
