"""The REST API: /api/v1/<app>/<plural-model>/, the OpenAPI schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/accounts/", include("spira.accounts.api.urls")),
    path("v1/organisations/", include("spira.organisations.api.urls")),
    path("v1/initiatives/", include("spira.initiatives.api.urls")),
    path("v1/networks/", include("spira.networks.api.urls")),
    path("v1/knowledge/", include("spira.knowledge.api.urls")),
    path("v1/spread/", include("spira.spread.api.urls")),
    path("v1/ideas/", include("spira.ideas.api.urls")),
    path("v1/barriers/", include("spira.barriers.api.urls")),
    path("v1/events/", include("spira.events.api.urls")),
    path("v1/observatory/", include("spira.observatory.api.urls")),
    path("v1/search/", include("spira.search.api.urls")),
]
