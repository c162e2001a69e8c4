from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpreadConfig(AppConfig):
    name = "spira.spread"
    label = "spread"
    verbose_name = _("Spread")

    def ready(self) -> None:
        from spira.core.navigation import MenuItem, Tab, register_menu_item, register_tab
        from spira.spread import activity, caching, notifications  # noqa: F401  (labels, notification kinds)
        from spira.spread.queries import (
            count_for_initiative,
            count_for_organisation_adopted,
            count_for_organisation_spread,
        )

        caching.connect_signals()
        register_menu_item(MenuItem(_("Spread"), "spread:solution_list", order=30))
        register_tab(
            "organisations.organisation",
            Tab(
                name="adopted",
                label=_("Adopted"),
                url_name="spread:organisation_adopted",
                order=30,
                count=count_for_organisation_adopted,
            ),
        )
        register_tab(
            "organisations.organisation",
            Tab(
                name="spread",
                label=_("Spread"),
                url_name="spread:organisation_spread",
                order=31,
                count=count_for_organisation_spread,
            ),
        )
        register_tab(
            "initiatives.initiative",
            Tab(
                name="solutions",
                label=_("Solutions"),
                url_name="spread:initiative_solutions",
                order=30,
                count=count_for_initiative,
                url_kwargs=lambda initiative: {"slug": initiative.slug},
            ),
        )
