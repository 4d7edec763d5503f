"""Celery tasks of the partners app: thin, they call the reminders."""

from celery import shared_task


@shared_task(name="partners.send_agreement_review_reminders")
def send_agreement_review_reminders() -> int:
    from partners import reminders

    return reminders.send_agreement_review_reminders()


@shared_task(name="partners.tell_overdue_referrals")
def tell_overdue_referrals() -> int:
    from partners import deadlines

    return deadlines.overdue_referrals_tell()
