from kui.audit import context


def client_ip(request) -> str | None:
    """The caller's address. Behind the reverse proxy the first hop of
    X-Forwarded-For is the client; REMOTE_ADDR is used otherwise."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    candidate = forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR")
    return candidate or None


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The path only: query strings may hold search words and never belong in the trail.
        token = context.bind(context.AuditContext(ip_address=client_ip(request), path=request.path[:300]))
        try:
            return self.get_response(request)
        finally:
            context.unbind(token)
