from django.urls import path

from spira.core import views_moderation, views_notifications

app_name = "core"

urlpatterns = [
    path("meddelanden/", views_notifications.NotificationListView.as_view(), name="notification_list"),
    path(
        "meddelanden/installningar/",
        views_notifications.NotificationSettingsView.as_view(),
        name="notification_settings",
    ),
    path(
        "meddelanden/las-alla/",
        views_notifications.NotificationMarkAllReadView.as_view(),
        name="notification_mark_all_read",
    ),
    path(
        "meddelanden/<int:pk>/", views_notifications.NotificationOpenView.as_view(), name="notification_open"
    ),
    path(
        "meddelanden/<int:pk>/last/",
        views_notifications.NotificationMarkReadView.as_view(),
        name="notification_mark_read",
    ),
    path(
        "meddelanden/avregistrera/<str:token>/",
        views_notifications.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
    path(
        "anmal/<int:content_type_id>/<str:object_id>/",
        views_moderation.ReportContentView.as_view(),
        name="report_content",
    ),
    path("moderering/", views_moderation.ModerationQueueView.as_view(), name="moderation_queue"),
    path(
        "moderering/<int:content_type_id>/<str:object_id>/",
        views_moderation.ModerationObjectView.as_view(),
        name="moderation_object",
    ),
    path(
        "moderering/<int:content_type_id>/<str:object_id>/dolj/",
        views_moderation.HideContentView.as_view(),
        name="moderation_hide",
    ),
    path(
        "moderering/<int:content_type_id>/<str:object_id>/aterstall/",
        views_moderation.RestoreContentView.as_view(),
        name="moderation_restore",
    ),
    path(
        "moderering/<int:content_type_id>/<str:object_id>/avfarda/",
        views_moderation.DismissReportsView.as_view(),
        name="moderation_dismiss",
    ),
]
