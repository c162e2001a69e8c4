from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from spira.core.navigation import menu_items


def spira(request) -> dict:
    """Navigation and the language switch on every page."""
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
    }
