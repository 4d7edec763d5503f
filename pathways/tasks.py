"""Celery tasks of the pathways app: thin, they take ids (or nothing) and
call the engine or a service."""
import logging

from celery import shared_task

from pathways import engine

logger = logging.getLogger(__name__)


@shared_task(name="pathways.scan")
def scan_pathways() -> dict:
    result = engine.scan()
    logger.info("pathway scan: raised %s, resolved %s", result.raised, result.resolved)
    return {"raised": result.raised, "resolved": result.resolved}


@shared_task(name="pathways.scan_youth")
def scan_youth(youth_id: int) -> dict:
    result = engine.scan(youth_ids=[youth_id])
    return {"raised": result.raised, "resolved": result.resolved}
