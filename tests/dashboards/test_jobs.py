"""Monthly snapshots (the beat job, idempotence, trends that survive edits) and the cache-warming job."""

import datetime

import pytest
from django.conf import settings
from django.core.management import call_command

from kui.dashboards import scopes, snapshots
from kui.dashboards.models import KpiSnapshot
from kui.dashboards.periods import MONTH, Period
from kui.dashboards.tasks import snapshot_month
from tests.dashboards.conftest import TODAY
from youths.models import StatusChange

MARCH = Period(MONTH, datetime.date(2026, 3, 1))


def march_active(scope_key="all") -> list:
    return KpiSnapshot.objects.get(scope=scope_key, period_start=MARCH.start, breakdown="", kpi="active").value["total"]


def test_it_writes_the_month_for_every_scope_and_breakdown(q1, team_a):
    written = snapshots.snapshot_month(month=MARCH, today=TODAY)
    scope_keys = set(KpiSnapshot.objects.values_list("scope", flat=True))
    assert {"all", f"team:{team_a.pk}"} <= scope_keys
    assert written == KpiSnapshot.objects.count() and march_active()[0] == 6


def test_running_it_twice_replaces_the_figures(q1):
    snapshots.snapshot_month(month=MARCH, today=TODAY)
    count = KpiSnapshot.objects.count()
    snapshots.snapshot_month(month=MARCH, today=TODAY)
    assert KpiSnapshot.objects.count() == count


def test_the_trend_survives_a_later_correction_of_the_history(q1, alice):
    snapshots.snapshot_month(month=MARCH, today=TODAY)
    StatusChange.objects.create(
        youth=q1["B"],
        from_status="active",
        to_status="withdrawn",
        changed_on=datetime.date(2026, 3, 10),
        reason="rettet",
        changed_by=alice,
    )
    [march] = snapshots.trend(scopes.partnership(), "", [MARCH])
    assert march.figures["active"]["*"].value == 6


def test_the_beat_job_snapshots_the_month_that_just_ended(q1, pinned_today):
    snapshot_month.apply()
    assert set(KpiSnapshot.objects.values_list("period_start", flat=True)) == {datetime.date(2026, 4, 1)}


def test_the_job_takes_a_month_by_name(q1):
    snapshot_month.apply(args=["2026-03"])
    assert march_active()[0] == 6


def test_the_job_refuses_what_is_not_a_month(db):
    with pytest.raises(ValueError):
        snapshot_month.apply(args=["2026-Q1"]).get()


def test_beat_runs_it_on_the_first_of_each_month():
    entry = settings.CELERY_BEAT_SCHEDULE["dashboards-monthly-snapshot"]
    assert entry["task"] == "dashboards.snapshot_month"
    assert entry["schedule"].day_of_month == {1}


def test_the_command_fills_the_history(q1, pinned_today):
    call_command("dashboards_snapshot", "--months", "3", stdout=None)
    starts = set(KpiSnapshot.objects.values_list("period_start", flat=True))
    assert starts == {datetime.date(2026, 2, 1), datetime.date(2026, 3, 1), datetime.date(2026, 4, 1)}


def test_a_month_never_snapshotted_is_a_gap(q1):
    assert snapshots.trend(scopes.partnership(), "", [MARCH]) == [None]


def test_the_warm_job_caches_the_landing_pages(client, steering, q1, pinned_today, django_assert_max_num_queries):
    from kui.dashboards.tasks import warm_cache

    assert warm_cache.apply().get() == 3  # the partnership and both teams
    client.force_login(steering)
    with django_assert_max_num_queries(8):
        assert client.get("/statistik/").status_code == 200
