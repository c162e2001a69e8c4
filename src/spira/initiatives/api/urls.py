from rest_framework.routers import DefaultRouter

from spira.initiatives.api import views

app_name = "initiatives"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("stages", views.StageViewSet, basename="stage")
router.register("tags", views.TagViewSet, basename="tag")

urlpatterns = router.urls
