"""SPDX licence expressions (`legal.license`), checked against the SPDX licence list."""

from functools import lru_cache

from django.utils.translation import gettext_noop
from license_expression import ExpressionError, get_spdx_licensing

NOT_AN_EXPRESSION = gettext_noop("not a valid SPDX licence expression: %(detail)s")
NOT_ON_THE_LIST = gettext_noop("not a valid SPDX licence expression (%(detail)s)")


@lru_cache(maxsize=1)
def _licensing():
    return get_spdx_licensing()


def spdx_check(expression: str) -> tuple[str, str] | None:
    """None when `expression` is a valid SPDX licence expression, else (message template, detail);
    the template takes the detail (the licence library's own English words) as %(detail)s."""
    try:
        info = _licensing().validate(expression, strict=True)
    except (ExpressionError, AttributeError) as exc:
        # AttributeError: license-expression 30.4 fails while describing some invalid keys.
        return NOT_AN_EXPRESSION, str(exc)
    if info.errors:
        return NOT_ON_THE_LIST, "; ".join(info.errors)
    return None


def spdx_problem(expression: str) -> str | None:
    """None when `expression` is a valid SPDX licence expression, else what is wrong with it."""
    problem = spdx_check(expression)
    return None if problem is None else problem[0] % {"detail": problem[1]}
