from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "spira.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from spira.accounts import activity, privacy

        activity.register()
        privacy.register()
