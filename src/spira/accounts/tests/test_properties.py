"""Property tests: no input, however odd, makes a 500."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from spira.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)


@SETTINGS
@given(
    email=st.text(max_size=300),
    display_name=st.text(max_size=200),
    preferred_language=st.text(max_size=5) | st.sampled_from(["sv", "en"]),
    password1=st.text(max_size=50),
    password2=st.text(max_size=50),
)
def test_register_form_never_fails_with_a_server_error(
    email, display_name, preferred_language, password1, password2
):
    response = Client().post(
        reverse("accounts:register"),
        {
            "email": email,
            "display_name": display_name,
            "preferred_language": preferred_language,
            "password1": password1,
            "password2": password2,
        },
    )

    assert response.status_code in {200, 302}


@SETTINGS
@given(
    body=st.fixed_dictionaries(
        {},
        optional={
            "display_name": json_values,
            "preferred_language": json_values | st.sampled_from(["sv", "en"]),
            "email": json_values,
        },
    )
    | json_values
)
def test_me_patch_never_fails_with_a_server_error(body):
    user = UserFactory()
    client = APIClient()
    client.force_authenticate(user)

    response = client.patch("/api/v1/accounts/me/", body, format="json")

    assert response.status_code in {200, 400}
    assert set(response.json()) >= ({"detail", "errors"} if response.status_code == 400 else {"email"})


@SETTINGS
@given(name=st.text(max_size=150), expires_on=st.text(max_size=12) | st.dates().map(str))
def test_token_form_never_fails_with_a_server_error(name, expires_on):
    client = Client()
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:apitoken_create"), {"name": name, "expires_on": expires_on})

    assert response.status_code == 200
