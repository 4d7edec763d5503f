"""Steering figures cannot be differenced: withdrawing one youth and
downloading again recovers nothing about that youth (the running period is
read on the last published day and kept for the day)."""

import datetime

import pytest
from django.urls import reverse

from tests.dashboards.conftest import TODAY
from youths import services as youth_services
from youths.models import Youth

pytestmark = pytest.mark.usefixtures("pinned_today")
CSV = reverse("dashboards:export_csv")
BREAKDOWNS = ["", "team", "age_band", "support_level"]


def _downloads(client) -> dict[str, bytes]:
    found = {}
    for breakdown in BREAKDOWNS:
        response = client.get(CSV, {"period": "2026-Q2", "breakdown": breakdown})
        assert response.status_code == 200, breakdown
        found[breakdown] = response.content
    return found


@pytest.mark.parametrize("changed_on", [TODAY, TODAY - datetime.timedelta(days=1)], ids=["today", "backdated"])
def test_a_withdrawal_between_two_downloads_changes_no_figure(client, steering, q1, lead, changed_on):
    client.force_login(steering)
    before = _downloads(client)
    youth = Youth.objects.get(pk=q1["B"].pk)
    youth_services.youth_change_status(
        youth=youth, by=lead, to_status="withdrawn", changed_on=changed_on, reason="Flyttet"
    )
    after = _downloads(client)
    assert after == before  # nothing differs, so nothing about the youth can be read off the difference


def test_the_next_days_figures_include_the_change(client, steering, q1, lead, monkeypatch):
    from django.core.cache import cache

    client.force_login(steering)
    youth_services.youth_change_status(
        youth=Youth.objects.get(pk=q1["B"].pk), by=lead, to_status="withdrawn", changed_on=TODAY, reason="Flyttet"
    )
    same_day = client.get(CSV, {"period": "2026-Q2"}).content
    cache.clear()  # midnight: the cached figures expire
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY + datetime.timedelta(days=1))
    assert client.get(CSV, {"period": "2026-Q2"}).content != same_day
