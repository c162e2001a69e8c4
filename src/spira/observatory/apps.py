from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _goal_count(initiative, user) -> int:
    from spira.observatory.models import EffectGoal

    return EffectGoal.objects.filter(initiative=initiative).count()


class ObservatoryConfig(AppConfig):
    name = "spira.observatory"
    label = "observatory"
    verbose_name = _("Observatory")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from spira.core.navigation import MenuItem, Tab, register_menu_item, register_tab
        from spira.observatory import activity  # noqa: F401  (registers action labels)
        from spira.observatory.aggregates.signals import connect_aggregates
        from spira.observatory.aggregates.store import build_outdated
        from spira.observatory.cache import connect_invalidation
        from spira.observatory.registry import load_providers

        register_menu_item(MenuItem(_("Observatory"), "observatory:dashboard", order=90))
        register_tab(
            "organisations.organisation",
            Tab(
                name="profile",
                label=_("Innovation profile"),
                url_name="observatory:organisation_profile",
                order=95,
            ),
        )
        register_tab(
            "organisations.organisation",
            Tab(name="portfolio", label=_("Portfolio"), url_name="observatory:portfolio", order=96),
        )
        register_tab(
            "initiatives.initiative",
            Tab(
                name="goals",
                label=_("Effect goals"),
                url_name="observatory:initiative_goals",
                order=60,
                count=_goal_count,
                url_kwargs=lambda initiative: {"slug": initiative.slug},
            ),
        )
        load_providers()
        connect_invalidation()
        connect_aggregates()
        post_migrate.connect(build_outdated, sender=self, dispatch_uid="observatory-aggregates-build")
