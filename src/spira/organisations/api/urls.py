from rest_framework.routers import DefaultRouter

from spira.organisations.api import views

app_name = "organisations"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("sdgs", views.SdgViewSet, basename="sdg")

urlpatterns = router.urls
