from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "spira.initiatives"
    label = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from spira.core.navigation import MenuItem, Tab, register_menu_item, register_tab
        from spira.initiatives import activity, services  # noqa: F401  (labels, notification kinds)
        from spira.initiatives.queries import count_for_organisation

        register_menu_item(MenuItem(_("Initiatives"), "initiatives:initiative_list", order=10))
        register_tab(
            "organisations.organisation",
            Tab(
                name="initiatives",
                label=_("Initiatives"),
                url_name="initiatives:organisation_initiatives",
                order=10,
                count=count_for_organisation,
            ),
        )
