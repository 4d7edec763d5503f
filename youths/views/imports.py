"""Importing a caseload from a spreadsheet: upload → preview → confirm →
progress.

The upload is validated and shown without saving anything. Only a file
without errors is kept (encrypted, see youths.importer) for the confirm step,
which queues a background job that checks it again and imports every row or
none, while the progress page polls. The session holds only the public id of
the kept import, never a row of it.
"""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kui.accounts.models import Role
from kui.lib.access import role_required
from youths import importer
from youths.models import ImportStatus, YouthImport

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


def _forget_pending(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if isinstance(pending, str):
        importer.import_discard(public_id=_uuid(pending), by=request.user)


def _uuid(text) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(text))
    except ValueError:
        return None


def _render_preview(request: HttpRequest, preview: importer.ImportPreview) -> HttpResponse:
    context = {"preview": preview, "rows": preview.rows, "errors": preview.errors}
    return render(request, "youths/import_preview.html", context)


@role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD)
def import_upload(request: HttpRequest) -> HttpResponse:
    _require_organisation(request)
    form = SpreadsheetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _forget_pending(request)
        preview = importer.validate_table(form.table, by=request.user)
        if preview.is_valid:
            youth_import = importer.import_prepare(table=form.table, by=request.user)
            request.session[SESSION_KEY] = str(youth_import.public_id)
        return _render_preview(request, preview)
    context = {"form": form, "columns": importer.COLUMNS}
    return render(request, "youths/import_upload.html", context)


@role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD)
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    _require_organisation(request)
    public_id = _uuid(request.session.pop(SESSION_KEY, None))
    youth_import = (
        importer.import_queue(public_id=public_id, by=request.user, language=request.LANGUAGE_CODE)
        if public_id
        else None
    )
    if youth_import is None:
        messages.error(request, _("The uploaded file is no longer available; upload it again."))
        return redirect("youths:import")
    return redirect("youths:import_progress", import_id=youth_import.public_id)


@role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD)
def import_progress(request: HttpRequest, import_id) -> HttpResponse:
    """How the import is going; HTMX asks again every second until it is
    done and swaps in the partial. Only the uploader sees it (404 otherwise)."""
    _require_organisation(request)
    youth_import = get_object_or_404(YouthImport, public_id=import_id, created_by=request.user)
    done = importer.import_progress(youth_import)
    context = {
        "youth_import": youth_import,
        "done": done,
        "ImportStatus": ImportStatus,
        "problems": youth_import.problems,
    }
    if request.htmx:
        return render(request, "youths/includes/_import_progress.html", context)
    return render(request, "youths/import_progress.html", context)
