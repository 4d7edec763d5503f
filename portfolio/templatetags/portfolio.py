from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString

from pathways.models import Step
from portfolio import disclosure, verification
from portfolio.selectors import certificates_of, completed_steps

register = template.Library()


@register.filter
def qr_svg(certificate) -> SafeString:
    """{{ certificate|qr_svg }}: the certificate's QR code as inline SVG."""
    return verification.qr_svg(certificate.verification_code)


@register.filter
def verification_url(certificate) -> str:
    return verification.verification_url(certificate.verification_code)


@register.filter
def certificate_place(certificate) -> str:
    """Where the competence was shown ("Praktik på lager, Lagerhuset Nord,
    1.9.–3.10.2026"), or "" when naming the step would reveal a health or
    social fact (portfolio/disclosure.py)."""
    step = certificate.step
    if disclosure.step_reveals(step):
        return ""
    place = f"{step.title}, {step.partner}" if step.partner else step.title
    if step.ends_on:
        span = f"{date_format(step.starts_on, 'SHORT_DATE_FORMAT')}–{date_format(step.ends_on, 'SHORT_DATE_FORMAT')}"
        place = f"{place} ({span})"
    return place


@register.simple_tag
def portfolio_summary(youth) -> dict:
    """{% portfolio_summary youth as portfolio %} — the profile's portfolio
    card: certificates, completed steps still without one, and reflections
    (read only for staff)."""
    certified = set(youth.certificates.values_list("step_id", flat=True))
    finishing = Step.objects.awaiting_outcome_for(youth, timezone.localdate())
    if finishing is not None and (
        finishing.step_type in disclosure.NOT_CERTIFIABLE_STEP_TYPES or finishing.pk in certified
    ):
        finishing = None
    return {
        # The step being finished now: complete it and issue its certificate in one form.
        "finishing_step": finishing,
        "certificates": list(certificates_of(youth)[:5]),
        "uncertified_steps": [step for step in completed_steps(youth) if step.pk not in certified][:3],
        "reflection_count": youth.reflections.count(),
        "has_login": youth.user_id is not None,
        "access_requests": list(youth.access_requests.open()),
        "today": timezone.localdate(),
    }
