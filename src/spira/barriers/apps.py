from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BarriersConfig(AppConfig):
    name = "spira.barriers"
    label = "barriers"
    verbose_name = _("Barriers")

    def ready(self) -> None:
        from spira.barriers import activity, notifications  # noqa: F401  (labels, notification kinds)
        from spira.barriers.models import Barrier, Endorsement
        from spira.barriers.queries import count_for_organisation
        from spira.core.moderation import register_moderatable
        from spira.core.navigation import MenuItem, Tab, register_menu_item, register_tab

        register_menu_item(MenuItem(_("Barriers"), "barriers:barrier_list", order=40))
        register_tab(
            "organisations.organisation",
            Tab(
                name="barriers",
                label=_("Barriers"),
                url_name="barriers:organisation_barriers",
                order=40,
                count=count_for_organisation,
            ),
        )
        register_moderatable(Barrier, owner_attr="reported_by")
        register_moderatable(Endorsement, owner_attr="endorsed_by")
