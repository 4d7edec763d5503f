"""The public check of a certificate (/bevis/<code>/), where the QR code
leads. It confirms the holder's initials, the competences, the issuer, the
date and whether the certificate has been revoked — and nothing else: no
name, no evidence, no step, nothing about the youth effort's case file.

Every lookup, found or not, counts against the caller's per-minute limit;
an unknown code gets the same plain "not found" whatever its shape."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from kui.audit.middleware import client_ip
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from portfolio import verification
from portfolio.models import Certificate

VERIFY_PURPOSE = "public verification"


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _limited(request: HttpRequest) -> HttpResponse | None:
    if not verification.over_rate_limit(client_ip(request)):
        return None
    response = render(request, "portfolio/verify/limited.html", status=429)
    response["Retry-After"] = "60"
    return _private(response)


@require_GET
def verify_lookup(request: HttpRequest) -> HttpResponse:
    """A form to type a code from a printed certificate; sends on to /bevis/<code>/."""
    raw = request.GET.get("code", "").strip()
    if raw:
        code = verification.normalise(raw)
        if code:
            return redirect("portfolio:verify", code=code)
        return _private(render(request, "portfolio/verify/lookup.html", {"raw": raw, "invalid": True}, status=404))
    return _private(render(request, "portfolio/verify/lookup.html", {"raw": ""}))


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    limited = _limited(request)
    if limited is not None:
        return limited
    normalised = verification.normalise(code)
    certificate = (
        Certificate.objects.filter(verification_code=normalised)
        .select_related("youth", "issuer")
        .prefetch_related("competences")
        .first()
        if normalised
        else None
    )
    if certificate is None:
        return _private(render(request, "portfolio/verify/not_found.html", status=404))
    if normalised != code:
        return redirect("portfolio:verify", code=normalised)
    youth = certificate.youth
    # The holder may see in their data export that their certificate was checked (not by whom).
    audit_record(
        actor=None,
        action=AuditAction.READ,
        obj=certificate,
        subject_id=youth.public_id,
        purpose=VERIFY_PURPOSE,
        actor_label="verification page",
    )
    # Only these facts reach the template, so no later edit of it can leak more.
    return _private(
        render(
            request,
            "portfolio/verify/certificate.html",
            {
                "initials": verification.initials(youth.preferred_name or youth.first_name, youth.last_name),
                "competences": [competence.name for competence in certificate.competences.all()],
                "issuer": certificate.issuer.name,
                "issued_on": certificate.issued_on,
                "revoked_at": certificate.revoked_at,
                "code": certificate.display_code,
            },
        )
    )
