from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "spira.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from spira.core.navigation import MenuItem, register_menu_item
        from spira.organisations import activity  # noqa: F401  (registers action labels)

        register_menu_item(MenuItem(_("Organisations"), "organisations:organisation_list", order=80))
