import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from spira.organisations.tests.factories import luhn_check_digit
from spira.organisations.validators import (
    luhn_valid,
    normalise_org_number,
    validate_county_code,
    validate_municipality_code,
)

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize("value", ["202100-5216", "2021005216", " 202100-5216 ", "202100 5216"])
def test_normalise_org_number_accepts_vinnova_in_every_common_spelling(value):
    assert normalise_org_number(value) == "202100-5216"


def test_normalise_org_number_rejects_bad_checksum():
    with pytest.raises(ValidationError) as info:
        normalise_org_number("202100-5217")

    assert info.value.messages == ["The organisation number's check digit is wrong."]
    assert info.value.code == "org_number_checksum"


@pytest.mark.parametrize(
    "value", ["", "abc", "20210-05216", "202100-52161", "2021-005216", "２０２１００５２１６"]
)
def test_normalise_org_number_rejects_wrong_format(value):
    with pytest.raises(ValidationError) as info:
        normalise_org_number(value)

    assert info.value.messages == ["An organisation number has ten digits, written NNNNNN-NNNN."]


def test_normalise_org_number_rejects_personal_identity_number():
    # 811218-9876 is the Swedish Tax Agency's example personal identity number (valid Luhn).
    with pytest.raises(ValidationError) as info:
        normalise_org_number("811218-9876")

    assert info.value.code == "org_number_group"
    assert "personal identity number" in info.value.messages[0]


@given(
    st.one_of(
        st.text(max_size=30),
        st.none(),
        st.integers(),
        st.from_regex(r"\A\d{6}-?\d{4}\Z"),
        st.from_regex(r"\A[0-9]{6}-?[0-9]{4}\Z"),
    )
)
def test_normalise_org_number_raises_only_validation_error(value):
    try:
        result = normalise_org_number(value)
    except ValidationError:
        return
    assert luhn_valid(result.replace("-", ""))


@given(st.integers(min_value=2, max_value=9), st.from_regex(r"\A[0-9]{8}\Z"), st.booleans())
def test_every_valid_org_number_is_accepted(third_digit, rest, with_dash):
    first_nine = rest[:2] + str(third_digit) + rest[2:8]
    digits = first_nine + luhn_check_digit(first_nine)
    value = f"{digits[:6]}-{digits[6:]}" if with_dash else digits

    assert normalise_org_number(value) == f"{digits[:6]}-{digits[6:]}"


@pytest.mark.parametrize("value", ["0330", "2584"])
def test_validate_municipality_code_accepts_four_digits(value):
    assert validate_municipality_code(value) is None


@pytest.mark.parametrize("value", ["330", "03300", "03a0", ""])
def test_validate_municipality_code_rejects_other_shapes(value):
    with pytest.raises(ValidationError):
        validate_municipality_code(value)


@pytest.mark.parametrize("value", ["1", "012", "x1"])
def test_validate_county_code_rejects_other_shapes(value):
    with pytest.raises(ValidationError):
        validate_county_code(value)


def test_org_number_messages_are_in_swedish_by_default():
    with translation.override("sv"), pytest.raises(ValidationError) as info:
        normalise_org_number("202100-5217")

    with translation.override("sv"):
        assert info.value.messages == ["Organisationsnumrets kontrollsiffra stämmer inte."]
