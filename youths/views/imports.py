"""Importing a caseload from a spreadsheet: upload → preview → confirm.

The upload is validated and shown without saving anything. Only a file
without errors is kept (encrypted, see youths.importer) for the confirm step,
which reads it again and imports every row or none. The session holds only
the random token naming the kept file, never a row of it.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from kui.accounts.models import Role
from kui.lib.access import role_required
from youths import importer

SESSION_KEY = "youth_import"


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most 2 MB and %(rows)s rows. The first row holds the column headers.") % {
            "rows": number_format(importer.MAX_ROWS, force_grouping=True)
        }

    def clean_file(self):
        """Reads the whole file into a Table, or a form error saying why not."""
        upload = self.cleaned_data["file"]
        if upload.size > importer.MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 2 MB; split it into smaller files."))
        try:
            self.kind = importer.file_kind(upload.name)
            self.content = upload.read()
            self.table = importer.read_table(self.kind, self.content)
        except importer.ImportFileError as error:
            raise ValidationError(str(error)) from None
        return upload


def _require_organisation(request: HttpRequest) -> None:
    if not request.user.organisation_id:
        raise Http404


def _forget_stash(request: HttpRequest) -> None:
    stashed = request.session.pop(SESSION_KEY, None)
    if stashed:
        importer.stash_discard(stashed.get("token", ""))


def _render_preview(request: HttpRequest, preview: importer.ImportPreview) -> HttpResponse:
    context = {"preview": preview, "rows": preview.rows, "errors": preview.errors}
    return render(request, "youths/import_preview.html", context)


@role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD)
def import_upload(request: HttpRequest) -> HttpResponse:
    _require_organisation(request)
    form = SpreadsheetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _forget_stash(request)
        preview = importer.validate_table(form.table, by=request.user)
        if preview.is_valid:
            token = importer.stash_upload(form.content)
            request.session[SESSION_KEY] = {"token": token, "kind": form.kind, "user": request.user.pk}
        return _render_preview(request, preview)
    context = {"form": form, "columns": importer.COLUMNS}
    return render(request, "youths/import_upload.html", context)


def _stashed_table(request: HttpRequest):
    """The table kept at the upload step, or None if it is gone or not this user's."""
    stashed = request.session.get(SESSION_KEY) or {}
    if stashed.get("user") != request.user.pk:
        return None
    content = importer.stash_load(stashed.get("token", ""))
    if content is None:
        return None
    try:
        return importer.read_table(stashed.get("kind", ""), content)
    except importer.ImportFileError:
        return None


@role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD)
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    _require_organisation(request)
    table = _stashed_table(request)
    if table is None:
        _forget_stash(request)
        messages.error(request, _("The uploaded file is no longer available; upload it again."))
        return redirect("youths:import")
    # Validate again: someone may have registered one of the youths meanwhile.
    preview = importer.validate_table(table, by=request.user)
    try:
        if not preview.is_valid:
            return _render_preview(request, preview)
        youths = importer.import_rows(preview=preview, by=request.user)
    except (ValidationError, IntegrityError):
        messages.error(request, _("Nothing was imported: a row could not be saved. Upload the file again to see why."))
        return redirect("youths:import")
    finally:
        _forget_stash(request)
    messages.success(
        request,
        ngettext("%(count)d youth was imported.", "%(count)d youths were imported.", len(youths))
        % {"count": len(youths)},
    )
    return redirect("youths:board")
