from django.conf import settings

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
