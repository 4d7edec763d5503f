"""The certificate and portfolio PDFs.

A single certificate is one page and renders in a fraction of a second, so
it is made in the request. The whole portfolio can run to many pages: it is
rendered by a Celery task and kept in PortfolioPdf under a fingerprint of
everything that goes into it. When the data changes, the fingerprint
changes and the old PDF is simply never served again — no signal has to
remember to invalidate it. Without a worker (embedded mode) the portfolio
renders in the request, as everything else does there.
"""

import hashlib
import json
import time
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation

from kui.jobs.services import job_queue
from portfolio.models import Certificate, PdfStatus, PortfolioPdf
from portfolio.selectors import Portfolio, portfolio_for
from portfolio.tasks import render_portfolio_pdf
from youths.models import Youth

# Bump when the PDF templates change, so every cached PDF is made again.
TEMPLATE_VERSION = "2"
# A PDF still "being made" after this long is assumed lost with its worker.
STALE_AFTER = timedelta(minutes=2)


def _render(template_name: str, context: dict) -> bytes:
    from kui.lib.pdf import render_pdf  # WeasyPrint takes ~0.6 s to import: only load it when a PDF is made

    return render_pdf(template_name, {"logo": settings.KUI_MUNICIPALITY_LOGO, **context})


def certificate_pdf(certificate: Certificate) -> bytes:
    return _render("portfolio/pdf/certificate.html", {"certificate": certificate, "youth": certificate.youth})


def portfolio_pdf(portfolio: Portfolio) -> bytes:
    return _render("portfolio/pdf/portfolio.html", {"portfolio": portfolio, "youth": portfolio.youth})


def _certificate_facts(certificate: Certificate) -> list:
    step = certificate.step
    return [
        certificate.pk,
        certificate.verification_code,
        certificate.issued_on,
        certificate.evidence,
        certificate.revoked_at,
        certificate.issuer.name,
        step.title,
        step.partner.name if step.partner else "",
        [(competence.name, competence.description) for competence in certificate.competences.all()],
    ]


def fingerprint(portfolio: Portfolio, language: str) -> str:
    """A hash of every fact the portfolio PDF prints, and of what shapes it."""
    youth, assignment = portfolio.youth, portfolio.assignment
    person = assignment.contact_person if assignment else None
    facts = {
        "template": TEMPLATE_VERSION,
        "language": language,
        "printed_on": portfolio.printed_on,
        "municipality": settings.KUI_MUNICIPALITY_NAME,
        "logo": settings.KUI_MUNICIPALITY_LOGO,
        "base_url": settings.KUI_BASE_URL,
        "youth": [youth.first_name, youth.preferred_name, youth.last_name],
        "contact_person": person
        and [
            person.get_full_name(),
            person.phone,
            person.email,
            assignment.role,
            person.organisation.name if person.organisation else "",
        ],
        "certificates": [_certificate_facts(c) for c in portfolio.certificates],
        "courses": [
            [s.pk, s.title, s.step_type, s.starts_on, s.ends_on, s.outcome, s.partner.name if s.partner else ""]
            for s in portfolio.courses
        ],
        "reflections": [[r.pk, r.kind, r.text, r.written_at, r.reached_on] for r in portfolio.reflections],
        "prior_learning": [
            [p.pk, p.title, p.source, p.evidence, p.assessed_on, [c.name for c in p.competences.all()]]
            for p in portfolio.prior_learning
        ],
        "pathways_reached": [[p.pk, p.outcome, p.ended_on] for p in portfolio.pathways_reached],
    }
    return hashlib.sha256(json.dumps(facts, default=str, sort_keys=True).encode()).hexdigest()


def runs_in_request() -> bool:
    """Embedded mode (no broker): tasks would run eagerly anyway."""
    from kui.celery_app import app

    return bool(app.conf.task_always_eager)


def portfolio_pdf_render(*, youth: Youth, language: str) -> PortfolioPdf:
    """Render the portfolio as it is now and store it (the task's work)."""
    with translation.override(language):
        portfolio = portfolio_for(youth)
        key = fingerprint(portfolio, language)
        ready = PortfolioPdf.objects.filter(youth=youth, fingerprint=key, status=PdfStatus.READY).first()
        if ready is not None:
            return ready
        started = time.perf_counter()
        content = portfolio_pdf(portfolio)
        seconds = time.perf_counter() - started
    now = timezone.now()
    row, _created = PortfolioPdf.objects.update_or_create(
        youth=youth,
        fingerprint=key,
        defaults={"status": PdfStatus.READY, "content": content, "rendered_at": now, "render_seconds": seconds},
        create_defaults={
            "status": PdfStatus.READY,
            "content": content,
            "rendered_at": now,
            "render_seconds": seconds,
            "requested_at": now,
        },
    )
    # Older copies can go; a copy another request still waits for stays until it is stale.
    PortfolioPdf.objects.filter(youth=youth).exclude(pk=row.pk).exclude(
        status=PdfStatus.PENDING, requested_at__gte=now - STALE_AFTER
    ).delete()
    return row


def _queue(youth: Youth, language: str) -> None:
    """With the broker down the job waits in the outbox and the page keeps
    showing progress; it is rendered once Redis is back (kui/jobs)."""
    job_queue(task=render_portfolio_pdf, args=[youth.pk, language])


def portfolio_pdf_request(*, youth: Youth, language: str, retry_failed: bool = True) -> PortfolioPdf:
    """The current portfolio PDF: from the cache if the data is unchanged,
    made now in embedded mode, or queued for the worker (status pending).
    A failed one is queued again only when asked (a person pressed "try
    again"), never by the page polling for progress."""
    key = fingerprint(portfolio_for(youth), language)
    # The PDF itself is loaded only if someone reads row.content (the download), not on every poll.
    row = PortfolioPdf.objects.filter(youth=youth, fingerprint=key).defer("content").first()
    if row is not None and row.status == PdfStatus.READY:
        return row
    if runs_in_request():
        return portfolio_pdf_render(youth=youth, language=language)
    now = timezone.now()
    if row is None:
        row, created = PortfolioPdf.objects.get_or_create(
            youth=youth, fingerprint=key, defaults={"requested_at": now, "status": PdfStatus.PENDING}
        )
        if created:
            _queue(youth, language)
        return row
    stale = row.status == PdfStatus.PENDING and row.requested_at < now - STALE_AFTER
    if stale or (retry_failed and row.status == PdfStatus.FAILED):
        PortfolioPdf.objects.filter(pk=row.pk).update(status=PdfStatus.PENDING, requested_at=now)
        row.status, row.requested_at = PdfStatus.PENDING, now
        _queue(youth, language)
    return row
