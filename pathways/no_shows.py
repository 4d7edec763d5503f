"""No-shows (Roskilde): a contact that did not reach the youth, or a step
day the youth did not turn up for, is a miss. Each miss gives the youth's
contact person a follow-up task for the next working day; three misses in a
row — nobody reached the youth and they turned up nowhere since — raise the
"losing contact" flag, which the team lead is told of too
(pathways/engine.py `losing_contact`, pathways/reminders.py).

A reached contact clears the misses before it; a day the youth turned up
clears the misses up to that day. Youths' contact log reaches this module
through the case_changed signal (pathways/receivers.py); partners' attendance
calls it directly.
"""

import datetime

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kui.accounts.models import User
from kui.lib.dates import add_working_days, start_of_day
from pathways.models import NoShow, NoShowKind, Step
from youths.models import Contact, ContactPersonAssignment, Youth

MISSES_IN_A_ROW = 3


def follow_up_day(today: datetime.date | None = None) -> datetime.date:
    """The next working day (Danish public holidays skipped)."""
    return add_working_days(today or timezone.localdate(), 1)


def _reached_since(youth: Youth, missed_at: datetime.datetime) -> datetime.datetime | None:
    """A miss logged after the youth was in fact reached later does not start a row."""
    later = Contact.objects.filter(youth=youth, reached=True, happened_at__gt=missed_at).exists()
    return timezone.now() if later else None


def _follow_up_task(youth: Youth, by: User, title: str):
    from pathways.services import task_create

    assignment = ContactPersonAssignment.objects.current_for(youth)
    owner = assignment.contact_person if assignment else None
    if (
        owner is None
        or not owner.is_active
        or not owner.does_casework
        or owner.organisation_id != youth.organisation_id
    ):
        return None  # nobody holds the thread: the "no contact person" flag sends it to the team lead
    return task_create(youth=youth, by=by, owner=owner, title=title, due_on=follow_up_day())


@transaction.atomic
def contact_missed(*, contact: Contact) -> NoShow:
    """A contact marked "not reached" (once per contact)."""
    existing = NoShow.objects.filter(contact=contact).first()
    if existing is not None:
        return existing
    day = formats.date_format(timezone.localtime(contact.happened_at).date(), "SHORT_DATE_FORMAT")
    no_show = NoShow.objects.create(
        youth=contact.youth,
        kind=NoShowKind.NOT_REACHED,
        missed_at=contact.happened_at,
        contact=contact,
        cleared_at=_reached_since(contact.youth, contact.happened_at),
    )
    no_show.task = _follow_up_task(
        contact.youth, contact.logged_by, _("Follow up: the youth was not reached on %(day)s") % {"day": day}
    )
    no_show.save(update_fields=["task"])
    return no_show


@transaction.atomic
def step_day_missed(*, youth: Youth, step: Step, day: datetime.date, by: User) -> NoShow:
    """A step day the youth did not turn up for. Recording the same day
    again changes nothing; a day first marked attended, then corrected to
    missed, counts as a miss again."""
    missed_at = start_of_day(day)
    existing = NoShow.objects.filter(step=step, missed_at=missed_at).first()
    if existing is not None:
        if existing.cleared_at is not None:
            existing.cleared_at = None
            existing.save(update_fields=["cleared_at"])
        return existing
    no_show = NoShow.objects.create(
        youth=youth,
        kind=NoShowKind.STEP_DAY,
        missed_at=missed_at,
        step=step,
        cleared_at=_reached_since(youth, missed_at),
    )
    label = formats.date_format(day, "SHORT_DATE_FORMAT")
    no_show.task = _follow_up_task(
        youth, by, _("Follow up: the youth did not turn up for %(step)s on %(day)s") % {"step": step, "day": label}
    )
    no_show.save(update_fields=["task"])
    return no_show


def misses_clear(*, youth: Youth, before: datetime.datetime) -> int:
    """The youth was reached, or turned up: the misses before that no longer
    count as "in a row". Returns how many were cleared."""
    return NoShow.objects.filter(youth=youth, cleared_at__isnull=True, missed_at__lt=before).update(
        cleared_at=timezone.now()
    )


def _rescan(youth: Youth) -> None:
    from pathways import engine
    from pathways.models import FlagKind

    engine.scan(youth_ids=[youth.pk], kinds=[FlagKind.LOSING_CONTACT, FlagKind.OVERDUE_TASK])


def step_day_recorded(*, youth: Youth, step: Step, day: datetime.date, present: bool, by: User) -> None:
    """A partner's attendance for one step day (partners/services.py)."""
    if present:
        misses_clear(youth=youth, before=start_of_day(day + datetime.timedelta(days=1)))
    else:
        step_day_missed(youth=youth, step=step, day=day, by=by)
    _rescan(youth)


def contact_logged(*, contact: Contact) -> None:
    """What a new entry in the contact log means for the misses."""
    if contact.reached:
        misses_clear(youth=contact.youth, before=contact.happened_at)
    else:
        contact_missed(contact=contact)
