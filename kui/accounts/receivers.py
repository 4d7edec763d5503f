"""Sign-in events that shape the session: when it began, whether it passed a
second factor, and ending all of a user's sessions when they log out or are
deactivated."""

from allauth.mfa.signals import authenticator_used
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from kui.accounts import second_factor, session_rules
from kui.accounts.lockout import mask_username
from kui.accounts.models import User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record

# Set on the request by the single sign-on adapter when the identity provider
# asserted a second factor (acr/amr); turned into session proof at login.
IDP_SECOND_FACTOR_ATTR = "_kui_idp_second_factor"


@receiver(user_logged_in)
def _session_started(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    session_rules.start(request.session)
    if getattr(request, IDP_SECOND_FACTOR_ATTR, False):
        second_factor.mark(request.session, user, "idp")


@receiver(user_logged_out)
def _all_sessions_end(sender, request, user, **kwargs):
    """Logging out on one device logs out everywhere: on a shared or lost
    device the user cannot know which of their sessions is still open."""
    if user is not None and not getattr(request, session_rules.EXPIRED_ATTR, False):
        stamp = timezone.now()
        User.objects.filter(pk=user.pk).update(sessions_ended_at=stamp)


@receiver(authenticator_used)
def _factor_used(sender, request, user, authenticator, **kwargs):
    if request is not None:
        second_factor.mark(request.session, user, authenticator.type)


@receiver(pre_save, sender=User)
def _deactivation_ends_sessions(sender, instance, **kwargs):
    if instance.pk is None or instance.is_active:
        return
    # Written straight away: a save with update_fields=["is_active"] must end them too.
    stamp = timezone.now()
    if User.objects.filter(pk=instance.pk, is_active=True).update(sessions_ended_at=stamp):
        instance.sessions_ended_at = stamp


@receiver(user_locked_out)
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    audit_record(
        actor=None, action=AuditAction.LOGIN_FAILED, actor_label=mask_username(username or ""), purpose="locked out"
    )
