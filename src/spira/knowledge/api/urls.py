from rest_framework.routers import DefaultRouter

from spira.knowledge.api import views

app_name = "knowledge"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("resources", views.KnowledgeResourceViewSet, basename="resource")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("collections", views.CollectionViewSet, basename="collection")

urlpatterns = router.urls
