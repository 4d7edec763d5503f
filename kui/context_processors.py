from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject

from kui import pwa


def site(request):
    return {"municipality_name": settings.KUI_MUNICIPALITY_NAME}


def navigation(request):
    """The main menu for the user's role, from settings.KUI_NAVIGATION (the
    apps' pages are wired in settings, so the core never imports them)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = []
    for url_name, label, roles in settings.KUI_NAVIGATION:
        if user.role not in roles and not (user.is_superuser and "administrator" in roles):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": False})
    # The current page is the item with the longest URL the path starts with
    # (so "My page" at /mig/ is not also active on /mig/plan/).
    matching = [item for item in items if request.path.startswith(item["url"]) and item["url"] != "/"]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["active"] = True
    return {"navigation": items}


def offline_queue(request):
    """The key that encrypts the signed-in user's offline contact queue on
    the device (kui/pwa.py, static/kui/offline.js)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"offline_key": SimpleLazyObject(lambda: pwa.offline_key(user))}
