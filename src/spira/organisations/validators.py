"""Swedish official codes: organisationsnummer (Luhn), kommunkod and länskod."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# ASCII digits only: \d would also take e.g. full-width digits, which int() accepts.
ORG_NUMBER_RE = re.compile(r"\A([0-9]{6})-?([0-9]{4})\Z")


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def normalise_org_number(value: str) -> str:
    """'2021005216' or '202100-5216' → '202100-5216'. Raises ValidationError when invalid."""
    cleaned = value.strip().replace(" ", "") if isinstance(value, str) else ""
    match = ORG_NUMBER_RE.match(cleaned)
    if not match:
        raise ValidationError(
            _("An organisation number has ten digits, written NNNNNN-NNNN."), code="org_number_format"
        )
    digits = match.group(1) + match.group(2)
    if int(digits[2]) < 2:
        raise ValidationError(
            _(
                "The third digit of an organisation number is at least 2 (this looks like a personal identity number)."
            ),
            code="org_number_group",
        )
    if not luhn_valid(digits):
        raise ValidationError(
            _("The organisation number's check digit is wrong."), code="org_number_checksum"
        )
    return f"{match.group(1)}-{match.group(2)}"


def validate_org_number(value: str) -> None:
    normalise_org_number(value)


def validate_municipality_code(value: str) -> None:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}", value):
        raise ValidationError(_("A municipality code has four digits."), code="municipality_code")


def validate_county_code(value: str) -> None:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{2}", value):
        raise ValidationError(_("A county code has two digits."), code="county_code")
