"""Project URLs: Swedish pages at /, English at /en/, the API at /api/ (not language-prefixed)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from spira.core import views as core_views
from spira.core.views_health import healthz

handler403 = "spira.core.views.error_403"
handler404 = "spira.core.views.error_404"
handler500 = "spira.core.views.error_500"

urlpatterns = [
    path("api/", include("spira.api_urls")),
    path("healthz", healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", core_views.HomeView.as_view(), name="home"),
    path("tillganglighet/", core_views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("konto/", include("spira.accounts.urls")),
    path("organisationer/", include("spira.organisations.urls")),
    path("initiativ/", include("spira.initiatives.urls")),
    path("spridning/", include("spira.spread.urls")),
    path("natverk/", include("spira.networks.urls")),
    path("kunskap/", include("spira.knowledge.urls")),
    path("ideer/", include("spira.ideas.urls")),
    path("hinder/", include("spira.barriers.urls")),
    path("evenemang/", include("spira.events.urls")),
    path("observatoriet/", include("spira.observatory.urls")),
    path("sok/", include("spira.search.urls")),
    path("", include("spira.core.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.views.static import serve

    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
