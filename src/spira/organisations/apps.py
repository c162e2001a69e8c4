from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _member_count(organisation, user) -> int:
    return organisation.memberships.count()


class OrganisationsConfig(AppConfig):
    name = "spira.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from spira.core.navigation import MenuItem, Tab, register_menu_item, register_tab
        from spira.organisations import activity  # noqa: F401  (registers action labels)

        register_menu_item(MenuItem(_("Organisations"), "organisations:organisation_list", order=80))
        register_tab(
            "organisations.Organisation",
            Tab(
                name="members",
                label=_("Members"),
                url_name="organisations:organisation_members",
                order=90,
                count=_member_count,
            ),
        )
