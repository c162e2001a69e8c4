import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spira.observatory.models import Measurement
from spira.observatory.tests.factories import EffectGoalFactory

pytestmark = pytest.mark.django_db

PARAM = st.sampled_from(["county", "kind", "size", "year_from", "year_to", "colour"])
VALUE = st.one_of(
    st.text(max_size=12), st.integers(-5000, 5000).map(str), st.sampled_from(["25", "small", "municipality"])
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(PARAM, VALUE, max_size=4))
def test_indicators_api_answers_200_or_400_for_any_filters(client, params):
    response = client.get("/api/v1/observatory/indicators/", params)

    assert response.status_code in {200, 400}
    if response.status_code == 400:
        assert set(response.json()["errors"]) <= set(params)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(PARAM, VALUE, max_size=4))
def test_dashboard_page_never_fails_on_any_filters(client, params):
    assert client.get("/observatoriet/", params).status_code == 200


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=st.one_of(st.text(max_size=20), st.decimals(allow_nan=True, allow_infinity=True).map(str)),
    unit=st.sampled_from(["days", "percent", "", "furlongs"]),
)
def test_measurement_api_creates_only_valid_values(client, initiative, value, unit):
    goal = EffectGoalFactory(initiative=initiative)
    client.force_login(initiative.owner)
    before = Measurement.objects.count()

    response = client.post(
        f"/api/v1/observatory/effect-goals/{goal.pk}/measurements/",
        {"value": value, "unit": unit, "measured_on": str(datetime.date(2024, 1, 1))},
        content_type="application/json",
    )

    assert response.status_code in {201, 400}
    assert Measurement.objects.count() == before + (1 if response.status_code == 201 else 0)
