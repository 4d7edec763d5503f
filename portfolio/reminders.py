"""Reminders to the youth: an SMS and/or an e-mail before a step starts (the
day before by default, up to a week), and a personal calendar feed (iCal)
behind an unguessable address the youth can revoke.

What a reminder may say is decided here, once: a neutral title ("Næste
skridt", "Aftale med din kontaktperson"), the date and a link to /mig/. Never
the step's title, its partner, a note, a theme or a CPR number: a text on a
lock screen or in a shared calendar must not tell anyone what the youth is
doing (a treatment, a substance-use centre …). `_checked` refuses any text
that still looks like a CPR number.

The job (`reminders_send`, Celery task `portfolio.send_youth_reminders`,
daily at 16:00) is idempotent: each reminder is claimed in `ReminderSent`
(unique per step, date and channel) before it is sent, so a second run or a
second worker sends nothing twice. A message the gateway refuses gives its
claim back and is tried at the next run.
"""

import datetime
import hmac
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kui.accounts.models import User
from kui.audit.models import AuditAction
from kui.audit.services import audit_event, audit_record, audit_record_many
from kui.lib import sms
from pathways.models import Step, StepType
from portfolio.models import REMINDER_DAYS_BEFORE_MAX, ReminderChannel, ReminderSent, ReminderSettings
from portfolio.services import _require_own
from youths.models import Youth, YouthStatus

CPR_SHAPE = re.compile(r"\d{6}-?\d{4}")
CALENDAR_DAYS_BACK = 30  # the feed keeps last month's steps, so a calendar does not empty at once


# --- What a reminder says -------------------------------------------------------


def neutral_title(step: Step) -> str:
    """The only name a step has outside kui."""
    if step.step_type == StepType.CONVERSATION:
        return _("Appointment with your contact person")
    return _("Next step")


def _checked(text: str) -> str:
    if CPR_SHAPE.search(text):
        raise ValueError("a reminder must not carry a CPR number")
    return text


def _when(on_date: datetime.date, today: datetime.date) -> str:
    day = formats.date_format(on_date, "l j. F")
    if on_date == today + datetime.timedelta(days=1):
        return _("tomorrow, %(day)s") % {"day": day}
    return day


def reminder_text(*, youth: Youth, step: Step, on_date: datetime.date, today: datetime.date) -> str:
    return _checked(
        _("Hi %(name)s. A reminder: %(when)s you have: %(title)s. See your plan at %(url)s")
        % {
            "name": youth.preferred_name or youth.first_name,
            "when": _when(on_date, today),
            "title": neutral_title(step),
            "url": f"{settings.KUI_BASE_URL}/mig/plan/",
        }
    )


# --- The youth's choices --------------------------------------------------------


def settings_of(youth: Youth) -> ReminderSettings:
    """The youth's settings, or the unsaved defaults (everything off)."""
    found = ReminderSettings.objects.filter(youth=youth).first()
    return found or ReminderSettings(youth=youth)


def _check_choices(*, youth: Youth, by_sms: bool, number: str | None, raw_number: str, by_email: bool, days_before):
    errors = {}
    if by_sms and not sms.available():
        errors["by_sms"] = _("Reminders by SMS are not available yet. Choose e-mail or the calendar.")
    elif by_sms and number is None:
        errors["sms_number"] = (
            _("Write a Danish mobile number with eight digits.")
            if raw_number.strip()
            else _("Write your mobile number.")
        )
    if by_email and not youth.email:
        errors["by_email"] = _("We have no e-mail address for you. Ask your contact person to add it.")
    if not 1 <= days_before <= REMINDER_DAYS_BEFORE_MAX:
        errors["days_before"] = _("Choose between 1 and %(most)s days before.") % {"most": REMINDER_DAYS_BEFORE_MAX}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def reminder_settings_update(
    *, youth: Youth, by: User, by_sms: bool, sms_number: str, by_email: bool, days_before: int
) -> ReminderSettings:
    """Only the youth turns their reminders on or off."""
    _require_own(youth, by)
    number = sms.normalise_number(sms_number)
    _check_choices(
        youth=youth, by_sms=by_sms, number=number, raw_number=sms_number, by_email=by_email, days_before=days_before
    )
    choice = ReminderSettings.objects.select_for_update().filter(youth=youth).first() or ReminderSettings(youth=youth)
    if by_sms and not choice.by_sms:
        choice.sms_stopped_at = None  # turned on again on /mig/ after a STOP
    choice.by_sms, choice.by_email, choice.days_before = by_sms, by_email, days_before
    choice.sms_number = number or (choice.sms_number if not by_sms else "")
    choice.full_clean(exclude=["youth"])
    choice.save()
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=choice,
        subject_id=youth.public_id,
        fields=["by_sms", "sms_number", "by_email", "days_before"],
    )
    return choice


@transaction.atomic
def calendar_feed_renew(*, youth: Youth, by: User) -> ReminderSettings:
    """A new secret address for the calendar; the old one stops working."""
    _require_own(youth, by)
    choice = ReminderSettings.objects.select_for_update().filter(youth=youth).first() or ReminderSettings(youth=youth)
    choice.calendar_token = secrets.token_urlsafe(32)
    choice.save()
    audit_record(actor=by, action=AuditAction.UPDATE, obj=choice, subject_id=youth.public_id, fields=["calendar"])
    return choice


@transaction.atomic
def calendar_feed_revoke(*, youth: Youth, by: User) -> ReminderSettings:
    _require_own(youth, by)
    choice = settings_of(youth)
    if choice.pk is not None and choice.calendar_token:
        choice.calendar_token = None
        choice.save(update_fields=["calendar_token", "updated_at"])
        audit_record(actor=by, action=AuditAction.UPDATE, obj=choice, subject_id=youth.public_id, fields=["calendar"])
    return choice


