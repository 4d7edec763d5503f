"""PDFs from Django templates (WeasyPrint), for the papers a youth takes home.

The renderer never reaches the network or the server's file system: a
template's data is typed in by people, so an <img src="http://…"> or
"file:///etc/passwd" in it must not be fetched. Only our own static files are
served to WeasyPrint, read from disk through the staticfiles finders.

WeasyPrint takes ~0.6 s to import: views import this module inside the
function that makes the PDF, so ordinary requests and start-up stay fast.
"""

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in the HTML ("/static/…") resolve against this base. The host
# is reserved (.invalid, RFC 2606): nothing is ever fetched from it.
INTERNAL_BASE_URL = "https://kui.invalid/"
_INTERNAL_HOST = urlsplit(INTERNAL_BASE_URL).netloc


class BlockedURL(ValueError):
    """A PDF asked for something outside our own static files."""


def static_file_path(url: str) -> Path | None:
    """The file on disk behind a /static/… URL of ours, or None."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != _INTERNAL_HOST:
        return None
    path = unquote(parts.path)
    if not path.startswith(settings.STATIC_URL):
        return None
    name = path[len(settings.STATIC_URL) :]
    if not name or posixpath.normpath(name) != name or name.startswith(("/", "..")):
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    # In production {% static %} names a hashed copy that only STATIC_ROOT holds.
    try:
        collected = Path(staticfiles_storage.path(name))
    except NotImplementedError:  # pragma: no cover - a storage without local files
        return None
    return collected if collected.is_file() else None


class StaticOnlyFetcher(URLFetcher):
    """Serves our static files and inline data: URLs; refuses the rest."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = static_file_path(url)
        if path is None:
            raise BlockedURL(f"PDF rendering does not fetch {url[:100]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def css_string(text: str) -> SafeString:
    """`text` as a quoted CSS string, safe to put inside a <style> element
    (where HTML escaping does not apply)."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    return mark_safe(f'"{escaped}"')  # nosec B308, B703  # the text is escaped for a CSS string just above


def page_counter_css() -> SafeString:
    """CSS `content` for "Page X of Y" in the language of the request."""
    label = gettext("Page %(page)s of %(pages)s")
    before, _, rest = label.partition("%(page)s")
    middle, _, after = rest.partition("%(pages)s")
    return mark_safe(f"{css_string(before)} counter(page) {css_string(middle)} counter(pages) {css_string(after)}")  # nosec B308, B703  # built from css_string() values only


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=INTERNAL_BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf()


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    """Render a template extending "pdf/base.html" to PDF bytes (A4, DejaVu
    Sans, the municipality's name in the header, page numbers below)."""
    context = {
        "municipality_name": settings.KUI_MUNICIPALITY_NAME,
        "pdf_page_counter": page_counter_css(),
        **context,
    }
    return html_to_pdf(render_to_string(template_name, context, request=request))
