from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "spira.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge bank")

    def ready(self) -> None:
        from spira.core.moderation import register_moderatable
        from spira.core.navigation import MenuItem, register_menu_item
        from spira.core.privacy import register_personal_data
        from spira.knowledge import activity, rules  # noqa: F401  (action labels, permissions)
        from spira.knowledge.models import KnowledgeResource, Review
        from spira.knowledge.privacy import erase_knowledge_data, export_knowledge_data

        register_menu_item(MenuItem(_("Knowledge"), "knowledge:resource_list", order=70))
        register_moderatable(KnowledgeResource, owner_attr="created_by")
        register_moderatable(Review, owner_attr="author")
        register_personal_data("knowledge", export_knowledge_data, erase_knowledge_data)
