from django.urls import path

from spira.search.api import views

app_name = "search"

urlpatterns = [
    path("", views.SearchAPIView.as_view(), name="search"),
]
