"""E-mails that tell someone a partner's case moved: a referral waits for
the partner's answer, the partner answered, a partner sent a message.

They are queued with transaction.on_commit, so nobody is told of a referral
or a message that was rolled back, and a mail server that refuses is logged
(robust) instead of undoing what was saved. E-mail leaves the system: no
youth's name and no free text, only the organisation and a link behind the
login.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kui.accounts.models import Role, User

logger = logging.getLogger(__name__)


def _url(path: str) -> str:
    return settings.KUI_BASE_URL.rstrip("/") + path


def _queue(recipients: list[User], subject: str, template: str, context: dict) -> None:
    addresses = sorted({user.email for user in recipients if user.is_active and user.email})
    if not addresses:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = str(subject), render_to_string(template, context)

    def send() -> None:
        for address in addresses:  # one mail each: partners never see each other's addresses
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])

    transaction.on_commit(send, robust=True)


def referral_waiting(referral) -> None:
    """Tell the partner's staff that a referral waits for their answer."""
    organisation = referral.offer.organisation
    staff = list(User.objects.filter(organisation=organisation, role=Role.PARTNER_STAFF))
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("KUI: a referral to %(offer)s waits for your answer") % {"offer": referral.offer.title}
    context = {"offer": referral.offer, "url": _url(reverse("partners:referral_answer", args=[referral.public_id]))}
    _queue(staff, subject, "partners/email/referral_waiting.txt", context)


def referral_answered(referral, *, by: User) -> None:
    """Tell the contact person who referred that the partner has answered
    (not when they recorded the partner's answer themselves)."""
    if by.pk == referral.referred_by_id:
        return
    organisation = referral.offer.organisation
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("KUI: %(partner)s has answered a referral") % {"partner": organisation}
    context = {
        "offer": referral.offer,
        "partner": organisation,
        "url": _url(reverse("partners:referral_answer", args=[referral.public_id])),
    }
    _queue([referral.referred_by], subject, "partners/email/referral_answered.txt", context)


def partner_message_sent(message) -> None:
    """Tell the contact person that a partner wrote about one of their youths."""
    if message.recipient is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("KUI: a message from %(partner)s") % {"partner": message.organisation}
    url = _url(reverse("youths:profile", args=[message.youth.public_id]) + "#h-partners")
    context = {"partner": message.organisation, "url": url}
    _queue([message.recipient], subject, "partners/email/partner_message.txt", context)


def referral_overdue(referral, person: User) -> None:
    """Tell the contact person that a partner has not answered in time."""
    organisation = referral.offer.organisation
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("KUI: %(partner)s has not answered a referral in time") % {"partner": organisation}
    context = {
        "offer": referral.offer,
        "partner": organisation,
        "answer_by": referral.answer_by,
        "url": _url(reverse("partners:referral_answer", args=[referral.public_id])),
    }
    _queue([person], subject, "partners/email/referral_overdue.txt", context)
