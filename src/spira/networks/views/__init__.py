from spira.networks.views.hubs import (
    BookingCancelView,
    LocationDetailView,
    MyBookingsView,
    ResourceDetailView,
)
from spira.networks.views.networks import (
    NetworkActivitiesView,
    NetworkDetailView,
    NetworkHistoryView,
    NetworkInitiativesView,
    NetworkJoinView,
    NetworkListView,
    NetworkMembersAreaView,
    NetworkMembersView,
    OrganisationNetworksView,
)
from spira.networks.views.programmes import AssessmentView, PlanView, ProgrammeOverviewView

__all__ = [
    "AssessmentView",
    "BookingCancelView",
    "LocationDetailView",
    "MyBookingsView",
    "NetworkActivitiesView",
    "NetworkDetailView",
    "NetworkHistoryView",
    "NetworkInitiativesView",
    "NetworkJoinView",
    "NetworkListView",
    "NetworkMembersAreaView",
    "NetworkMembersView",
    "OrganisationNetworksView",
    "PlanView",
    "ProgrammeOverviewView",
    "ResourceDetailView",
]
