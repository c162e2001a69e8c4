"""The OpenAPI schema (/api/schema/) is valid, and the API behaves as it says (Schemathesis).

Every operation is called with generated data, reading and writing (POST/PATCH) as a user with an
API token, against the WSGI app with the test database holding the reference data. No input may
give a 5xx, and answers must conform to the schema (status codes, content types, bodies).
"""

import io

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)

from spira.wsgi import application

CHECKS = [
    not_a_server_error,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


# Loaded at collection (the schema needs no database). Not `schemathesis.pytest.from_fixture`:
# its lazy loader reads `request.node._nodeid`, which pytest 9 no longer has.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def wsgi_keeps_test_connection():
    """Calling the WSGI app fires request_started/finished, whose close_old_connections would close
    the test's connection (and its transaction) on PostgreSQL; Django's test client disconnects it
    the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    # A handful of examples per operation keeps ~200 operations within the CI budget on both databases.
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_api_answers_every_generated_request_without_server_errors_and_as_documented(
    case, api_token, reference_data, wsgi_keeps_test_connection
):
    # One savepoint per example, as each real request has its own transaction: on PostgreSQL an
    # error inside one request must not abort the test's transaction for all later examples.
    with transaction.atomic():
        response = case.call(headers=api_token.headers)
    case.validate_response(response, checks=CHECKS, headers=api_token.headers)


def test_openapi_schema_generates_without_warnings_and_validates(tmp_path):
    out = tmp_path / "schema.yaml"

    call_command("spectacular", file=str(out), validate=True, fail_on_warn=True, stdout=io.StringIO())

    assert out.read_text().startswith("openapi: 3")
