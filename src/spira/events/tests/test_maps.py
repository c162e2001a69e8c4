"""The places of a programme on a map of Sweden: a linked marker per municipality at its reference
coordinates, with the list of the same places as the text alternative."""

import re

import pytest
from django.urls import reverse

from spira.events.tests.factories import ActivityFactory, at
from spira.organisations.maps import project
from spira.organisations.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

MARKER = re.compile(
    r'<a href="([^"]+)" aria-label="([^"]+)" data-municipality="(\d+)"><title>([^<]+)</title>'
    r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"'
)


def places_url(series, prefix: str = "") -> str:
    return prefix + reverse("events:series_places", kwargs={"slug": series.slug})


@pytest.fixture
def umea(db):
    return MunicipalityFactory(name="Umeå", municipality_code="2480", latitude=63.8258, longitude=20.263)


@pytest.fixture
def malmo(db):
    return MunicipalityFactory(name="Malmö", municipality_code="1280", latitude=55.605, longitude=13.0038)


def test_places_map_has_a_linked_marker_per_municipality_at_its_coordinates(client, series, umea, malmo):
    ActivityFactory.create_batch(2, series=series, municipality=umea)
    ActivityFactory(series=series, municipality=malmo)

    content = client.get(places_url(series)).content.decode()

    markers = MARKER.findall(content)
    programme = series.get_absolute_url()
    assert [(href, label, code) for href, label, code, *_rest in markers] == [
        (f"{programme}?municipality=2480", "Umeå: 2 aktiviteter", "2480"),
        (f"{programme}?municipality=1280", "Malmö: 1 aktivitet", "1280"),
    ]
    umea_x, umea_y = project(20.263, 63.8258)
    assert (float(markers[0][4]), float(markers[0][5])) == (umea_x, umea_y)
    assert float(markers[0][6]) > float(markers[1][6])  # more activities, a larger marker


def test_places_map_has_a_title_a_description_and_the_list_as_its_text_alternative(
    client, series, umea, malmo
):
    ActivityFactory(series=series, municipality=umea)
    ActivityFactory(series=series, municipality=malmo)

    content = client.get(places_url(series)).content.decode()

    assert 'role="group" aria-labelledby="events-map-title" aria-describedby="events-map-desc"' in content
    assert (
        '<title id="events-map-title">Karta över Sverige med de kommuner där programmet äger rum</title>'
        in (content)
    )
    assert '<desc id="events-map-desc">En markering för varje kommun' in content
    listed = re.findall(r'<li><a href="([^"]+)">([^<]+)</a> \((\d+) aktivitet', content)
    programme = series.get_absolute_url()
    assert listed == [
        (f"{programme}?municipality=1280", "Malmö", "1"),
        (f"{programme}?municipality=2480", "Umeå", "1"),
    ]


def test_a_municipality_without_coordinates_is_listed_but_not_on_the_map(client, series, umea):
    nowhere = MunicipalityFactory(name="Okänd by", municipality_code="9999", latitude=None, longitude=None)
    ActivityFactory(series=series, municipality=umea)
    ActivityFactory(series=series, municipality=nowhere)

    content = client.get(places_url(series)).content.decode()

    assert [code for *_start, code, _t, _x, _y, _r in MARKER.findall(content)] == ["2480"]
    assert "Okänd by</a> (1 aktivitet) – inte på kartan: koordinater saknas" in content


def test_online_only_programme_has_no_map(client, series):
    ActivityFactory(series=series, venue="", address="", online_url="https://example.se/mote")

    content = client.get(places_url(series)).content.decode()

    assert 'class="events-map"' not in content
    assert '<th scope="row">Online</th>' in content


def test_places_map_escapes_the_names_of_places(client, series):
    odd = MunicipalityFactory(name='Å"<b>&', municipality_code="0999", latitude=59.0, longitude=15.0)
    ActivityFactory(series=series, municipality=odd)

    content = client.get(places_url(series)).content.decode()

    assert "<b>" not in content
    assert 'aria-label="Å&quot;&lt;b&gt;&amp;: 1 aktivitet"' in content


def test_a_marker_leads_to_the_programme_in_that_municipality(client, series, umea, malmo):
    ActivityFactory(series=series, title="Seminarium i Umeå", municipality=umea, starts_at=at(1, 9))
    ActivityFactory(series=series, title="Seminarium i Malmö", municipality=malmo, starts_at=at(1, 10))
    markers = MARKER.findall(client.get(places_url(series)).content.decode())
    (href,) = [href for href, _label, code, *_rest in markers if code == "2480"]

    content = client.get(href).content.decode()

    assert "Seminarium i Umeå" in content
    assert "Seminarium i Malmö" not in content


def test_places_map_in_english(client, series, umea):
    ActivityFactory.create_batch(2, series=series, municipality=umea)

    content = client.get(places_url(series, prefix="/en")).content.decode()

    assert [label for _href, label, *_rest in MARKER.findall(content)] == ["Umeå: 2 activities"]
    assert "Map of Sweden with the municipalities where the programme takes place" in content


@pytest.mark.parametrize("count", [1, 3])
def test_places_query_count_is_fixed(client, series, django_assert_num_queries, count):
    for _number in range(count):
        ActivityFactory(series=series, municipality=MunicipalityFactory(latitude=60.0, longitude=15.0))

    # the page's version, the series, its organisations, the municipalities, the activities
    with django_assert_num_queries(5):
        response = client.get(places_url(series))

    assert len(MARKER.findall(response.content.decode())) == count
