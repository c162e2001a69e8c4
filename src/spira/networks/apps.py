from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "spira.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from spira.core.navigation import MenuItem, Tab, register_menu_item, register_tab
        from spira.core.privacy import register_personal_data
        from spira.networks import activity  # noqa: F401  (registers action labels)
        from spira.networks.privacy import erase_network_data, export_network_data
        from spira.networks.queries import count_for_organisation

        register_menu_item(MenuItem(_("Networks"), "networks:network_list", order=60))
        register_tab(
            "organisations.organisation",
            Tab(
                name="networks",
                label=_("Networks"),
                url_name="networks:organisation_networks",
                order=60,
                count=count_for_organisation,
            ),
        )
        register_personal_data("networks", export_network_data, erase_network_data)
        for order, (name, label, url_name) in enumerate(
            [
                ("members", _("Members"), "networks:network_members"),
                ("members_area", _("Members' area"), "networks:network_members_area"),
                ("activities", _("Activities"), "networks:network_activities"),
                ("initiatives", _("Initiatives"), "networks:network_initiatives"),
            ]
        ):
            register_tab("networks.network", Tab(name=name, label=label, url_name=url_name, order=10 + order))
