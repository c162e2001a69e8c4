"""The step forms answer any text with a page (saved, or errors), never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spira.initiatives.forms import STEP_FORMS
from spira.initiatives.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

FIELD_NAMES = sorted(
    {name for form in STEP_FORMS.values() for name in form.base_fields}
    | {"partners", "links-TOTAL_FORMS", "links-INITIAL_FORMS", "links-0-url", "action", "start_month"}
)
texts = st.text(max_size=60)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    step=st.sampled_from(sorted(STEP_FORMS)),
    data=st.dictionaries(st.sampled_from(FIELD_NAMES), texts, max_size=8),
)
def test_step_forms_never_answer_500(client, coordinator, step, data):
    initiative = InitiativeFactory(owner=coordinator)
    client.force_login(coordinator)

    response = client.post(f"/initiativ/{initiative.slug}/redigera/{step}/", data)

    assert response.status_code in (200, 302, 400)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(FIELD_NAMES), texts, max_size=8))
def test_create_form_never_answers_500(client, coordinator, data):
    client.force_login(coordinator)

    response = client.post("/initiativ/nytt/", data)

    assert response.status_code in (200, 302, 400)
