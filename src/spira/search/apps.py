from django.apps import AppConfig
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
        register_menu_item(MenuItem(_("Search"), "search:search", order=5))
