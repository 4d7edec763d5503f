from django.conf import settings
from django.http import Http404

from kui.audit import context, subjects


def client_ip(request) -> str | None:
    """The caller's address. X-Forwarded-For is written by the client too, so
    only the hops added by our own proxies (KUI_TRUSTED_PROXIES of them, counted
    from the right) are believed; without proxies REMOTE_ADDR is the client."""
    proxies = settings.KUI_TRUSTED_PROXIES
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if proxies and len(hops) >= proxies:
        return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    """Binds who and from where for the services' audit calls, and makes sure
    every response that showed a data subject is in the trail: the youths
    loaded while answering that no audit call of the request already named
    are recorded as one read, listing their public ids."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The path only: query strings may hold search words and never belong in the trail.
        token = context.bind(context.AuditContext(ip_address=client_ip(request), path=request.path[:300]))
        seen_token = subjects.start()
        denials = context.collect_denials()
        try:
            response = self.get_response(request)
            seen = subjects.finish(seen_token)
            seen_token = None
            self._record_unrecorded(request, response, seen)
            return response
        finally:
            if seen_token is not None:
                subjects.finish(seen_token)

            from kui.audit.services import audit_denials_write

            audit_denials_write(context.stop_collecting(denials))
            context.unbind(token)

    def process_exception(self, request, exception):
        """A view that refused with 404 without going through an access helper
        (a plain get_object_or_404, a role check, a lookup within a youth)
        still leaves a trace: the ids the URL asked for, never any value."""
        if isinstance(exception, Http404):
            _deny_url_ids(request)
        return None

    @staticmethod
    def _record_unrecorded(request, response, seen) -> None:
        from kui.audit.models import AuditAction
        from kui.audit.services import audit_record

        user = getattr(request, "user", None)
        missed = seen.shown - seen.recorded if seen else set()
        if not missed or response.status_code >= 400 or user is None or not user.is_authenticated:
            return
        audit_record(
            actor=user,
            action=AuditAction.READ,
            subject_id=next(iter(missed)) if len(missed) == 1 else None,
            subjects=missed,
            purpose="page",
        )


def _deny_url_ids(request) -> None:
    from kui.audit.services import audit_denied

    pending = context.pending_denials()
    match = getattr(request, "resolver_match", None)
    if pending or pending is None or match is None:
        return  # already recorded by an access helper, or outside a request
    ids = {name: value for name, value in match.kwargs.items() if name.endswith("_id")}
    if not ids:
        return  # a page refused to a role, not an object
    # The innermost parameter names the object asked for; the event's path holds the rest.
    innermost = list(ids)[-1]
    audit_denied(actor=getattr(request, "user", None), model=None, lookup={innermost: ids[innermost]})
    pending[-1]["fields"] = sorted(ids)
