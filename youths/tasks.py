from celery import shared_task

from youths.retention import retention_run


@shared_task(name="youths.retention")
def apply_retention() -> dict:
    """Nightly: anonymise or trim the case files past their retention (youths/retention.py)."""
    done = retention_run()
    return {"anonymised": len(done.anonymise), "trimmed": len(done.trim)}
