"""Responses with personal data must not be kept by browsers or proxies.

A case file opened on a shared municipal PC must not come back from the
browser's cache (or the back button) for the next person at that desk, nor
sit in a proxy. Every response to a signed-in user is `private, no-store`:
pages, HTMX partials, PDFs, exports and uploaded files alike, whatever the
view set. Anonymous responses get the same unless the view chose its own
caching (none with personal data does). Static files never reach this
middleware: WhiteNoise answers them earlier, with long caching.
"""

from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or not response.has_header("Cache-Control"):
            if response.has_header("Cache-Control"):
                del response["Cache-Control"]  # max-age or public set by a view must not survive beside no-store
            patch_cache_control(response, private=True, no_store=True)
        return response
