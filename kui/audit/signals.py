import re

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from kui.audit.models import AuditAction
from kui.audit.services import audit_record

CPR_SHAPED = re.compile(r"\d{6}-?\d{4}")


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    audit_record(actor=user, action=AuditAction.LOGIN)


@receiver(user_logged_out)
def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action=AuditAction.LOGOUT)


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs):
    # The typed username is kept (it is how attacks are spotted), never the password;
    # Danes often type their CPR number as a username, so anything shaped like one is masked.
    username = CPR_SHAPED.sub("xxxxxx-xxxx", str(credentials.get("username", ""))[:150])
    audit_record(actor=None, action=AuditAction.LOGIN_FAILED, actor_label=username)
