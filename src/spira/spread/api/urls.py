from rest_framework.routers import DefaultRouter

from spira.spread.api import views

app_name = "spread"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("solutions", views.SolutionViewSet, basename="solution")
router.register("adoptions", views.AdoptionViewSet, basename="adoption")

urlpatterns = router.urls
