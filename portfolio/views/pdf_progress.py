"""The portfolio PDF as three small views, shared by the youth's and the
staff's pages: a page that shows progress (HTMX polls its status partial
every second while a worker renders), the status partial, and the
download. In embedded mode the PDF is made inside the first request, so the
page is ready at once and the download link downloads."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from portfolio import pdfs
from portfolio.models import PdfStatus
from youths.models import Youth


def pdf_response(content: bytes, name: str) -> HttpResponse:
    """No person's name in the file name: it ends up in download folders
    and browser histories."""
    response = HttpResponse(bytes(content), content_type="application/pdf")
    filename = f"{name}-{timezone.localdate().isoformat()}.pdf"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _status_context(row, urls: dict) -> dict:
    seconds = int((timezone.now() - row.requested_at).total_seconds()) if row.requested_at else 0
    return {"pdf": row, "urls": urls, "waited": max(seconds, 0), "PdfStatus": PdfStatus}


def progress_page(request: HttpRequest, youth: Youth, urls: dict, template: str, extra: dict) -> HttpResponse:
    row = pdfs.portfolio_pdf_request(youth=youth, language=get_language())
    return render(request, template, {**extra, **_status_context(row, urls)})


def status_partial(request: HttpRequest, youth: Youth, urls: dict) -> HttpResponse:
    row = pdfs.portfolio_pdf_request(youth=youth, language=get_language(), retry_failed=False)
    response = render(request, "portfolio/includes/_pdf_status.html", _status_context(row, urls))
    patch_cache_control(response, no_store=True)
    return response


def download(request: HttpRequest, youth: Youth, urls: dict) -> HttpResponse:
    """The PDF if it is ready (always, in embedded mode); otherwise the page
    that shows it being made."""
    row = pdfs.portfolio_pdf_request(youth=youth, language=get_language())
    if row.status != PdfStatus.READY:
        return redirect(urls["page"])
    audit_record(
        actor=request.user, action=AuditAction.EXPORT, obj=youth, subject_id=youth.public_id, purpose="portfolio PDF"
    )
    return pdf_response(row.content, _("portfolio"))
