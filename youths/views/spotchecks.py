"""The data-protection coordinator's spot checks (youths/spotchecks.py)."""

import csv
import datetime
import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kui.accounts.models import User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from youths import spotchecks
from youths.models import SpotCheckConclusion

KIND_LABELS = {
    spotchecks.Kind.OUTSIDE_CASELOAD: gettext_lazy("Outside caseload and team"),
    spotchecks.Kind.BREAK_GLASS: gettext_lazy("Break-the-glass access"),
    spotchecks.Kind.MANY_YOUTHS: gettext_lazy("Many youths within an hour"),
    spotchecks.Kind.OUT_OF_HOURS: gettext_lazy("Outside working hours"),
}


class SpotCheckFilter(forms.Form):
    since = forms.DateField(label=gettext_lazy("From date"), widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=gettext_lazy("To date"), widget=forms.DateInput(attrs={"type": "date"}))
    actor = forms.ModelChoiceField(label=gettext_lazy("User"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, organisation_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = User.objects.filter(organisation_id=organisation_id)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise ValidationError(_("The period must end after it starts."))
        return data


def _reviewer(request: HttpRequest) -> User:
    if not spotchecks.may_review(request.user):
        raise Http404
    return request.user


def _filtered(request: HttpRequest):
    user = _reviewer(request)
    today = timezone.localdate()
    data = (
        request.GET
        if request.GET
        else {"since": (today - datetime.timedelta(days=30)).isoformat(), "until": today.isoformat()}
    )
    form = SpotCheckFilter(data, organisation_id=user.organisation_id)
    rows = []
    if form.is_valid():
        actor = form.cleaned_data["actor"]
        rows = spotchecks.findings(
            organisation_id=user.organisation_id,
            since=form.cleaned_data["since"],
            until=form.cleaned_data["until"],
            actor_id=actor.pk if actor else None,
        )
        audit_record(
            actor=user,
            action=AuditAction.READ,
            purpose="audit spot check",
            subjects={row.youth_id for row in rows if row.youth_id},
        )
    for row in rows:
        row.label = KIND_LABELS[row.kind]
    return user, form, rows


def _table(rows) -> list[list[str]]:
    header = [_("When"), _("Who"), _("Check"), _("Youth (public id)"), _("Team"), _("Detail"), _("Page")]
    body = [
        [
            timezone.localtime(row.event.at).strftime("%d.%m.%Y %H:%M"),
            row.event.actor_label,
            str(row.label),
            row.youth_id,
            row.team,
            row.detail,
            row.event.path,
        ]
        for row in rows
    ]
    return [header, *body]


@login_required
def spot_checks(request: HttpRequest) -> HttpResponse:
    _user, form, rows = _filtered(request)
    return render(
        request,
        "youths/spotchecks.html",
        {"form": form, "rows": rows, "query": request.GET.urlencode(), "month": timezone.localdate().replace(day=1)},
    )


def _safe(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas."""
    return f"'{value}" if value[:1] in {"=", "+", "-", "@"} else value


@login_required
def spot_checks_csv(request: HttpRequest) -> HttpResponse:
    _user, _form, rows = _filtered(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for line in _table(rows):
        writer.writerow([_safe(cell) for cell in line])
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename="stikproever.csv")
    return response


@login_required
def spot_checks_pdf(request: HttpRequest) -> HttpResponse:
    from kui.lib.pdf import render_pdf  # WeasyPrint is slow to import: only when a PDF is made

    _user, form, rows = _filtered(request)
    table = _table(rows)
    pdf = render_pdf("youths/pdf/spotchecks.html", {"header": table[0], "body": table[1:], "form": form})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename="stikproever.pdf")
    return response


class SignOffForm(forms.Form):
    conclusion = forms.ChoiceField(label=gettext_lazy("Conclusion"), choices=SpotCheckConclusion.choices)


def _month(raw: str | None) -> datetime.date:
    try:
        return datetime.datetime.strptime(raw or "", "%Y-%m").date()
    except ValueError:
        return timezone.localdate().replace(day=1)


@login_required
def monthly_sample(request: HttpRequest) -> HttpResponse:
    """GET shows (drawing it the first time) the month's sample; POST signs it off."""
    user = _reviewer(request)
    month = _month(request.GET.get("month") or request.POST.get("month"))
    sample = spotchecks.sample_draw(by=user, month=month)
    form = SignOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            spotchecks.sample_sign_off(sample=sample, by=user, conclusion=form.cleaned_data["conclusion"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The sample is signed off."))
        return redirect(f"{request.path}?month={month:%Y-%m}")
    events = list(spotchecks.sample_events(sample))
    audit_record(
        actor=user,
        action=AuditAction.READ,
        obj=sample,
        purpose="audit spot check",
        subjects={e.subject_id for e in events},
    )
    return render(
        request, "youths/spotcheck_sample.html", {"sample": sample, "events": events, "form": form, "month": month}
    )
