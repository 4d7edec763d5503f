"""Celery tasks of the portfolio: thin, they take ids and call pdfs.py."""

from celery import shared_task

from portfolio.models import PdfStatus, PortfolioPdf


@shared_task(name="portfolio.render_portfolio_pdf")
def render_portfolio_pdf(youth_id: int, language: str = "da") -> str:
    """Render one youth's portfolio PDF into the cache; returns its fingerprint."""
    from portfolio import pdfs
    from youths.models import Youth

    youth = Youth.objects.filter(pk=youth_id).first()
    if youth is None:  # deleted meanwhile: nothing to make
        return ""
    try:
        return pdfs.portfolio_pdf_render(youth=youth, language=language).fingerprint
    except Exception:
        PortfolioPdf.objects.filter(youth_id=youth_id, status=PdfStatus.PENDING).update(status=PdfStatus.FAILED)
        raise


@shared_task(name="portfolio.send_youth_reminders")
def send_youth_reminders() -> dict:
    """Daily: the reminders of the steps the youths have asked to be reminded of."""
    from portfolio import reminders

    return reminders.reminders_send()
