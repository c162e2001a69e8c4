from django.urls import path

from spira.events import views

app_name = "events"

# Activity slugs live at the root of /evenemang/; the words used here are reserved
# (services.common.RESERVED_SLUGS), so that an activity never shadows them.
urlpatterns = [
    path("", views.ActivityListView.as_view(), name="activity_list"),
    path("mitt-program/", views.MyProgrammeView.as_view(), name="my_programme"),
    path(
        "mitt-program/ny-kalenderlank/",
        views.CalendarTokenRegenerateView.as_view(),
        name="calendar_token_regenerate",
    ),
    path("kalender/<str:token>.ics", views.UserCalendarView.as_view(), name="user_calendar"),
    path("avanmalan/<str:token>/", views.RegistrationCancelByTokenView.as_view(), name="registration_cancel"),
    path("serier/", views.EventSeriesListView.as_view(), name="series_list"),
    path("serier/ny/", views.SeriesCreateView.as_view(), name="series_create"),
    path("serier/<slug:slug>/", views.SeriesDetailView.as_view(), name="series_detail"),
    path("serier/<slug:slug>/utskrift/", views.SeriesPrintView.as_view(), name="series_print"),
    path("serier/<slug:slug>/platser/", views.SeriesPlacesView.as_view(), name="series_places"),
    path("serier/<slug:slug>/foresla/", views.ActivityProposeView.as_view(), name="activity_propose"),
    path("serier/<slug:slug>/lagg-till/", views.ActivityAddView.as_view(), name="activity_add"),
    path("serier/<slug:slug>/forslag/", views.SeriesProposalsView.as_view(), name="series_proposals"),
    path("serier/<slug:slug>/redigera/", views.SeriesUpdateView.as_view(), name="series_update"),
    path("serier/<slug:slug>/historik/", views.SeriesHistoryView.as_view(), name="series_history"),
    path("serier/<slug:slug>/kalender.ics", views.SeriesCalendarView.as_view(), name="series_calendar"),
    path(
        "serier/<slug:slug>/schedule.json",
        views.SeriesScheduleJsonView.as_view(),
        name="series_schedule_json",
    ),
    path(
        "serier/<slug:slug>/schedule.xml", views.SeriesScheduleXmlView.as_view(), name="series_schedule_xml"
    ),
    path(
        "organisation/<slug:slug>/",
        views.OrganisationActivitiesView.as_view(),
        name="organisation_activities",
    ),
    path(
        "organisation/<slug:slug>/kalender.ics",
        views.OrganisationCalendarView.as_view(),
        name="organisation_calendar",
    ),
    path("<slug:slug>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("<slug:slug>/redigera/", views.ActivityUpdateView.as_view(), name="activity_update"),
    path("<slug:slug>/beslut/", views.ActivityDecideView.as_view(), name="activity_decide"),
    path("<slug:slug>/stall-in/", views.ActivityCancelView.as_view(), name="activity_cancel"),
    path("<slug:slug>/anmalan/", views.ActivityRegisterView.as_view(), name="activity_register"),
    path("<slug:slug>/avanmal/", views.RegistrationCancelOwnView.as_view(), name="registration_cancel_own"),
    path("<slug:slug>/deltagare/", views.ActivityParticipantsView.as_view(), name="activity_participants"),
    path(
        "<slug:slug>/deltagare/<int:pk>/beslut/",
        views.RegistrationDecideView.as_view(),
        name="registration_decide",
    ),
    path("<slug:slug>/narvaro/", views.AttendanceView.as_view(), name="activity_attendance"),
    path("<slug:slug>/kalender.ics", views.ActivityCalendarView.as_view(), name="activity_calendar"),
    path("<slug:slug>/historik/", views.ActivityHistoryView.as_view(), name="activity_history"),
]
