from django.urls import path

from spira.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-ut/", views.LogoutView.as_view(), name="logout"),
    path("registrera/", views.RegisterView.as_view(), name="register"),
    path("profil/", views.ProfileView.as_view(), name="profile"),
    path("profil/andra/", views.ProfileUpdateView.as_view(), name="profile_edit"),
    path("profil/losenord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profil/exportera/", views.PersonalDataExportView.as_view(), name="personal_data_export"),
    path("profil/radera/", views.EraseAccountView.as_view(), name="erase"),
    path("losenord/aterstall/", views.PasswordResetView.as_view(), name="password_reset"),
    path("losenord/aterstall/skickat/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "losenord/aterstall/klart/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path(
        "losenord/aterstall/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("api-nycklar/", views.ApiTokenListView.as_view(), name="apitoken_list"),
    path("api-nycklar/ny/", views.ApiTokenCreateView.as_view(), name="apitoken_create"),
    path("api-nycklar/<int:pk>/aterkalla/", views.ApiTokenRevokeView.as_view(), name="apitoken_revoke"),
]
