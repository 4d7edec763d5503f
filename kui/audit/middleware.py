from django.conf import settings

from kui.audit import context


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
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The path only: query strings may hold search words and never belong in the trail.
        token = context.bind(context.AuditContext(ip_address=client_ip(request), path=request.path[:300]))
        denials = context.collect_denials()
        try:
            return self.get_response(request)
        finally:
            from kui.audit.services import audit_denials_write

            audit_denials_write(context.stop_collecting(denials))
            context.unbind(token)