def sms_answer_received(*, number: str, text: str) -> bool:
    """An answer by SMS (the gateway's webhook): STOP turns SMS reminders
    off for that number. Anything else is ignored. True if something stopped."""
    normalised = sms.normalise_number(number)
    if normalised is None or text.strip().upper().rstrip(".!") != "STOP":
        return False
    stopped = []
    with transaction.atomic():
        for choice in ReminderSettings.objects.select_for_update().filter(sms_number=normalised, by_sms=True):
            choice.by_sms, choice.sms_stopped_at = False, timezone.now()
            choice.save(update_fields=["by_sms", "sms_stopped_at", "updated_at"])
            stopped.append(choice)
        audit_record_many(
            audit_event(
                actor=None,
                actor_label="SMS",
                action=AuditAction.UPDATE,
                obj=choice,
                subject_id=Youth.objects.values_list("public_id", flat=True).get(pk=choice.youth_id),
                fields=["by_sms"],
                purpose="SMS STOP",
            )
            for choice in stopped
        )
    return bool(stopped)


def inbound_secret_matches(given: str) -> bool:
    expected = settings.KUI_SMS_INBOUND_SECRET
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


# --- The job --------------------------------------------------------------------


def due(today: datetime.date) -> list[tuple[ReminderSettings, Step, str]]:
    """(settings, step, channel) for every reminder that should go out today
    and has not: steps of an active pathway, open, starting `days_before`
    days from today. One query per distinct `days_before` (at most seven)."""
    chosen = ReminderSettings.objects.filter(youth__status=YouthStatus.ACTIVE).exclude(by_sms=False, by_email=False)
    found = []
    for days in sorted(set(chosen.values_list("days_before", flat=True))):
        on_date = today + datetime.timedelta(days=days)
        steps = (
            Step.objects.open()
            .in_active_pathway()
            .filter(starts_on=on_date, pathway__youth__reminder_settings__in=chosen.filter(days_before=days))
            .select_related("pathway__youth__reminder_settings")
            .order_by("pk")
        )
        sent = set(ReminderSent.objects.filter(on_date=on_date, step__in=steps).values_list("step_id", "channel"))
        for step in steps:
            choice = step.pathway.youth.reminder_settings
            for channel, wanted in ((ReminderChannel.SMS, choice.by_sms), (ReminderChannel.EMAIL, choice.by_email)):
                if wanted and (step.pk, channel) not in sent:
                    found.append((choice, step, channel))
    return found


def _claim(step: Step, channel: str) -> ReminderSent | None:
    try:
        with transaction.atomic():
            return ReminderSent.objects.create(
                youth_id=step.pathway.youth_id, step=step, on_date=step.starts_on, channel=channel
            )
    except IntegrityError:  # another run got there first
        return None


def _deliver(choice: ReminderSettings, step: Step, channel: str, text: str, claim: ReminderSent) -> str:
    youth = step.pathway.youth
    if channel == ReminderChannel.SMS:
        return sms.send_sms(to=choice.sms_number, text=text, reference=f"r{claim.pk}")
    send_mail(
        _("Reminder: %(title)s") % {"title": neutral_title(step)},
        text,
        settings.DEFAULT_FROM_EMAIL,
        [youth.email],
    )
    return ""


def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Send today's reminders; returns how many were sent and how many failed."""
    today = today or timezone.localdate()
    counts = {"sent": 0, "failed": 0}
    events = []
    with translation.override(settings.LANGUAGE_CODE):
        for choice, step, channel in due(today):
            claim = _claim(step, channel)
            if claim is None:
                continue
            youth = step.pathway.youth
            text = reminder_text(youth=youth, step=step, on_date=step.starts_on, today=today)
            try:
                claim.gateway_id = _deliver(choice, step, channel, text, claim)
            except (sms.SmsError, OSError):
                claim.delete()  # given back: the next run tries again
                counts["failed"] += 1
                continue
            claim.save(update_fields=["gateway_id"])
            counts["sent"] += 1
            events.append(
                audit_event(
                    actor=None,
                    actor_label="kui",
                    action=AuditAction.EXPORT,
                    obj=claim,
                    subject_id=youth.public_id,
                    purpose=f"reminder {channel}",
                )
            )
    if events:
        audit_record_many(events)
    return counts


# --- The calendar feed ----------------------------------------------------------


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def calendar_ics(*, youth: Youth, today: datetime.date) -> str:
    """The youth's open steps as all-day events, neutral titles only (RFC 5545)."""
    steps = (
        Step.objects.open()
        .in_active_pathway()
        .of_youth(youth)
        .filter(starts_on__gte=today - datetime.timedelta(days=CALENDAR_DAYS_BACK))
        .order_by("starts_on", "pk")
    )
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    description = _checked(_("See your plan at %(url)s") % {"url": f"{settings.KUI_BASE_URL}/mig/plan/"})
    calendar_name = _("My plan")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//kui//Min plan//DA",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ics_text(calendar_name)}",
    ]
    for step in steps:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{step.public_id}@kui",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{step.starts_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{step.starts_on + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(_checked(neutral_title(step)))}",
            f"DESCRIPTION:{_ics_text(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def feed_owner(token: str) -> Youth | None:
    """The youth behind a calendar address, or None (unknown or revoked)."""
    if not token or len(token) > 64:
        return None
    choice = ReminderSettings.objects.filter(calendar_token=token).select_related("youth").first()
    return choice.youth if choice else None
