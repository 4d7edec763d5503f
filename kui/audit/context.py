"""The request behind the current audit events, without passing it around.

Services record audit events; they should not need the HTTP request for it.
The middleware puts who and from where into a context variable for the length
of one request (Celery tasks and commands run without one).
"""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditContext:
    ip_address: str | None
    path: str


_current: ContextVar[AuditContext | None] = ContextVar("kui_audit_context", default=None)


def current() -> AuditContext | None:
    return _current.get()


def bind(context: AuditContext):
    return _current.set(context)


def unbind(token) -> None:
    _current.reset(token)


# Refusals (404s) noticed during the request. The view's transaction is rolled
# back when it raises Http404 (ATOMIC_REQUESTS), so the middleware writes them
# after the view has returned, outside that transaction.
_denials: ContextVar[list | None] = ContextVar("kui_audit_denials", default=None)


def collect_denials():
    return _denials.set([])


def pending_denials() -> list | None:
    return _denials.get()


def stop_collecting(token) -> list:
    found = _denials.get() or []
    _denials.reset(token)
    return found
