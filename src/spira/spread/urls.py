from django.urls import path

from spira.spread import views, views_publiccode

app_name = "spread"

urlpatterns = [
    path("", views.SolutionListView.as_view(), name="solution_list"),
    path("dela/", views.SolutionCreateView.as_view(), name="solution_create"),
    path("oversikt/", views.NationalView.as_view(), name="national"),
    path("initiativval/", views.initiative_choices, name="initiative_choices"),
    path("importera/", views_publiccode.PubliccodeUploadView.as_view(), name="publiccode_upload"),
    path("adoptioner/", views.AdoptionListView.as_view(), name="adoption_list"),
    path("adoptioner/<int:pk>/status/", views.AdoptionStatusView.as_view(), name="adoption_status"),
    path("adoptioner/<int:pk>/effekt/", views.AdoptionEffectView.as_view(), name="adoption_effect"),
    path("adoptioner/<int:pk>/bekrafta/", views.AdoptionConfirmView.as_view(), name="adoption_confirm"),
    path(
        "organisation/<slug:slug>/adopterat/",
        views.OrganisationAdoptedView.as_view(),
        name="organisation_adopted",
    ),
    path(
        "organisation/<slug:slug>/spritt/", views.OrganisationSpreadView.as_view(), name="organisation_spread"
    ),
    path("initiativ/<slug:slug>/", views.InitiativeSolutionsView.as_view(), name="initiative_solutions"),
    path("<slug:slug>/", views.SolutionDetailView.as_view(), name="solution_detail"),
    path("<slug:slug>/redigera/", views.SolutionUpdateView.as_view(), name="solution_update"),
    path("<slug:slug>/historik/", views.SolutionHistoryView.as_view(), name="solution_history"),
    path("<slug:slug>/intresse/", views.SolutionInterestView.as_view(), name="solution_interest"),
    path("<slug:slug>/publiccode.yml", views.solution_publiccode, name="solution_publiccode"),
]
