"""The moderators' import pages (upload a file, follow the progress), under /initiativ/import/."""

from django.urls import path

from spira.initiatives import views_imports

urlpatterns = [
    path("", views_imports.ImportRunListView.as_view(), name="importrun_list"),
    path("<int:pk>/", views_imports.ImportRunDetailView.as_view(), name="importrun_detail"),
]
