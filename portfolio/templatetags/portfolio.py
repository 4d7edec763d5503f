from django import template
from django.utils.safestring import SafeString

from portfolio import verification
from portfolio.selectors import certificates_of, completed_steps

register = template.Library()


@register.filter
def qr_svg(certificate) -> SafeString:
    """{{ certificate|qr_svg }}: the certificate's QR code as inline SVG."""
    return verification.qr_svg(certificate.verification_code)


@register.filter
def verification_url(certificate) -> str:
    return verification.verification_url(certificate.verification_code)


@register.simple_tag
def portfolio_summary(youth) -> dict:
    """{% portfolio_summary youth as portfolio %} — the profile's portfolio
    card: certificates, completed steps still without one, and reflections
    (read only for staff)."""
    certified = set(youth.certificates.values_list("step_id", flat=True))
    return {
        "certificates": list(certificates_of(youth)[:5]),
        "uncertified_steps": [step for step in completed_steps(youth) if step.pk not in certified][:3],
        "reflection_count": youth.reflections.count(),
        "has_login": youth.user_id is not None,
    }
