"""The review reminder for partnership agreements, without nagging: the
owner gets one e-mail per agreement and review date, some weeks before the
date. Moving the review date arms a new reminder (the claim compares the
date last reminded of with the current one)."""

import datetime
import logging
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partners.models import PartnershipAgreement

logger = logging.getLogger(__name__)


def _claim(agreement: PartnershipAgreement) -> bool:
    """Mark this review date as reminded, unless a concurrent run did."""
    return bool(
        PartnershipAgreement.objects.filter(pk=agreement.pk)
        .exclude(review_reminded_for=F("review_on"))
        .update(review_reminded_for=F("review_on"))
    )


def _send(agreement: PartnershipAgreement) -> bool:
    """Claim and send in one transaction: if the mail server refuses, the
    claim is rolled back and tomorrow's run tries again."""
    owner = agreement.owner
    url = settings.KUI_BASE_URL.rstrip("/") + reverse("partners:agreement_detail", args=[agreement.public_id])
    try:
        with transaction.atomic():
            if not _claim(agreement):
                return False
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Partnership agreement up for review: %(title)s") % {"title": agreement.title}
                body = render_to_string(
                    "partners/email/agreement_review.txt", {"agreement": agreement, "owner": owner, "url": url}
                )
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [owner.email])
    except (SMTPException, OSError):
        logger.warning("review reminder for agreement %s not sent; retried at the next run", agreement.pk)
        return False
    return True


def send_agreement_review_reminders(today: datetime.date | None = None) -> int:
    """Remind owners of the agreements due for review; returns how many
    e-mails went out."""
    today = today or timezone.localdate()
    due = (
        PartnershipAgreement.objects.due_for_review_reminder(today, settings.KUI_AGREEMENT_REVIEW_REMINDER_DAYS)
        .filter(owner__is_active=True)
        .exclude(owner__email="")
        .select_related("owner")
    )
    return sum(1 for agreement in due if _send(agreement))
