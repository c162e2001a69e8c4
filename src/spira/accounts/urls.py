from django.contrib.auth import views as auth_views
from django.urls import path

from spira.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("profil/", views.ProfileView.as_view(), name="profile"),
]
