from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "spira.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from spira.core.moderation import register_moderatable
        from spira.core.navigation import MenuItem, Tab, register_menu_item, register_tab
        from spira.core.privacy import register_personal_data
        from spira.events import activity, notifications  # noqa: F401  (labels, notification kinds)
        from spira.events.models import Activity
        from spira.events.privacy import erase_registrations, export_registrations
        from spira.events.queries import count_for_organisation
        from spira.events.signals import programme_changed_by_moderation

        register_menu_item(MenuItem(_("Events"), "events:activity_list", order=50))
        register_tab(
            "organisations.organisation",
            Tab(
                name="events",
                label=_("Events"),
                url_name="events:organisation_activities",
                order=50,
                count=count_for_organisation,
            ),
        )
        register_moderatable(Activity, owner_attr="proposed_by")
        post_save.connect(
            programme_changed_by_moderation, sender=Activity, dispatch_uid="events-programme-moderation"
        )
        register_personal_data("event_registrations", export_registrations, erase_registrations)
