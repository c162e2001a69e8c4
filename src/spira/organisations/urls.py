from django.urls import path

from spira.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation_list"),
    path("<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("<slug:slug>/historik/", views.OrganisationHistoryView.as_view(), name="organisation_history"),
]
