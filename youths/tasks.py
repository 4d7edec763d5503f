"""Celery tasks of the case file: thin, they take ids and call the services."""

from celery import shared_task

from youths.retention import retention_run


@shared_task(name="youths.import_run")
def import_run(import_id: int) -> int:
    """Imports a confirmed spreadsheet (youths.models.YouthImport); returns
    how many youths were imported (0 when nothing was)."""
    from youths import importer  # the importer queues this task: imported here, not at the top

    youth_import = importer.import_run(import_id=import_id)
    return youth_import.imported_count if youth_import else 0


@shared_task(name="youths.retention")
def apply_retention() -> dict:
    """Nightly: anonymise or trim the case files past their retention (youths/retention.py)."""
    done = retention_run()
    return {"anonymised": len(done.anonymise), "trimmed": len(done.trim)}
