from django.urls import path

from spira.organisations import views

app_name = "organisations"

# "registrera" is a reserved slug (services.RESERVED_SLUGS), so it never shadows an organisation.
urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation_list"),
    path("registrera/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path("<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("<slug:slug>/redigera/", views.OrganisationUpdateView.as_view(), name="organisation_update"),
    path("<slug:slug>/historik/", views.OrganisationHistoryView.as_view(), name="organisation_history"),
    path("<slug:slug>/medlemmar/", views.OrganisationMembersView.as_view(), name="organisation_members"),
    path("<slug:slug>/medlemmar/lagg-till/", views.MembershipAddView.as_view(), name="membership_add"),
    path(
        "<slug:slug>/medlemmar/<int:membership_pk>/roll/",
        views.MembershipRoleView.as_view(),
        name="membership_role",
    ),
    path(
        "<slug:slug>/medlemmar/<int:membership_pk>/ta-bort/",
        views.MembershipRemoveView.as_view(),
        name="membership_remove",
    ),
]
