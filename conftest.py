"""Shared pytest fixtures for the whole suite.

End-to-end tests (`@pytest.mark.e2e`) drive Debian's Chromium (/usr/bin/chromium) with Playwright's
sync API against pytest-django's `live_server`, and check every page they visit with axe-core
(WCAG 2.0/2.1 A and AA):

    @pytest.mark.e2e
    def test_something(page, axe_check, reference_data):
        page.goto("/organisationer/")          # axe runs after every page.goto
        page.get_by_role("link", name="Piteå kommun").click()
        axe_check(page)                        # call it yourself after clicks that navigate
        ...                                    # and it runs once more on the final page at teardown

`page` gets a fresh browser context (locale sv-SE, base_url = live_server.url), so relative URLs
work. Tests that use `live_server` get `transactional_db` from pytest-django; they run on SQLite and
on PostgreSQL alike.

Also here: `reference_data` (the real municipalities, regions, agencies and SDGs via
`load_reference`) and `api_token` (a user with an API token for `Authorization: Token <key>`).
"""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import dataclass

import pytest

CHROMIUM = os.environ.get("SPIRA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
E2E_TIMEOUT_MS = 15_000


# Language --------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Swedish: LocaleMiddleware leaves the last request's language active in
    the thread, which would make reverse() and messages in the next test depend on test order."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (cached pages, rate limits, content versions)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def english():
    """For tests that compare messages with their (English) msgids."""
    from django.utils import translation

    with translation.override("en"):
        yield


# Data ------------------------------------------------------------------------------------------
@pytest.fixture
def reference_data(db):
    """The shipped reference data: 290 municipalities, 21 regions, the agencies and the SDGs."""
    from django.core.management import call_command

    call_command("load_reference", stdout=io.StringIO())


@dataclass
class TokenUser:
    user: object
    key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Token {self.key}"}


@pytest.fixture
def api_token(db) -> TokenUser:
    """A user with an active API token; `api_token.headers` authenticates a request."""
    from spira.accounts.models import ApiToken, User, hash_token

    user = User.objects.create_user(email="api-user@example.org", password=None, display_name="API User")
    key = ApiToken.generate_key()
    ApiToken.objects.create(user=user, name="tests", key_hash=hash_token(key), key_prefix=key[:12])
    return TokenUser(user=user, key=key)


# Browser ---------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session. Fails (never skips) when Chromium is missing."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)) and not shutil.which(CHROMIUM):
        pytest.fail(
            f"Chromium was not found at {CHROMIUM}. End-to-end tests need it: install the Debian "
            "package `chromium` (apt-get install chromium) or set SPIRA_CHROMIUM to its path.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread, which trips Django's
    # guard against ORM calls from async code although every call here is synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    except Exception as exc:
        playwright.stop()
        pytest.fail(f"Chromium at {CHROMIUM} did not start: {exc}", pytrace=False)
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"  {violation.get('helpUrl', '')}")
        for node in violation.get("nodes", [])[:10]:
            target = ", ".join(" ".join(part) if isinstance(part, list) else part for part in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


def run_axe(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


@pytest.fixture
def axe_check():
    """`axe_check(page)`: fail the test, listing each violation, if axe finds any on the page."""

    def check(page) -> None:
        page.wait_for_load_state("load")
        violations = run_axe(page)
        if violations:
            pytest.fail(format_violations(page.url, violations), pytrace=False)

    return check


@pytest.fixture
def page(browser, live_server, axe_check, request):
    """A page in a fresh Swedish browser context; axe checks each page.goto and the final page."""
    context = browser.new_context(locale="sv-SE", base_url=live_server.url)
    context.set_default_timeout(E2E_TIMEOUT_MS)
    new_page = context.new_page()
    goto = new_page.goto

    def goto_and_check(url: str, **kwargs):
        response = goto(url, **kwargs)
        axe_check(new_page)
        return response

    new_page.goto = goto_and_check
    try:
        yield new_page
        failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
        if not failed and not new_page.is_closed() and new_page.url.startswith("http"):
            axe_check(new_page)
    finally:
        context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can see whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# CI: a skipped test is a check that did not run. With SPIRA_NO_SKIPS=1 (set by .ci/run) any skip
# fails the session, so e2e tests can never silently drop out.
def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("SPIRA_NO_SKIPS") != "1" or exitstatus != 0:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(
            f"SPIRA_NO_SKIPS=1: {len(skipped)} test(s) were skipped; failing the run.", red=True
        )
        session.exitstatus = 1
