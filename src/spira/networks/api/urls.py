from rest_framework.routers import DefaultRouter

from spira.networks.api import views

app_name = "networks"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("networks", views.NetworkViewSet, basename="network")
router.register("memberships", views.NetworkMembershipViewSet, basename="membership")
router.register("locations", views.HubLocationViewSet, basename="location")
router.register("resources", views.BookableResourceViewSet, basename="resource")
router.register("bookings", views.BookingViewSet, basename="booking")
router.register("modules", views.ProgrammeModuleViewSet, basename="module")
router.register("assessments", views.NeedsAssessmentViewSet, basename="assessment")
router.register("plans", views.ProgrammePlanViewSet, basename="plan")

urlpatterns = router.urls
