"""SPDX licence expressions (`legal.license`), checked against the SPDX licence list."""

from functools import lru_cache

from license_expression import ExpressionError, get_spdx_licensing


@lru_cache(maxsize=1)
def _licensing():
    return get_spdx_licensing()


def spdx_problem(expression: str) -> str | None:
    """None when `expression` is a valid SPDX licence expression, else what is wrong with it."""
    try:
        info = _licensing().validate(expression, strict=True)
    except (ExpressionError, AttributeError) as exc:
        # AttributeError: license-expression 30.4 fails while describing some invalid keys.
        return f"not a valid SPDX licence expression: {exc}"
    if info.errors:
        return f"not a valid SPDX licence expression ({'; '.join(info.errors)})"
    return None
