from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "spira.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from spira.core.hooks import app_modules
        from spira.core.navigation import MenuItem, register_menu_item
        from spira.search import index

        # Each app's search.py registers its models; importing it is enough.
        for _module in app_modules("search"):
            pass
        index.connect_signals()
        # A migration that changes what is indexed empties the index; fill it again after migrate.
        post_migrate.connect(index.rebuild_missing, sender=self, dispatch_uid="spira.search.rebuild")
        register_menu_item(MenuItem(_("Search"), "search:search", order=5))
