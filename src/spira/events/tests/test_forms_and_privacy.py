import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spira.core.privacy import export_personal_data
from spira.events import services
from spira.events.choices import ActivityStatus, RegistrationStatus
from spira.events.forms import ActivityForm, RegistrationForm
from spira.events.models import CalendarFeedToken, Registration
from spira.events.privacy import erase_registrations
from spira.events.tests.factories import ActivityFactory, EventSeriesFactory
from spira.organisations.models import Organisation
from spira.organisations.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

text = st.text(max_size=120)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "title": text,
            "format": st.one_of(st.sampled_from(["seminar", "workshop", "nope"]), text),
            "starts_at": st.one_of(st.sampled_from(["2074-10-02T08:00", "2074-13-40T99:99", ""]), text),
            "ends_at": st.one_of(st.sampled_from(["2074-10-02T09:00", "2074-10-01T07:00"]), text),
            "language": st.one_of(st.sampled_from(["sv", "en"]), text),
            "audience": st.one_of(st.sampled_from(["everyone", "researchers"]), text),
            "venue": text,
            "online_url": text,
            "capacity": st.one_of(st.integers(min_value=-10, max_value=10**7).map(str), text),
            "registration_mode": st.one_of(st.sampled_from(["open", "none", "approval"]), text),
            "track": text,
            "municipality": text,
            "organiser": text,
        },
    )
)
def test_activity_form_never_raises_and_cleans_only_sane_values(data):
    series = EventSeriesFactory()

    form = ActivityForm(data, series=series, organisations=Organisation.objects.all())

    if form.is_valid():
        values = form.service_values()
        assert values["ends_at"] > values["starts_at"]
        assert values["capacity"] is None or values["capacity"] >= 0


@settings(max_examples=40, deadline=None)
@given(name=text, email=text, organisation_name=text)
def test_registration_form_never_raises(name, email, organisation_name):
    form = RegistrationForm({"name": name, "email": email, "organisation_name": organisation_name})

    assert form.is_valid() in {True, False}
    if form.is_valid():
        assert "@" in form.cleaned_data["email"]


@pytest.mark.parametrize("count", [1, 3])
def test_proposals_queue_query_count_is_fixed(
    client, series, series_moderator, django_assert_num_queries, count
):
    for _number in range(count):
        ActivityFactory(series=series, status=ActivityStatus.PROPOSED)
    client.force_login(series_moderator)
    client.get(reverse("events:series_proposals", kwargs={"slug": series.slug}))

    # session, user, series, moderated series, roles, unread notifications, proposals, ...
    with django_assert_num_queries(8):
        response = client.get(reverse("events:series_proposals", kwargs={"slug": series.slug}))

    assert response.content.decode().count('class="card events-proposal"') == count


def test_personal_data_export_holds_the_registrations(activity):
    person = UserFactory()
    services.register(person, activity, organisation_name="Samverket")

    exported = export_personal_data(person)["event_registrations"]

    assert [(r["activity"], r["status"], r["organisation"]) for r in exported["registrations"]] == [
        (activity.title, RegistrationStatus.CONFIRMED, "Samverket")
    ]


def test_erasing_a_person_frees_the_seat_for_the_waiting_list(activity):
    first, second, waiting = UserFactory(), UserFactory(), UserFactory()
    for person in (first, second, waiting):
        services.register(person, activity)
    services.calendar_token_for(first)

    erase_registrations(first)

    assert not Registration.objects.filter(user=first).exists()
    assert Registration.objects.get(user=waiting).status == RegistrationStatus.CONFIRMED
    assert not CalendarFeedToken.objects.filter(user=first).exists()


def test_an_organisation_tab_counts_only_published_activities(activity, organisation):
    from spira.events.queries import count_for_organisation

    ActivityFactory(organiser=organisation, status=ActivityStatus.PROPOSED)
    ActivityFactory(organiser=OrganisationFactory()).co_organisers.add(organisation)

    assert count_for_organisation(organisation, None) == 2
