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
