from django.urls import path

from spira.barriers import views

app_name = "barriers"

urlpatterns = [
    path("", views.BarrierListView.as_view(), name="barrier_list"),
    path("oversikt/", views.BarrierOverviewView.as_view(), name="barrier_overview"),
    path("rapportera/", views.BarrierCreateView.as_view(), name="barrier_create"),
    path("inkorg/", views.InboxView.as_view(), name="inbox"),
    path("forsenade-svar/", views.OverdueListView.as_view(), name="overdue_list"),
    path("bevakningar/", views.SubscriptionListView.as_view(), name="subscription_list"),
    path("bevakningar/<int:pk>/ta-bort/", views.SubscriptionDeleteView.as_view(), name="subscription_delete"),
    path("dialogverkstader/", views.WorkshopListView.as_view(), name="workshop_list"),
    path("dialogverkstader/ny/", views.WorkshopCreateView.as_view(), name="workshop_create"),
    path("dialogverkstader/<int:pk>/", views.WorkshopDetailView.as_view(), name="workshop_detail"),
    path(
        "dialogverkstader/<int:pk>/kalender.ics", views.WorkshopCalendarView.as_view(), name="workshop_ical"
    ),
    path(
        "dialogverkstader/<int:pk>/utfall/<int:item>/",
        views.WorkshopOutcomeView.as_view(),
        name="workshop_outcome",
    ),
    path("organisation/<slug:slug>/", views.OrganisationBarriersView.as_view(), name="organisation_barriers"),
    path("<int:pk>/", views.BarrierDetailView.as_view(), name="barrier_detail"),
    path("<int:pk>/redigera/", views.BarrierUpdateView.as_view(), name="barrier_update"),
    path("<int:pk>/historik/", views.BarrierHistoryView.as_view(), name="barrier_history"),
    path("<int:pk>/status/", views.BarrierStatusView.as_view(), name="barrier_status"),
    path("<int:pk>/eskalera/", views.BarrierEscalateView.as_view(), name="barrier_escalate"),
    path("<int:pk>/instam/", views.BarrierEndorseView.as_view(), name="barrier_endorse"),
    path("<int:pk>/dagordning/", views.BarrierAgendaView.as_view(), name="barrier_agenda"),
    path(
        "<int:pk>/instamningar/<int:endorsement>/dra-tillbaka/",
        views.EndorsementWithdrawView.as_view(),
        name="endorsement_withdraw",
    ),
    path(
        "<int:pk>/eskaleringar/<int:escalation>/svara/",
        views.EscalationAnswerView.as_view(),
        name="escalation_answer",
    ),
]
