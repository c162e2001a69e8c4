from rest_framework.routers import DefaultRouter

from spira.events.api import views

app_name = "events"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("series", views.EventSeriesViewSet, basename="eventseries")
router.register("tracks", views.TrackViewSet, basename="track")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("proposals", views.ProposalViewSet, basename="proposal")
router.register("registrations", views.RegistrationViewSet, basename="registration")

urlpatterns = router.urls
