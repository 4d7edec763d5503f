"""axe-core on every page of the URL sweep, at a phone's width (360 px) and a
desktop's (1280 px), in one Chromium: each role logs in once, in a context of
its own, and opens the pages it has (tests/pages.py); a page two roles share
is checked once, by the first. A new page joins without a line here."""

import time

import pytest
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from tests.browser.axe import AXE_SOURCE, BLOCKING_IMPACTS, axe_violations
from tests.browser.conftest import ACTION_TIMEOUT_MS
from tests.pages import PERSONAS, page_paths, persona
from tests.test_url_sweep import partner_staff, world  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = ({"width": 1280, "height": 800}, {"width": 360, "height": 740})


def _blocking(page, width: int) -> list[str]:
    return [
        f"{width} px {v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'])}"
        for v in axe_violations(page)
        if v["impact"] in BLOCKING_IMPACTS
    ]


def _pages_of(user, paths, seen: set[str]) -> list[tuple[str, str]]:
    """The whole HTML pages `user` may open, asked in-process (a browser's
    round trip per refused URL took minutes): downloads, 404s, 405s and htmx
    fragments (no doctype: checked inside the page that shows them) drop out."""
    client = Client()
    if user is not None:
        client.force_login(user)
    found = []
    for name, path in paths:
        if name in seen:
            continue
        answer = client.get(path, HTTP_ACCEPT_LANGUAGE="da")
        kind = answer.get("Content-Type", "")
        if (
            answer.status_code == 200
            and kind.startswith("text/html")
            and answer.content.lstrip()[:9].lower() == b"<!doctype"
        ):
            found.append((name, path))
    return found


def _check_pages(context, paths, seen: set[str]) -> tuple[dict[str, list[str]], int]:
    """Opens each page and runs axe at both widths."""
    page, problems, checked = context.new_page(), {}, 0
    for name, path in paths:
        page.set_viewport_size(WIDTHS[0])
        try:
            answer = page.goto(path)
        except PlaywrightError:  # "Download is starting": a file, not a page
            page.close()
            page = context.new_page()
            continue
        if answer is None or answer.status != 200 or not page.evaluate("() => document.doctype !== null"):
            continue
        seen.add(name)
        checked += 1
        found = []
        for viewport in WIDTHS:
            page.set_viewport_size(viewport)
            found += _blocking(page, viewport["width"])
        if found:
            problems[f"{name} {path}"] = found
    page.close()
    return problems, checked


def _context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="da-DK", viewport=WIDTHS[0])
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    # Loaded into every page before its own scripts (outside the page's CSP), once per context.
    context.add_init_script(AXE_SOURCE)
    return context


def test_no_page_has_a_serious_axe_violation_at_either_width(browser, live_server, log_in, world, request):
    started, seen, problems, checked = time.monotonic(), set(), {}, 0
    for who in PERSONAS:
        context = _context(browser, live_server)
        log_in(context.new_page(), persona(who, world, request)).close()
        user = persona(who, world, request)
        found, count = _check_pages(context, _pages_of(user, page_paths(world, public=False), seen), seen)
        problems.update({f"{who}: {page}": lines for page, lines in found.items()})
        checked += count
        context.close()
    context = _context(browser, live_server)
    found, count = _check_pages(context, _pages_of(None, page_paths(world, public=True), seen), seen)
    problems.update({f"anonymous: {page}": lines for page, lines in found.items()})
    checked += count
    context.close()
    print(f"axe sweep: {checked} pages at 2 widths in {time.monotonic() - started:.1f} s")
    assert checked >= 60
    report = "\n".join(f"{page}:\n  " + "\n  ".join(lines) for page, lines in problems.items())
    assert problems == {}, report
