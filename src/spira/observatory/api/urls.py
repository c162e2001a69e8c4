from django.urls import path
from rest_framework.routers import DefaultRouter

from spira.observatory.api import views

app_name = "observatory"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("effect-goals", views.EffectGoalViewSet, basename="effectgoal")

urlpatterns = [path("indicators/", views.IndicatorsView.as_view(), name="indicators"), *router.urls]
