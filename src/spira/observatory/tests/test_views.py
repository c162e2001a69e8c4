import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from spira.barriers.tests.factories import BarrierFactory
from spira.initiatives.tests.factories import PublishedInitiativeFactory
from spira.observatory.models import Measurement, PortfolioAssessment
from spira.observatory.tests.factories import EffectGoalFactory, all_answers
from spira.organisations.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db
DASHBOARD = "/observatoriet/"
# Every provider runs a fixed number of aggregate queries, whatever the number of rows.
QUERIES_UNCACHED = 60


def test_dashboard_shows_charts_with_tables_and_csv_links(client, initiative):
    response = client.get(DASHBOARD)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in html
    assert "chart=initiatives-status&amp;format=csv" in html
    assert "<svg" in html
    assert 'class="obs-map"' in html


def test_dashboard_filters_by_county_and_size(client, initiative, lulea):
    PublishedInitiativeFactory(coordinator=lulea)
    PublishedInitiativeFactory(coordinator=MunicipalityFactory(population=10_000))

    response = client.get(
        DASHBOARD, {"county": "25", "size": "small", "chart": "initiatives-status", "format": "csv"}
    )

    rows = response.content.decode("utf-8-sig").splitlines()
    assert rows[0] == "Kategori,Initiativ"
    assert rows[2] == "Pågående,1"


def test_dashboard_reports_unknown_filters_and_impossible_period(client, initiative):
    response = client.get(DASHBOARD, {"colour": "red", "year_from": "2024", "year_to": "2020"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "colour" in html
    assert "Perioden slutar innan den börjar" in html


def test_dashboard_unknown_chart_is_404(client):
    assert client.get(DASHBOARD, {"chart": "nope"}).status_code == 404


def test_dashboard_query_count_fixed_and_cached(client, django_assert_max_num_queries, initiative):
    for _n in range(3):
        BarrierFactory()
        PublishedInitiativeFactory()
    client.get(DASHBOARD)

    with django_assert_max_num_queries(2):
        response = client.get(DASHBOARD)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_uncached_query_count_does_not_grow(client, django_assert_max_num_queries, pitea, count):
    for _ in range(count):
        PublishedInitiativeFactory(coordinator=pitea)
    client.get(DASHBOARD)
    cache.clear()

    with django_assert_max_num_queries(QUERIES_UNCACHED):
        client.get(DASHBOARD)


def test_saving_an_initiative_refreshes_cached_numbers(client, initiative):
    first = client.get(DASHBOARD, {"chart": "initiatives-status"}).content.decode("utf-8-sig")
    PublishedInitiativeFactory(coordinator=initiative.coordinator)

    second = client.get(DASHBOARD, {"chart": "initiatives-status"}).content.decode("utf-8-sig")

    assert "Pågående,1" in first
    assert "Pågående,2" in second


def test_organisation_profile_tab(client, initiative, pitea):
    response = client.get(reverse("observatory:organisation_profile", kwargs={"slug": pitea.slug}))

    assert response.status_code == 200
    assert "Jämfört med liknande organisationer" in response.content.decode()


def test_goals_tab_owner_reports_value_and_sees_progress(client, initiative):
    goal = EffectGoalFactory(initiative=initiative)
    client.force_login(initiative.owner)
    url = reverse("observatory:initiative_goals", kwargs={"slug": initiative.slug})

    response = client.post(
        url,
        {
            "action": "measurement",
            "goal": goal.pk,
            f"m{goal.pk}-value": "30",
            f"m{goal.pk}-unit": "days",
            f"m{goal.pk}-measured_on": "2024-06-01",
        },
    )

    assert response.status_code == 302
    assert "50 % av vägen till målet" in client.get(url).content.decode()


def test_goals_tab_wrong_unit_shows_message(client, initiative):
    goal = EffectGoalFactory(initiative=initiative)
    client.force_login(initiative.owner)
    url = reverse("observatory:initiative_goals", kwargs={"slug": initiative.slug})

    response = client.post(
        url,
        {
            "action": "measurement",
            "goal": goal.pk,
            f"m{goal.pk}-value": "30",
            f"m{goal.pk}-unit": "percent",
            f"m{goal.pk}-measured_on": "2024-06-01",
        },
    )

    assert response.status_code == 400
    assert "Målet mäts i dagar" in response.content.decode()
    assert Measurement.objects.count() == 0


def test_goals_tab_refuses_post_by_stranger(client, initiative, django_user_model):
    client.force_login(django_user_model.objects.create_user(email="x@example.org", password=None))
    url = reverse("observatory:initiative_goals", kwargs={"slug": initiative.slug})

    response = client.post(url, {"action": "goal", "goal-indicator": "x"})

    assert response.status_code == 403


def test_portfolio_page_saves_assessment(client, pitea, coordinator):
    client.force_login(coordinator)
    url = reverse("observatory:portfolio", kwargs={"slug": pitea.slug})

    response = client.post(url, {"action": "assess", **{k: str(v) for k, v in all_answers(4).items()}})

    assert response.status_code == 302
    assert PortfolioAssessment.objects.get().adaptive == 75


def test_portfolio_page_missing_answer_changes_nothing(client, pitea, coordinator):
    client.force_login(coordinator)
    answers = {k: str(v) for k, v in all_answers(4).items() if k != "m1"}

    response = client.post(
        reverse("observatory:portfolio", kwargs={"slug": pitea.slug}), {"action": "assess", **answers}
    )

    assert response.status_code == 400
    assert "Svara på påståendet" in response.content.decode()
    assert PortfolioAssessment.objects.count() == 0


def test_opendata_page_and_download(client, initiative):
    assert client.get("/observatoriet/oppna-data/").status_code == 200
    response = client.get("/observatoriet/oppna-data/initiatives.csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[0].startswith("slug,url,title_sv")
    assert client.get("/observatoriet/oppna-data/nothing.csv").status_code == 404


def test_indicators_api_rejects_unknown_filter(client):
    response = client.get("/api/v1/observatory/indicators/", {"colour": "red"})

    assert response.status_code == 400
    assert "colour" in response.json()["errors"]


def test_indicators_api_answers_with_sections(client, initiative):
    response = client.get("/api/v1/observatory/indicators/", {"county": "25"})

    assert response.status_code == 200
    assert response.json()["filters"]["county"] == "25"


def test_effect_goal_api_reports_measurement_with_service(client, initiative):
    goal = EffectGoalFactory(initiative=initiative)
    client.force_login(initiative.owner)

    response = client.post(
        f"/api/v1/observatory/effect-goals/{goal.pk}/measurements/",
        {"value": "25", "unit": "percent", "measured_on": str(datetime.date(2024, 1, 1))},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "unit" in response.json()["errors"]
