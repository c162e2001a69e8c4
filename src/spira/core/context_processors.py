from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from spira.core.navigation import menu_items


def _unread_count(request) -> int:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    from spira.core.models import Notification

    return Notification.objects.for_user(user).unread().count()


def spira(request) -> dict:
    """Navigation, the language switch and the unread-notification count on every page."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    languages = [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {
        "menu_items": menu_items(),
        "language_links": languages,
        "SITE_URL": settings.SITE_URL,
        # Lazy: one COUNT query, and only on pages that show it.
        "unread_notification_count": SimpleLazyObject(lambda: _unread_count(request)),
    }
