"""What django-axes stores about failed logins, and from where.

Danes type their CPR number into a username field surprisingly often. Axes
keeps the username of every failed attempt, so a CPR-shaped username is
replaced by a keyed hash before it is stored or compared: the lockout still
counts per typed value, and the trail never holds the number.
"""

import hashlib
import hmac
import re

from django.conf import settings

from kui.audit.middleware import client_ip

CPR_SHAPED = re.compile(r"\d{6}-?\d{4}")


def mask_username(username: str) -> str:
    username = (username or "")[:150]
    if CPR_SHAPED.search(username):
        digest = hmac.new(settings.KUI_CPR_KEY.encode(), username.encode(), hashlib.sha256).hexdigest()[:16]
        return f"cpr-masked-{digest}"
    return username


def username_for_lockout(request, credentials) -> str:
    """AXES_USERNAME_CALLABLE: the typed username, masked."""
    username = ""
    if credentials:
        username = credentials.get("username") or credentials.get("login") or ""
    if not username and request is not None and request.method == "POST":
        username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    return mask_username(str(username).strip().lower())


def client_ip_for_lockout(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: the same address the audit trail believes."""
    return client_ip(request) or "0.0.0.0"  # nosec B104  # a placeholder address for lockout counting, not a bind


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a Danish page (429) saying how long to wait."""
    from django.shortcuts import render

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"lockout_minutes": minutes}, status=429)
