from django.urls import path

from spira.ideas import views

app_name = "ideas"

urlpatterns = [
    path("", views.SluiceListView.as_view(), name="sluice_list"),
    path("ny/", views.SluiceCreateView.as_view(), name="sluice_create"),
    path("analys/", views.AnalyticsView.as_view(), name="analytics"),
    path("mina/", views.MyIdeasView.as_view(), name="my_ideas"),
    path("ide/<int:pk>/", views.IdeaDetailView.as_view(), name="idea_detail"),
    path("ide/<int:pk>/historik/", views.IdeaHistoryView.as_view(), name="idea_history"),
    path("ide/<int:pk>/flytta/", views.IdeaMoveView.as_view(), name="idea_move"),
    path("ide/<int:pk>/coach/", views.IdeaCoachView.as_view(), name="idea_coach"),
    path("ide/<int:pk>/kommentera/", views.IdeaCommentView.as_view(), name="idea_comment"),
    path("ide/<int:pk>/stod/", views.IdeaSupportView.as_view(), name="idea_support"),
    path("ide/<int:pk>/bevaka/", views.IdeaFollowToggleView.as_view(), name="idea_follow_toggle"),
    path("ide/<int:pk>/sla-ihop/", views.IdeaMergeView.as_view(), name="idea_merge"),
    path("ide/<int:pk>/bedomning/", views.IdeaReviewRoundView.as_view(), name="idea_review_round"),
    path("ide/<int:pk>/initiativ/", views.IdeaGraduateView.as_view(), name="idea_graduate"),
    path("kvitto/<str:token>/", views.IdeaReceiptView.as_view(), name="idea_receipt"),
    path("folj/<str:token>/", views.IdeaFollowView.as_view(), name="idea_follow"),
    path("bedomning/<int:pk>/", views.ReviewFormView.as_view(), name="review_form"),
    path("organisation/<slug:slug>/", views.OrganisationSluicesView.as_view(), name="organisation_sluices"),
    path("<slug:slug>/", views.SluiceDetailView.as_view(), name="sluice_detail"),
    path("<slug:slug>/lamna-in/", views.IdeaCreateView.as_view(), name="idea_create"),
    path("<slug:slug>/liknande/", views.SimilarIdeasView.as_view(), name="idea_similar"),
    path("<slug:slug>/tavla/", views.SluiceBoardView.as_view(), name="sluice_board"),
    path("<slug:slug>/analys/", views.AnalyticsView.as_view(), name="sluice_analytics"),
    path("<slug:slug>/installningar/", views.SluiceSettingsView.as_view(), name="sluice_settings"),
]
