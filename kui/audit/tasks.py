from celery import shared_task

from kui.audit.services import audit_prune


@shared_task(name="audit.prune")
def prune_audit_trail() -> int:
    """Nightly: drop audit events past the retention period (one DELETE)."""
    return audit_prune()
