"""The installable web app: the manifest, the icons' favicon, the service
worker and the offline page it shows.

The service worker is deliberately small. It keeps only the offline page and
the files that page needs; every other page comes from the network or not at
all, so no case file is ever kept on a phone and no page pretends to work
without a connection. Navigations that fail get the honest offline page.
Contacts logged without a network wait on the device in static/kui/offline.js
(encrypted with the user's offline key below), not in the service worker.

It is served from the site's root (not /static/) so that its scope is the
whole site, and rendered as a template so that it names the production file
names of the static files (hashed by ManifestStaticFilesStorage).
"""

import base64
import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

THEME_COLOUR = "#0b4f6c"  # --kui-primary in static/kui/kui.css

# What the offline page needs, kept by the service worker.
OFFLINE_FILES = ["vendor/bootstrap/bootstrap.min.css", "kui/kui.css", "kui/icons/favicon.svg"]


def offline_key(user) -> str:
    """The key that encrypts this user's offline queue on the device. Derived
    from the server's secret and the user, so it reaches the phone only in
    that user's own signed-in pages: another person signing in on the same
    device gets another key and cannot read what waits there."""
    digest = salted_hmac("kui.offline-queue", str(user.public_id), algorithm="sha256").digest()
    return base64.b64encode(digest).decode()


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    icons = [
        {"src": static("kui/icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
        {"src": static("kui/icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
        {
            "src": static("kui/icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    body = {
        "name": _("KUI – the youth effort · %(municipality)s") % {"municipality": settings.KUI_MUNICIPALITY_NAME},
        "short_name": "KUI",
        "description": _("Case work in the municipal youth effort."),
        "lang": "da",
        "start_url": reverse("landing"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": icons,
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    offline_url = reverse("offline")
    files = [offline_url, *(static(name) for name in OFFLINE_FILES)]
    # A new version whenever a kept file's name (its hash in production) or the page's language changes.
    version = hashlib.sha256(" ".join(files).encode()).hexdigest()[:12]
    script = render_to_string("kui/sw.js", {"files": files, "offline_url": offline_url, "version": version})
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    # The browser must ask for a new worker each time it checks, never keep an old one.
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """The page the service worker shows when a page cannot be fetched. It
    says nothing about anyone: it is kept on the device."""
    response = render(request, "kui/offline.html")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on their own (a PDF, a JSON answer)."""
    response = redirect(static("kui/icons/favicon.ico"), permanent=True)
    response["Cache-Control"] = "public, max-age=86400"
    return response
