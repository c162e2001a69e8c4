"""Registries that let each app add itself to the shared UI without the core knowing it.

`register_menu_item` adds a section to the main navigation; `register_tab` adds a tab to another
app's detail page (the organisation page shows the initiatives tab once the initiatives app exists).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class MenuItem:
    label: Promise | str
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class Tab:
    name: str
    label: Promise | str
    url_name: str
    order: int = 100
    # Returns the number shown on the tab, or None for no number.
    count: Callable[[models.Model, object], int | None] | None = field(default=None, compare=False)
    # Returns whether the tab applies to this object (e.g. only to municipalities).
    applies: Callable[[models.Model], bool] | None = field(default=None, compare=False)
    # The URL keyword arguments for an object; by default its slug.
    url_kwargs: Callable[[models.Model], dict] | None = field(default=None, compare=False)

    def url(self, obj: models.Model) -> str:
        kwargs = self.url_kwargs(obj) if self.url_kwargs else {"slug": obj.slug}
        return reverse(self.url_name, kwargs=kwargs)


_menu: dict[str, MenuItem] = {}
_tabs: dict[str, dict[str, Tab]] = {}


def register_menu_item(item: MenuItem) -> None:
    _menu[item.url_name] = item


def menu_items() -> list[MenuItem]:
    return sorted(_menu.values(), key=lambda item: (item.order, str(item.label)))


def register_tab(model_label: str, tab: Tab) -> None:
    """Add `tab` to the detail page of the model `app_label.ModelName`."""
    _tabs.setdefault(model_label.lower(), {})[tab.name] = tab


def tabs_for(obj: models.Model) -> list[Tab]:
    tabs = _tabs.get(obj._meta.label_lower, {}).values()
    return sorted((t for t in tabs if t.applies is None or t.applies(obj)), key=lambda t: t.order)
