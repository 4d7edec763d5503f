"""Partnership agreements (samarbejdsaftaler): parties and their
commitments, signing and review dates, and the signed document, which is
stored outside the web root and served only here, to people who may see the
agreement."""

import datetime

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kui.accounts.models import Role
from kui.lib.access import role_required, visible_or_404
from kui.lib.forms import saved_or_form_errors
from partners import services
from partners.documents import notice_paths_in_file_names
from partners.forms import AgreementForm, CommitmentsForm, DocumentForm
from partners.models import AgreementDocument, AgreementParty, PartnershipAgreement
from partners.views import only_get, register_editors, register_readers

REVIEW_SOON_DAYS = 60
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
agreement_readers = role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD, Role.ADMINISTRATOR, Role.STEERING)


def _agreement(user, agreement_id) -> PartnershipAgreement:
    return visible_or_404(PartnershipAgreement.objects.select_related("owner"), user, public_id=agreement_id)


def _editable_agreement(user, agreement_id) -> PartnershipAgreement:
    return get_object_or_404(PartnershipAgreement.objects.editable_by(user), public_id=agreement_id)


def _detail_url(agreement: PartnershipAgreement) -> str:
    return reverse("partners:agreement_detail", args=[agreement.public_id])


@register_readers
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    agreements = (
        PartnershipAgreement.objects.visible_to(request.user).select_related("owner").prefetch_related("parties")
    )
    today = timezone.localdate()
    context = {
        "agreements": agreements,
        "review_soon": today + datetime.timedelta(days=REVIEW_SOON_DAYS),
        "today": today,
        "may_edit": request.user.is_administrator or request.user.is_team_lead,
    }
    return render(request, "partners/agreement_list.html", context)


def _detail_page(request, agreement: PartnershipAgreement, document_form=None) -> HttpResponse:
    may_edit = PartnershipAgreement.objects.editable_by(request.user).filter(pk=agreement.pk).exists()
    context = {
        "agreement": agreement,
        "parties": agreement.party_rows.select_related("organisation"),
        "documents": agreement.documents.select_related("uploaded_by"),
        "bodies": agreement.bodies.all(),
        "may_edit": may_edit,
        "document_form": document_form or DocumentForm(),
    }
    return render(request, "partners/agreement_detail.html", context)


@agreement_readers
def agreement_detail(request: HttpRequest, agreement_id) -> HttpResponse:
    agreement = _agreement(request.user, agreement_id)
    return only_get(request) or _detail_page(request, agreement)


def _form_page(request, form, title: str, back: str) -> HttpResponse:
    return render(request, "partners/form.html", {"form": form, "title": title, "back": back})


@register_editors
def agreement_create(request: HttpRequest) -> HttpResponse:
    form = AgreementForm(request.POST or None, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.agreement_create(
                    by=request.user, parties=form.cleaned_data["parties"], **form.agreement_fields()
                ),
                success=_("The partnership agreement has been created."),
                then=lambda agreement: _detail_url(agreement),
            )
        )
    ):
        return done
    return _form_page(request, form, _("New partnership agreement"), reverse("partners:agreement_list"))


@register_editors
def agreement_edit(request: HttpRequest, agreement_id) -> HttpResponse:
    agreement = _editable_agreement(request.user, agreement_id)
    form = AgreementForm(request.POST or None, instance=agreement, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.agreement_update(
                    agreement=agreement,
                    by=request.user,
                    parties=form.cleaned_data["parties"],
                    **form.agreement_fields(),
                ),
                success=_("Changes saved."),
                then=_detail_url(agreement),
            )
        )
    ):
        return done
    return _form_page(request, form, _("Edit partnership agreement"), _detail_url(agreement))


@register_editors
def party_commitments(request: HttpRequest, agreement_id, organisation_id) -> HttpResponse:
    agreement = _editable_agreement(request.user, agreement_id)
    party = get_object_or_404(
        AgreementParty.objects.editable_by(request.user).select_related("organisation", "agreement"),
        agreement=agreement,
        organisation__public_id=organisation_id,
    )
    form = CommitmentsForm(request.POST or None, initial={"commitments": party.commitments})
    if request.method == "POST" and form.is_valid():
        services.party_commitments_update(party=party, by=request.user, **form.cleaned_data)
        messages.success(request, _("Changes saved."))
        return redirect(_detail_url(agreement))
    title = _("Commitments of %(party)s") % {"party": party.organisation}
    return _form_page(request, form, title, _detail_url(agreement))


@notice_paths_in_file_names
@register_editors
@require_POST
def document_upload(request: HttpRequest, agreement_id) -> HttpResponse:
    agreement = _editable_agreement(request.user, agreement_id)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid() and (
        done := saved_or_form_errors(
            request,
            form,
            lambda: services.agreement_document_add(
                agreement=agreement,
                by=request.user,
                upload=form.cleaned_data["file"],
                name_had_path=bool(request.file_names_with_path),
            ),
            success=_("The document has been uploaded."),
            then=_detail_url(agreement),
        )
    ):
        return done
    return _detail_page(request, agreement, document_form=form)


@agreement_readers
def document_download(request: HttpRequest, document_id) -> HttpResponse:
    document = visible_or_404(AgreementDocument, request.user, public_id=document_id)
    if not_allowed := only_get(request):
        return not_allowed
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=CONTENT_TYPES.get(document.kind, "application/octet-stream"),
    )
