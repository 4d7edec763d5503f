"""The installable app's shell (kui/pwa.py): manifest, icons, favicon, the
service worker at the site's root, the offline page, and logging out wiping
what the site kept in the browser."""

import json
import re

import pytest
from django.contrib.staticfiles import finders

from tests.youths.factories import youth_in_caseload

pytestmark = pytest.mark.django_db


def _static_exists(url: str) -> bool:
    return finders.find(url.removeprefix("/static/")) is not None


def test_the_manifest_names_the_app_in_danish_with_icons_that_exist(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "KUI – ungeindsatsen · Demo Kommune"
    assert manifest["short_name"] == "KUI"
    assert manifest["lang"] == "da"
    assert manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])
    assert all(_static_exists(icon["src"]) for icon in manifest["icons"])


def test_every_page_links_the_manifest_and_an_icon(client, alice):
    client.force_login(alice)
    html = client.get("/unge/").content.decode()
    for link in ('rel="manifest" href="/manifest.webmanifest"', 'rel="icon"', 'rel="apple-touch-icon"'):
        assert link in html
    icon = re.search(r'rel="icon" href="([^"]+)"', html).group(1)
    assert _static_exists(icon)


def test_favicon_ico_is_never_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert _static_exists(response["Location"])


def test_the_service_worker_is_served_from_the_root_under_the_csp(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    script = response.content.decode()
    assert 'var OFFLINE_URL = "/offline/"' in script
    files = json.loads(re.search(r"var FILES = (\[.*?\]);", script).group(1))
    assert files[0] == "/offline/"
    assert all(_static_exists(url) for url in files[1:])
    # Only navigations and the offline page's own files are answered; nothing else is cached.
    assert "cache.put" not in script


def test_the_offline_page_is_danish_and_says_nothing_about_anyone(client, alice):
    youth = youth_in_caseload(alice, first_name="Oliver")
    client.force_login(alice)
    response = client.get("/offline/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Intet netværk</h1>" in html
    assert "venter på denne enhed" in html
    for private in (alice.username, alice.first_name, str(alice.public_id), youth.first_name, "csrfmiddlewaretoken"):
        assert private not in html


def test_a_signed_in_page_carries_a_per_user_offline_key(client, alice, bob):
    keys = []
    for user in (alice, bob, alice):
        client.force_login(user)
        html = client.get("/unge/").content.decode()
        keys.append(re.search(r'data-offline-key="([^"]+)"', html).group(1))
    assert keys[0] == keys[2] != keys[1]
    assert len(__import__("base64").b64decode(keys[0])) == 32  # an AES-256 key


def test_a_signed_out_page_carries_no_offline_key(client):
    html = client.get("/konto/login/").content.decode()
    assert "data-offline-key" not in html
    assert 'id="offline-queue"' not in html


def test_logging_out_wipes_the_site_data_in_the_browser(client, alice):
    client.force_login(alice)
    response = client.post("/konto/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"storage"'
