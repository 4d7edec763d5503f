"""How long a signed-in session lives.

Three rules, checked on every request by SessionLifetimeMiddleware:
- idle: no request for KUI_SESSION_IDLE_MINUTES ends the session;
- absolute: KUI_SESSION_MAX_HOURS after signing in it ends whatever happens;
- ended by the user's record: a session that began before
  `User.sessions_ended_at` is over (log out everywhere, logout, password
  change, factor reset, deactivation). The timestamp lives on the user, not in
  the session store, so it works with any session backend and re-activation
  cannot revive an old session.
"""

from django.conf import settings
from django.utils import timezone

SIGNED_IN_AT = "kui_signed_in_at"
LAST_SEEN_AT = "kui_last_seen_at"
# Set on the request when a session ends by these rules, so that logging it out
# does not end the user's other sessions as an explicit logout does.
EXPIRED_ATTR = "_kui_session_expired"
# The session's last-seen time is written at most this often (seconds), so a
# page with many HTMX requests does not write the session on each of them.
LAST_SEEN_RESOLUTION = 60


def now_ts() -> float:
    return timezone.now().timestamp()


def start(session) -> None:
    """Called when a user signs in (user_logged_in)."""
    stamp = now_ts()
    session[SIGNED_IN_AT] = stamp
    session[LAST_SEEN_AT] = stamp


def expiry_reason(session, user) -> str | None:
    """Why this session must end now ("idle", "absolute", "ended"), or None."""
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT, signed_in_at)
    if signed_in_at is None:
        return "ended"  # not started through a sign-in kui saw
    now = now_ts()
    if user.sessions_ended_at is not None and signed_in_at <= user.sessions_ended_at.timestamp():
        return "ended"
    if now - signed_in_at > settings.KUI_SESSION_MAX_HOURS * 3600:
        return "absolute"
    if now - last_seen_at > settings.KUI_SESSION_IDLE_MINUTES * 60:
        return "idle"
    return None


def touch(session) -> None:
    now = now_ts()
    if now - session.get(LAST_SEEN_AT, 0) >= LAST_SEEN_RESOLUTION:
        session[LAST_SEEN_AT] = now
