"""Celery tasks of the partners app: thin, they call the reminders."""

from celery import shared_task


@shared_task(name="partners.send_agreement_review_reminders")
def send_agreement_review_reminders() -> int:
    from partners import reminders

    return reminders.send_agreement_review_reminders()
