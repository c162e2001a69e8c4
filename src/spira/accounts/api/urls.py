from django.urls import path
from rest_framework.routers import DefaultRouter

from spira.accounts.api import views

app_name = "accounts"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("tokens", views.ApiTokenViewSet, basename="apitoken")

urlpatterns = [
    path("me/", views.MeViewSet.as_view({"get": "retrieve", "patch": "partial_update"}), name="me"),
    *router.urls,
]
