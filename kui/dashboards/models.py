"""Monthly snapshots of the key figures.

The figures of a past month can be recomputed from the history, but history
gets corrected later (a status change entered with an old date, a pathway
outcome changed). The steering group's trend must show what was reported, so
on the first of each month the month that just ended is written down here,
per scope and breakdown, and never recomputed by the page.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class KpiSnapshot(models.Model):
    scope = models.CharField(_("scope"), max_length=40)  # "all", "org:3", "team:7" (see scopes.py)
    period_kind = models.CharField(_("period kind"), max_length=8, default="month")
    period_start = models.DateField(_("period start"))
    breakdown = models.CharField(_("breakdown"), max_length=16, blank=True)  # "" = the totals only
    kpi = models.CharField(_("key figure"), max_length=40)
    # {"groups": {key: {"label": str, "measure": [value, base, count]}}, "total": [value, base, count]}
    value = models.JSONField(_("value"))
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    class Meta:
        ordering = ["scope", "breakdown", "kpi", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "period_kind", "period_start", "breakdown", "kpi"],
                name="one_snapshot_per_figure",
            ),
        ]
        verbose_name = _("key figure snapshot")
        verbose_name_plural = _("key figure snapshots")

    def __str__(self) -> str:
        return f"{self.scope} {self.period_start:%Y-%m} {self.breakdown or '-'} {self.kpi}"
