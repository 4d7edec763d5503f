"""Aftercare (efterværn). Seed 001: "de skal ikke slippes, før man er sikker
på, at de kan fastholdes i job eller uddannelse". When a pathway ends in
education or a job, check-in contacts are scheduled some months after the
start (EffortLimits.aftercare_months, 3, 6 and 12 by default). A nightly job
gives the contact person a task a week before each; the check-in records
whether the youth is still there. A youth who has dropped out is back on
the board at once (active again, so the engine's "no next step" turns the
row red), and the later check-ins are cancelled: the case is open again.
The retention figures of the steering dashboard read these check-ins
(kui/dashboards/kpis.py).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kui.accounts.models import User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from kui.lib.dates import add_months, check_not_in_future
from pathways.models import AftercareCheckIn, Pathway, PathwayOutcome, Task
from youths.models import ContactPersonAssignment, EffortLimits, YouthStatus

# Leads to a job or an education: what aftercare follows up.
KEPT_OUTCOMES = {PathwayOutcome.EDUCATION, PathwayOutcome.JOB}
# The contact person's task to hold a check-in appears this many days before it is due.
TASK_DAYS_AHEAD = 7


def aftercare_schedule(*, pathway: Pathway) -> list[AftercareCheckIn]:
    """Called by pathway_close: check-ins for a pathway that ended in
    education or a job, counted from its end (the day the youth started)."""
    if pathway.outcome not in KEPT_OUTCOMES or pathway.ended_on is None:
        return []
    months = EffortLimits.current().aftercare_months
    return AftercareCheckIn.objects.bulk_create(
        [
            AftercareCheckIn(pathway=pathway, months=count, due_on=add_months(pathway.ended_on, count))
            for count in sorted(set(months))
        ],
        ignore_conflicts=True,
    )


def _back_on_board(check_in: AftercareCheckIn, by: User, on: datetime.date) -> None:
    """Dropped out during aftercare: active again at once, with a contact
    person (the one who held the check-in if nobody holds the thread)."""
    from youths import services as youth_services

    youth = check_in.pathway.youth
    AftercareCheckIn.objects.open().filter(pathway=check_in.pathway).update(cancelled_on=on)
    if not ContactPersonAssignment.objects.current().filter(youth=youth).exists():
        youth_services.contact_person_assign(
            youth=youth, by=by, contact_person=by, started_on=on, reason=_("Dropped out during aftercare")
        )
    if youth.status != YouthStatus.ACTIVE:
        youth_services.youth_change_status(
            youth=youth, by=by, to_status=YouthStatus.ACTIVE, changed_on=on, reason=_("Dropped out during aftercare")
        )


@transaction.atomic
def aftercare_check_in_record(
    *, check_in: AftercareCheckIn, by: User, held_on: datetime.date, still_there: bool | None, note: str = ""
) -> AftercareCheckIn:
    check_in = AftercareCheckIn.objects.select_for_update().select_related("pathway__youth").get(pk=check_in.pk)
    if check_in.held_on is not None or check_in.cancelled_on is not None:
        raise ValidationError(_("This check-in has already been recorded or cancelled."))
    check_not_in_future(held_on, "held_on")
    if held_on < check_in.pathway.ended_on:
        raise ValidationError({"held_on": _("A check-in cannot lie before the youth started.")})
    if still_there is None:
        raise ValidationError({"still_there": _("Say whether the youth is still in education or job.")})
    check_in.held_on, check_in.still_there, check_in.note, check_in.recorded_by = held_on, still_there, note, by
    check_in.full_clean(exclude=["pathway", "recorded_by", "task"])
    check_in.save(update_fields=["held_on", "still_there", "note", "recorded_by"])
    youth = check_in.pathway.youth
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=check_in,
        subject_id=youth.public_id,
        fields=["held_on", "still_there", "note"],
    )
    if check_in.task_id:
        Task.objects.filter(pk=check_in.task_id, done_at__isnull=True).update(done_at=timezone.now())
    if not still_there:
        _back_on_board(check_in, by, held_on)
    from pathways import engine

    engine.scan(youth_ids=[youth.pk])
    return check_in


def aftercare_tasks_create(today: datetime.date | None = None) -> int:
    """The nightly job: a task for each check-in due within a week that has
    none yet, for the youth's current contact person. Claimed row by row
    with a conditional update, so two runs never make two tasks. Returns how
    many tasks were made."""
    from pathways.services import task_create

    today = today or timezone.localdate()
    due = (
        AftercareCheckIn.objects.open()
        .filter(task__isnull=True, due_on__lte=today + datetime.timedelta(days=TASK_DAYS_AHEAD))
        .select_related("pathway__youth")
    )
    made = 0
    for check_in in due:
        youth = check_in.pathway.youth
        assignment = ContactPersonAssignment.objects.current_for(youth)
        if assignment is None or not assignment.contact_person.is_active:
            continue  # nobody to ask yet: tried again tomorrow
        with transaction.atomic():
            if not AftercareCheckIn.objects.filter(pk=check_in.pk, task__isnull=True).select_for_update().exists():
                continue
            owner = assignment.contact_person
            with translation.override(settings.LANGUAGE_CODE):  # a stored title: in the municipality's language
                title = _("Aftercare: check in with the youth (%(months)s months after the start, due %(day)s)") % {
                    "months": check_in.months,
                    "day": formats.date_format(check_in.due_on, "SHORT_DATE_FORMAT"),
                }
            task = task_create(youth=youth, by=owner, owner=owner, title=title, due_on=max(check_in.due_on, today))
            AftercareCheckIn.objects.filter(pk=check_in.pk).update(task=task)
            made += 1
    return made
