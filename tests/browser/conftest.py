"""Browser tests drive Debian's Chromium (never a downloaded one: these
machines and CI have no route to Playwright's CDN) against Django's live
server, in Danish as the municipality's staff see it."""

import pyotp
import pytest
from django.db import connections
from playwright.sync_api import Page, sync_playwright

from kui.accounts import second_factor
from tests.signin import TEST_TOTP_SECRET, enrol_totp

CHROMIUM = "/usr/bin/chromium"
# Headless as root in a container; no calls home that could hang a test run.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE_VIEWPORT = {"width": 360, "height": 740}
# The live server answers in milliseconds; a missing button should fail in
# seconds, not after Playwright's default 30.
ACTION_TIMEOUT_MS = 10_000


@pytest.fixture(autouse=True)
def cookies_outlive_the_frozen_clock(settings):
    """The server runs at the frozen instant (tests/clock.py), Chromium at the
    machine's real time: a cookie stamped "expires in 8 hours" of the frozen day
    would already be stale in the browser. Session-length cookies carry no
    Expires date; the server still ends the session after SESSION_COOKIE_AGE."""
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None


@pytest.fixture(scope="session")
def playwright(_pw_api_request_contexts):
    """pytest-playwright's own fixture, closing Django's connections on both sides.

    Django keeps a thread's connections thread-local while no event loop runs
    in the thread, and per asyncio context once one does (asgiref's
    thread-critical Local). Playwright's sync API marks its loop as running in
    the main thread from start() to stop(): a connection opened before (by
    migrate or an earlier test) becomes invisible to Django while the browser
    tests run, and one opened during them is invisible after. Neither is
    closed then, and pytest-django cannot drop the test database at the end
    ("being accessed by other users")."""
    connections.close_all()
    pw = sync_playwright().start()
    if _pw_api_request_contexts:
        _pw_api_request_contexts.instrument(pw)
    yield pw
    connections.close_all()
    pw.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    """Relative URLs in page.goto() go to the live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "da-DK"}


@pytest.fixture
def page(context) -> Page:
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    return context.new_page()


@pytest.fixture
def log_in(password):
    """Logs a user in through the real login form, as a person would: the
    password, then (staff) the code of their authenticator app, and waits for
    the page the login lands on. Staff without a factor are enrolled with the
    test TOTP secret first (tests of enrolment itself do it by hand)."""

    def _log_in(page: Page, user) -> Page:
        if user.needs_second_factor and not second_factor.has_authenticator(user):
            enrol_totp(user)
        page.goto("/konto/login/")
        page.locator("input[name=username]").fill(user.username)
        page.locator("input[name=password]").fill(password)
        page.locator("main form button[type=submit]").click()
        if user.needs_second_factor:
            page.wait_for_url("**/konto/2fa/authenticate/")
            page.locator("input[name=code]").fill(pyotp.TOTP(TEST_TOTP_SECRET).now())
            page.get_by_role("button", name="Log ind").click()
        page.wait_for_url(lambda url: "/konto/login/" not in url and "/konto/2fa/" not in url)
        return page

    return _log_in


@pytest.fixture
def logged_in_page(page, log_in):
    """`logged_in_page(user)`: the desktop page, logged in as that user."""
    return lambda user: log_in(page, user)


@pytest.fixture
def phone_page(new_context) -> Page:
    """A page the width of a small phone: contacts are logged between meetings."""
    phone = new_context(viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True)
    phone.set_default_timeout(ACTION_TIMEOUT_MS)
    return phone.new_page()
