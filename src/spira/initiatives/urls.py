from django.urls import include, path

from spira.initiatives import views
from spira.initiatives.feeds import NewInitiativesFeed

app_name = "initiatives"

urlpatterns = [
    path("", views.InitiativeListView.as_view(), name="initiative_list"),
    path("nytt/", views.InitiativeCreateView.as_view(), name="initiative_create"),
    path("mina/", views.MyInitiativesView.as_view(), name="my_initiatives"),
    path("granskning/", views.ReviewQueueView.as_view(), name="review_queue"),
    path("flode/", NewInitiativesFeed(), name="initiative_feed"),
    path("inbjudan/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path(
        "organisation/<slug:slug>/",
        views.OrganisationInitiativesView.as_view(),
        name="organisation_initiatives",
    ),
    path("import/", include("spira.initiatives.urls_imports")),
    path("<slug:slug>/", views.InitiativeDetailView.as_view(), name="initiative_detail"),
    path("<slug:slug>/historik/", views.InitiativeHistoryView.as_view(), name="initiative_history"),
    path("<slug:slug>/versioner/", views.InitiativeRevisionListView.as_view(), name="initiative_revisions"),
    path(
        "<slug:slug>/versioner/<int:number>/",
        views.InitiativeRevisionDiffView.as_view(),
        name="initiative_revision_diff",
    ),
    path("<slug:slug>/redigera/<int:step>/", views.InitiativeEditView.as_view(), name="initiative_edit"),
    path("<slug:slug>/medforfattare/", views.CoAuthorsView.as_view(), name="initiative_co_authors"),
    path("<slug:slug>/kontakta/", views.InitiativeContactView.as_view(), name="initiative_contact"),
    path("<slug:slug>/skicka-in/", views.SubmitView.as_view(), name="initiative_submit"),
    path("<slug:slug>/publicera/", views.PublishView.as_view(), name="initiative_publish"),
    path("<slug:slug>/skicka-tillbaka/", views.SendBackView.as_view(), name="initiative_send_back"),
    path("<slug:slug>/arkivera/", views.ArchiveView.as_view(), name="initiative_archive"),
    path("<slug:slug>/ateruppta/", views.UnarchiveView.as_view(), name="initiative_unarchive"),
    path("<slug:slug>/radera/", views.DeleteView.as_view(), name="initiative_delete"),
]
