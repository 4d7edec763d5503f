"""Referral deadlines: a partner answers a referral within a number of
working days (EffortLimits.referral_answer_working_days, 5 by default,
public holidays skipped). The deadline is set when the referral is made; a
pending referral past it is overdue (ReferralQuerySet.overdue), shown so on
the partner's and the case file's pages, and the nightly job tells the
contact person once: a task on their list (which turns into a flag on the
board if it is left) and an e-mail without the youth's name."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kui.accounts.models import User
from partners import notifications
from partners.models import Referral
from youths.models import ContactPersonAssignment, EffortLimits


def answer_deadline(referred_on: datetime.date) -> datetime.date:
    return EffortLimits.current().referral_answer_deadline(referred_on)


def _who_is_told(referral: Referral) -> User | None:
    """The contact person who referred, while they still work on the case;
    otherwise the youth's current contact person."""
    youth = referral.youth
    referrer = referral.referred_by
    if referrer.is_active and referrer.does_casework and referrer.organisation_id == youth.organisation_id:
        return referrer
    assignment = ContactPersonAssignment.objects.current_for(youth)
    if assignment and assignment.contact_person.is_active and assignment.contact_person.does_casework:
        return assignment.contact_person
    return None


def _tell(referral: Referral, today: datetime.date) -> bool:
    from pathways.services import task_create

    with transaction.atomic():
        claimed = Referral.objects.filter(pk=referral.pk, overdue_told_at__isnull=True).update(
            overdue_told_at=timezone.now()
        )
        if not claimed:
            return False  # a concurrent run told them
        person = _who_is_told(referral)
        if person is None:
            return True  # nobody holds the thread: the "no contact person" flag goes to the team lead
        with translation.override(settings.LANGUAGE_CODE):  # a stored title: in the municipality's language
            title = _("%(partner)s has not answered the referral to %(offer)s (due %(day)s)") % {
                "partner": referral.offer.organisation,
                "offer": referral.offer.title,
                "day": formats.date_format(referral.answer_by, "SHORT_DATE_FORMAT"),
            }
        task_create(youth=referral.youth, by=person, owner=person, title=title[:200], due_on=today)
        notifications.referral_overdue(referral, person)
    return True


def overdue_referrals_tell(today: datetime.date | None = None) -> int:
    """The nightly job: tell the contact person of each referral that has
    become overdue and was not told of yet. Returns how many were told."""
    today = today or timezone.localdate()
    overdue = (
        Referral.objects.overdue(today)
        .filter(overdue_told_at__isnull=True)
        .select_related("youth", "offer__organisation", "referred_by")
    )
    return sum(1 for referral in overdue if _tell(referral, today))
