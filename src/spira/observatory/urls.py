from django.urls import path, re_path

from spira.observatory import views

app_name = "observatory"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("oppna-data/", views.OpenDataView.as_view(), name="opendata"),
    re_path(
        r"^oppna-data/catalog\.(?P<fmt>ttl|jsonld)$", views.opendata_catalogue, name="opendata_catalogue"
    ),
    re_path(
        r"^oppna-data/(?P<name>[a-z-]+)\.(?P<fmt>csv|json)$",
        views.opendata_download,
        name="opendata_download",
    ),
    path("organisationer/<slug:slug>/", views.OrganisationProfileView.as_view(), name="organisation_profile"),
    path("organisationer/<slug:slug>/portfolj/", views.PortfolioView.as_view(), name="portfolio"),
    path("initiativ/<slug:slug>/effektmal/", views.InitiativeGoalsView.as_view(), name="initiative_goals"),
]
