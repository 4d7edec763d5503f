"""Plan reviews (Randers: "opfølgning på planen"): the plan is looked at
again with the youth on a cadence set per support level, every 4–8 weeks by
default (SupportLevelThreshold.review_every_weeks, edited at /unge/graenser/).

The one home of when a review is due: `review_due_on` for one pathway (the
plan page) and `overdue_pathways` for all of them (the engine's flag), the
same rule — the last review, or the pathway's start if none, plus the
support level's weeks; past that day the review is overdue.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DateField, Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from kui.accounts.models import User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from kui.lib.dates import check_not_in_future
from pathways.models import Pathway, PlanReview
from youths.case_dates import check_case_date
from youths.models import SupportLevelThreshold


def review_due_on(pathway: Pathway, weeks: dict[str, int] | None = None) -> datetime.date:
    """The day by which the plan must be reviewed again."""
    weeks = weeks or SupportLevelThreshold.review_weeks()
    last = pathway.reviews.aggregate(last=Max("held_on"))["last"] or pathway.started_on
    return last + datetime.timedelta(weeks=weeks[pathway.youth.support_level])


def overdue_pathways(today: datetime.date) -> QuerySet:
    """Active pathways whose review day (as in `review_due_on`) lies before today."""
    pathways = Pathway.objects.active().annotate(
        last_review=Coalesce(Max("reviews__held_on"), "started_on", output_field=DateField())
    )
    overdue = Q(pk__in=[])
    for level, weeks in SupportLevelThreshold.review_weeks().items():
        overdue |= Q(youth__support_level=level, last_review__lt=today - datetime.timedelta(weeks=weeks))
    return pathways.filter(overdue)


@transaction.atomic
def plan_review_record(
    *, pathway: Pathway, by: User, held_on: datetime.date, youth_words: str, participants: str
) -> PlanReview:
    """Record a held review: when, what the youth said in their own words,
    and who took part. The youth's overdue flag goes at once."""
    youth = pathway.youth
    if pathway.ended_on is not None:
        raise ValidationError(_("The pathway is closed; start a new one to review a plan."))
    check_not_in_future(held_on, "held_on")
    if held_on < pathway.started_on:
        raise ValidationError({"held_on": _("A review cannot lie before the pathway started.")})
    check_case_date(youth, held_on, field="held_on")
    errors = {}
    if not youth_words.strip():
        errors["youth_words"] = _("Write what the youth said about the plan, in their own words.")
    if not participants.strip():
        errors["participants"] = _("Write who took part in the review.")
    if errors:
        raise ValidationError(errors)
    review = PlanReview(
        pathway=pathway,
        held_on=held_on,
        youth_words=youth_words.strip(),
        participants=participants.strip(),
        recorded_by=by,
    )
    review.full_clean(exclude=["pathway", "recorded_by"])
    review.save()
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        obj=review,
        subject_id=youth.public_id,
        fields=["held_on", "youth_words", "participants"],
    )
    from pathways import engine

    engine.scan(youth_ids=[youth.pk])
    return review
