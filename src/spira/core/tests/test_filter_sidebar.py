"""The shared filter sidebar of the list pages ({% filter_sidebar %} and its includes)."""

import django_filters
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from spira.organisations.choices import OrganisationKind
from spira.organisations.models import Organisation


class KindFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains")
    kind = django_filters.MultipleChoiceFilter(
        choices=OrganisationKind.choices, widget=django_filters.widgets.forms.CheckboxSelectMultiple
    )
    ordering = django_filters.OrderingFilter(fields=["name"])

    class Meta:
        model = Organisation
        fields = []


def render(source: str, query: str = "") -> str:
    request = RequestFactory().get("/lista/" + query)
    filterset = KindFilterSet(request.GET, queryset=Organisation.objects.none())
    context = {"request": request, "filter": filterset, "results_template_name": "includes/pagination.html"}
    with translation.override("en"):
        return Template("{% load spira %}" + source).render(Context(context))


def test_filter_sidebar_names_the_search_landmark_and_links_form_and_results():
    html = render(
        '{% filter_sidebar "Filter things" search_label="Name" %}{% endfilter_sidebar %}', "?q=Umeå"
    )

    assert '<form method="get" class="filters" role="search" aria-label="Filter things"' in html
    assert 'hx-get="/lista/" hx-target="#results" hx-trigger="change, submit" hx-push-url="true"' in html
    assert '<h2 class="visually-hidden">Filters</h2>' in html
    assert '<label for="id_q">Name</label>' in html
    assert '<input type="search" name="q" id="id_q" value="Umeå">' in html
    assert '<a href="/lista/">Clear filters</a>' in html
    assert '<div id="results" aria-live="polite">' in html


def test_filter_sidebar_filters_while_typing_only_when_asked():
    html = render(
        '{% filter_sidebar "F" search_label="Name" live_search=True heading_level=3 %}{% endfilter_sidebar %}'
    )

    assert 'hx-trigger="change, keyup changed delay:400ms from:input[type=search], submit"' in html
    assert '<h3 class="visually-hidden">Filters</h3>' in html


def test_filter_sidebar_without_search_label_has_no_search_field():
    html = render('{% filter_sidebar "F" %}{% endfilter_sidebar %}')

    assert 'name="q"' not in html


def test_filter_sidebar_places_the_fields_inside_the_form_with_legends_and_labels():
    html = render(
        '{% filter_sidebar "F" %}'
        '{% include "includes/filter_choices.html" with field=filter.form.kind legend="Kind" %}'
        '{% include "includes/filter_field.html" with field=filter.form.ordering label="Sort by" %}'
        "{% endfilter_sidebar %}",
        "?kind=region",
    )

    form = html[html.index("<form") : html.index("</form>")]
    assert "<legend>Kind</legend>" in form
    assert '<input type="checkbox" name="kind" value="region" id="id_kind_1" checked>' in form
    assert '<label for="id_kind_1">Region</label>' in form
    assert '<label for="id_ordering">Sort by</label>' in form
    assert '<select name="ordering" id="id_ordering">' in form
