from django.urls import path
from rest_framework.routers import DefaultRouter

from spira.ideas.api import views

app_name = "ideas"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("sluices", views.SluiceViewSet, basename="sluice")
router.register("stages", views.StageViewSet, basename="stage")
router.register("ideas", views.IdeaViewSet, basename="idea")
router.register("reviews", views.ReviewViewSet, basename="review")

urlpatterns = [path("analytics/", views.AnalyticsView.as_view(), name="analytics"), *router.urls]
