"""Whole-page caching for anonymous readers of public pages.

Most traffic at national scale is people reading public lists and pages without logging in; the
same filtered list is rendered again and again. `cache_public_page` keeps the rendered HTML of a
GET by an anonymous visitor in the cache (files under var/ embedded, Redis nationally), keyed by
language, path, query string and HTMX, and by a content version that any save or delete of a
Spira model bumps, so a change is visible at once. Responses that set cookies (a CSRF token for a
form, a message) are never cached.
"""

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.translation import get_language

VERSION_KEY = "spira:content-version"
_deferred = threading.local()
PAGE_TIMEOUT = 300


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return version


@contextlib.contextmanager
def deferred_bumps() -> Iterator[None]:
    """Collect the cache version bumps made inside the block and make each once when it ends.

    For writers of many records in one transaction (an import batch): every saved record bumps
    the versions it belongs to, thousands of cache writes for the same few names. Put the block
    around the transaction (`with deferred_bumps(), transaction.atomic():`) so that the bumps come
    after the commit, when other processes can read the new rows. Nested blocks bump at the end of
    the outermost.
    """
    if getattr(_deferred, "bumps", None) is not None:
        yield
        return
    _deferred.bumps = {}
    try:
        yield
    finally:
        bumps, _deferred.bumps = _deferred.bumps, None
        for increment in bumps.values():
            increment()


def bump_version(name: str, increment: Callable[[], None]) -> None:
    """Call `increment`, which bumps the cached version `name`: now, or at the end of the
    surrounding `deferred_bumps()` block (once however often it was bumped in it)."""
    bumps = getattr(_deferred, "bumps", None)
    if bumps is None:
        increment()
    else:
        bumps.setdefault(name, increment)


def _increment_content_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, 2, None)


def bump_content_version(sender=None, **kwargs) -> None:
    if sender is not None and not sender.__module__.startswith("spira."):
        return
    bump_version(VERSION_KEY, _increment_content_version)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_content_version, dispatch_uid=f"spira-cache-{signal}")


def _cacheable_request(request) -> bool:
    return request.method == "GET" and not request.user.is_authenticated


def cache_public_page(view_func=None, *, version=None):
    """Decorate a view function (or `dispatch` via method_decorator) to cache anonymous GETs.

    `version(request, *args, **kwargs)`, if given, replaces the site-wide content version with a
    narrower one (a string naming what the page shows and its version, e.g. one series' programme
    version), so that unrelated changes keep the page cached; when it returns None the page is not
    cached.
    """
    if view_func is None:
        return functools.partial(cache_public_page, version=version)

    @functools.wraps(view_func)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view_func(request, *args, **kwargs)
        current = content_version() if version is None else version(request, *args, **kwargs)
        if current is None:
            return view_func(request, *args, **kwargs)
        htmx = "htmx" if getattr(request, "htmx", False) else "page"
        key = f"spira:page:{current}:{get_language()}:{htmx}:{request.get_full_path()}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view_func(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.cookies and not getattr(response, "streaming", False):
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
        return response

    return wrapper
