from django.urls import path

from spira.networks import views

app_name = "networks"

# "mina-bokningar", "bokningar", "organisation" and "ny" are reserved slugs (services.RESERVED_SLUGS).
urlpatterns = [
    path("", views.NetworkListView.as_view(), name="network_list"),
    path("mina-bokningar/", views.MyBookingsView.as_view(), name="my_bookings"),
    path("bokningar/<int:pk>/avboka/", views.BookingCancelView.as_view(), name="booking_cancel"),
    path("organisation/<slug:slug>/", views.OrganisationNetworksView.as_view(), name="organisation_networks"),
    path("<slug:slug>/", views.NetworkDetailView.as_view(), name="network_detail"),
    path("<slug:slug>/medlemmar/", views.NetworkMembersView.as_view(), name="network_members"),
    path("<slug:slug>/medlemsytan/", views.NetworkMembersAreaView.as_view(), name="network_members_area"),
    path("<slug:slug>/aktiviteter/", views.NetworkActivitiesView.as_view(), name="network_activities"),
    path("<slug:slug>/initiativ/", views.NetworkInitiativesView.as_view(), name="network_initiatives"),
    path("<slug:slug>/historik/", views.NetworkHistoryView.as_view(), name="network_history"),
    path("<slug:slug>/bli-medlem/", views.NetworkJoinView.as_view(), name="network_join"),
    path("<slug:slug>/oversikt/", views.ProgrammeOverviewView.as_view(), name="programme_overview"),
    path("<slug:slug>/behov/<slug:organisation>/", views.AssessmentView.as_view(), name="assessment"),
    path("<slug:slug>/plan/<slug:organisation>/", views.PlanView.as_view(), name="plan"),
    path("<slug:slug>/platser/<slug:location>/", views.LocationDetailView.as_view(), name="location_detail"),
    path("<slug:slug>/resurser/<int:pk>/", views.ResourceDetailView.as_view(), name="resource_detail"),
]
