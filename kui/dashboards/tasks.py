"""Celery tasks of the dashboards: thin, they call snapshots.py."""

import logging

from celery import shared_task

from kui.dashboards import periods, report, snapshots

logger = logging.getLogger(__name__)


@shared_task(name="dashboards.snapshot_month")
def snapshot_month(month: str = "") -> int:
    """Snapshots a finished month ("2026-03"; by default the one that just
    ended) for every scope. Beat runs it on the first of each month."""
    period = periods.parse(month) if month else None
    if month and (period is None or period.kind != periods.MONTH):
        raise ValueError(f"not a month: {month!r}")
    written = snapshots.snapshot_month(month=period)
    logger.info("dashboard snapshot %s: %s figures", month or "previous month", written)
    return written


@shared_task(name="dashboards.warm_cache")
def warm_cache() -> int:
    """Computes the landing dashboards ahead of the people who open them."""
    return report.warm()
