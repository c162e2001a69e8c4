from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "spira.ideas"
    label = "ideas"
    verbose_name = _("Ideas")

    def ready(self) -> None:
        from spira.core.moderation import register_moderatable
        from spira.core.navigation import MenuItem, Tab, register_menu_item, register_tab
        from spira.core.privacy import register_personal_data
        from spira.ideas import activity, notifications  # noqa: F401  (labels, notification kinds)
        from spira.ideas.models import Comment, Idea
        from spira.ideas.privacy import erase_ideas, export_ideas
        from spira.ideas.queries import count_for_organisation

        register_menu_item(MenuItem(_("Ideas"), "ideas:sluice_list", order=20))
        register_tab(
            "organisations.organisation",
            Tab(
                name="ideas",
                label=_("Ideas"),
                url_name="ideas:organisation_sluices",
                order=20,
                count=count_for_organisation,
            ),
        )
        register_moderatable(Idea, owner_attr="submitter")
        register_moderatable(Comment, owner_attr="author")
        register_personal_data("ideas", export=export_ideas, erase=erase_ideas)
