from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "spira.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Registers core's notification kinds and its permission rules.
        from spira.core import moderation, notifications, rules  # noqa: F401
        from spira.core.cache import connect_signals
        from spira.core.privacy import register_personal_data

        connect_signals()

        register_personal_data(
            "notifications", notifications.export_notifications, notifications.erase_notifications
        )
        register_personal_data("content_reports", moderation.export_reports, moderation.erase_reports)
