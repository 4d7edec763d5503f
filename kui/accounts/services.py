"""Writes about users' sign-in: ending sessions, resetting factors, lifting
a lockout. Each is audited (who did it to whom; never a secret)."""

import datetime

from allauth.mfa.models import Authenticator
from axes.utils import reset as axes_reset
from django.db import transaction
from django.utils import timezone

from kui.accounts import second_factor, session_rules
from kui.accounts.lockout import mask_username
from kui.accounts.models import User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record


def user_sessions_end(*, user: User, by: User | None, reason: str, keep_session=None) -> datetime.datetime:
    """End every session of `user` (on every device). `keep_session`, if
    given, is the caller's own session, which goes on as a fresh one (a
    password change should not sign out the person who made it)."""
    ended_at = timezone.now()
    User.objects.filter(pk=user.pk).update(sessions_ended_at=ended_at)
    user.sessions_ended_at = ended_at
    if keep_session is not None:
        keep_session.cycle_key()
        session_rules.start(keep_session)
        keep_session[session_rules.SIGNED_IN_AT] = ended_at.timestamp() + 0.001
    audit_record(actor=by, action=AuditAction.LOGOUT, obj=user, fields=["sessions"], purpose=reason)
    return ended_at


@transaction.atomic
def user_factors_reset(*, user: User, by: User) -> int:
    """An administrator removes a user's TOTP and recovery codes (a lost
    phone); the user enrols again at their next sign-in. Their sessions end."""
    deleted, _ = Authenticator.objects.filter(user=user).delete()
    audit_record(actor=by, action=AuditAction.UPDATE, obj=user, fields=["second_factor"], purpose="two-factor reset")
    user_sessions_end(user=user, by=by, reason="two-factor reset")
    return deleted


def user_unlock(*, user: User, by: User) -> int:
    """Lift a lockout of the user's username (django-axes' failure records)."""
    removed = axes_reset(username=mask_username(user.username.lower()))
    audit_record(actor=by, action=AuditAction.UPDATE, obj=user, fields=["lockout"], purpose="lockout lifted")
    return removed


def second_factor_confirmed(*, session, user: User, how: str) -> None:
    second_factor.mark(session, user, how)
    if how == "enrolment":
        audit_record(actor=user, action=AuditAction.UPDATE, obj=user, fields=["second_factor"], purpose="enrolled")
