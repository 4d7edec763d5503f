"""Every page of every demo role, served as production serves it: gunicorn
with DEBUG=0, hashed and compressed static files from collectstatic,
PostgreSQL and Redis. A template or static-file mistake that only shows
under DEBUG=0 (a missing manifest entry is a 500 on every page) fails here.

Each role signs in and opens its landing page, every page linked from it
(the navigation among them) and the object pages those link to, same-origin
and bounded per role; every stylesheet and script they load must come from
whitenoise under its hashed name. The other roles' pages are opened too:
refused, never an error."""

import re
from collections import deque

import pytest

from tests.production import stack
from tests.production.browsing import Browser, page_links, sign_in

ROLES = ["tovholder", "teamleder", "partner", "styregruppe", "ung", "admin"]
# Reached by GET links but not pages: signing out and switching language are POSTs.
NOT_PAGES = re.compile(r"^/(konto/logout/|i18n/|admin/logout/)")
MAX_PAGES_PER_ROLE = 30
MAX_DEPTH = 2  # the landing page (0), what it links to (1), the object pages those link to (2)
HASHED_ASSET = re.compile(r"^/static/.+\.[0-9a-f]{12}\.(css|js)$")
ID_PARTS = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}|\d+")


def pattern(path: str) -> str:
    """Profiles of twelve youths are one kind of page: open one of each kind."""
    base, _, query = path.partition("?")
    keys = sorted(part.split("=")[0] for part in query.split("&") if part)
    return ID_PARTS.sub("{id}", base) + ("?" + "&".join(keys) if keys else "")


def crawl(browser: Browser, start: str = "/") -> tuple[dict[str, int], set[str], set[str]]:
    """Breadth first from the landing page; returns status per path, the
    assets loaded and the depth-1 pages (landing links and navigation)."""
    statuses: dict[str, int] = {}
    assets: set[str] = set()
    first_level: set[str] = set()
    seen_patterns: set[str] = set()
    queue = deque([(start, 0)])
    while queue and len(statuses) < MAX_PAGES_PER_ROLE:
        path, depth = queue.popleft()
        if path in statuses or NOT_PAGES.match(path):
            continue
        if depth > 0 and pattern(path) in seen_patterns:
            continue
        seen_patterns.add(pattern(path))
        response = browser.get(path, headers={"HX-Request": "true"} if "/status/" in path else {})
        statuses[path] = response.status_code
        if depth == 1:
            first_level.add(path)
        if response.status_code == 302:
            location = response.headers["Location"]
            if location.startswith("/"):
                queue.appendleft((location, depth))
            continue
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue  # a PDF or spreadsheet download
        links, page_assets = page_links(response.text, path)
        assets.update(page_assets)
        if depth < MAX_DEPTH:
            queue.extend((link, depth + 1) for link in links)
    return statuses, assets, first_level


@pytest.fixture
def web(production_env, run_dir):
    port = stack.free_port()
    with stack.running(production_env, run_dir) as processes:
        stack.start_web(processes, port)
        yield f"http://127.0.0.1:{port}", processes
    stack.purge_queue(production_env)  # the PDF jobs the pages queued: no worker ran them here


@pytest.mark.services
def test_every_page_of_every_role_answers_under_debug_0(web):
    base_url, processes = web
    reached: dict[str, dict[str, int]] = {}
    first_levels: dict[str, set[str]] = {}
    assets: set[str] = set()
    for username in ROLES:
        browser = Browser(base_url)
        sign_in(browser, username)
        reached[username], role_assets, first_levels[username] = crawl(browser)
        assets |= role_assets
        assert len(first_levels[username]) >= 2, f"{username} reached almost nothing: {reached[username]}"
        broken = {path: status for path, status in reached[username].items() if status not in (200, 302)}
        assert not broken, (
            f"{username}: pages that do not answer 200: {broken}\n{processes.services['web'].output()[-4000:]}"
        )

    for username in ROLES:
        browser = Browser(base_url)
        sign_in(browser, username)
        own = set(reached[username])
        for other in ROLES:
            for path in sorted(first_levels[other] - own):
                status = browser.get(path).status_code
                assert status < 500, f"{username} opening {other}'s {path}: {status}"
                if username == "ung":  # a youth never sees a staff page
                    assert status in (302, 403, 404), f"ung opened {other}'s {path}: {status}"

    assert assets, "no stylesheet or script found"
    browser = Browser(base_url)
    sign_in(browser, "admin")  # the admin's translation catalogue is a view, not a file
    for asset in sorted(assets):
        response = browser.get(asset)
        assert response.status_code == 200, f"{asset}: {response.status_code}"
        if not asset.startswith("/static/"):
            continue
        assert HASHED_ASSET.match(asset), f"{asset} is not served under its hashed name"
        assert "immutable" in response.headers.get("Cache-Control", ""), f"{asset} not served by whitenoise"
