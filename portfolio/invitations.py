"""Inviting a youth to their own pages: the contact person sends a link, the
youth chooses a password, and is logged in.

The link is Django's password-reset token with its own salt, so a reset
link cannot be used as an invitation or the other way round. It stops
working once the password is set (the token covers the password hash) and
after PASSWORD_RESET_TIMEOUT (three days by default).
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kui.accounts.models import Role, User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from youths.models import Youth


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "portfolio.invitations.InvitationTokenGenerator"


invitation_tokens = InvitationTokenGenerator()


def invitation_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("portfolio:invitation_accept", args=[uid, invitation_tokens.make_token(user)])
    return settings.KUI_BASE_URL.rstrip("/") + path


def _login_for(youth: Youth) -> User:
    """The youth's login, made on the first invitation: role youth, no
    organisation, no usable password until the youth chooses one."""
    if youth.user_id is not None:
        if youth.user.role != Role.YOUTH:
            raise ValidationError(_("This youth is linked to a staff login and cannot be invited."))
        if youth.user.has_usable_password():
            # A set-password link to an edited e-mail address would hand the login to whoever owns it.
            raise ValidationError(
                _("The youth already has a password. They can reset it themselves from the login page.")
            )
        return youth.user
    username = youth.email.strip().lower()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"email": _("Another login already uses this e-mail address.")})
    user = User(
        username=username,
        email=username,
        first_name=youth.preferred_name or youth.first_name,
        last_name=youth.last_name,
        role=Role.YOUTH,
        organisation=None,
    )
    user.set_unusable_password()
    user.save()
    linked = Youth.objects.filter(pk=youth.pk, user__isnull=True).update(
        user=user,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not linked:
        raise ValidationError(_("Someone else invited this youth at the same time. Reload and try again."))
    youth.user = user
    return user


@transaction.atomic
def youth_invite(*, youth: Youth, by: User) -> User:
    """Send the invitation e-mail (after the transaction commits) and return
    the youth's login."""
    if not youth.email:
        raise ValidationError({"email": _("Add the youth's e-mail address to the case file first.")})
    user = _login_for(youth)
    if user.email != youth.email.strip().lower():
        User.objects.filter(pk=user.pk).update(email=youth.email.strip().lower())
        user.email = youth.email.strip().lower()
    context = {
        "youth": youth,
        "user": user,
        "url": invitation_url(user),
        "contact_person": by,
        "municipality_name": settings.KUI_MUNICIPALITY_NAME,
    }
    subject = render_to_string("portfolio/email/invitation_subject.txt", context).strip()
    body = render_to_string("portfolio/email/invitation.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=youth,
        subject_id=youth.public_id,
        fields=["user"],
        purpose="invitation to own pages",
    )
    return user
