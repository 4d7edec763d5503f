import datetime

import pytest
from django.utils import timezone

from tests import clock
from tests.youths.factories import YouthFactory, youth_in_caseload
from youths import services
from youths.models import StatusChange, YouthStatus


def _url(youth):
    return f"/unge/{youth.public_id}/status/"


def _today(days=0):
    """A date relative to the frozen clock; also used in parametrize lists,
    which are built at import time, before the clock is frozen."""
    return (clock.TODAY + datetime.timedelta(days=days)).isoformat()


def test_it_changes_the_status_with_date_and_reason(client, alice):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    data = {"to_status": "paused", "changed_on": _today(-2), "reason": "Indlagt på hospital"}
    response = client.post(_url(youth), data)
    assert response["Location"] == f"/unge/{youth.public_id}/"
    youth.refresh_from_db()
    assert youth.status == YouthStatus.PAUSED
    change = StatusChange.objects.get(youth=youth)
    assert (change.from_status, change.reason, change.changed_by) == ("active", "Indlagt på hospital", alice)


def test_it_shows_the_status_history_newest_first(client, alice, time_machine):
    youth = services.youth_create(
        by=alice, first_name="Åse", last_name="Berg", birth_date=datetime.date(2005, 1, 2), target_group="other"
    )
    time_machine.shift(datetime.timedelta(minutes=5))  # the same day, a later moment
    services.youth_change_status(
        youth=youth, by=alice, to_status="withdrawn", changed_on=timezone.localdate(), reason="Flyttet til Aarhus"
    )
    client.force_login(alice)
    response = client.get(_url(youth))
    assert [c.to_status for c in response.context["history"]] == ["withdrawn", "waiting"]
    assert "Flyttet til Aarhus" in response.content.decode()


def test_it_does_not_offer_the_current_status(client, alice):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    choices = dict(client.get(_url(youth)).context["form"].fields["to_status"].choices)
    assert "active" not in choices and "paused" in choices


def test_it_gives_an_outsider_404_and_changes_nothing(client, alice, charlie):
    youth = youth_in_caseload(alice)
    client.force_login(charlie)
    assert client.get(_url(youth)).status_code == 404
    assert client.post(_url(youth), {"to_status": "paused", "changed_on": _today(), "reason": "x"}).status_code == 404
    youth.refresh_from_db()
    assert youth.status == YouthStatus.ACTIVE


@pytest.mark.parametrize("persona", ["steering", "youth_user"])
def test_it_gives_other_roles_404(client, alice, request, persona):
    youth = youth_in_caseload(alice)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(youth)).status_code == 404
    assert client.post(_url(youth), {"to_status": "paused", "changed_on": _today(), "reason": "x"}).status_code == 404


@pytest.mark.parametrize(
    "field,value",
    [
        ("changed_on", _today(1)),
        ("changed_on", "1999-01-01"),
        ("changed_on", "31-02-2026"),
        ("reason", ""),
        ("reason", "   "),
        ("reason", "x" * 501),
        ("to_status", "active"),
        ("to_status", "deleted"),
    ],
)
def test_it_rejects_bad_input_and_saves_nothing(client, alice, field, value):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    data = {"to_status": "paused", "changed_on": _today(), "reason": "Pause", field: value}
    response = client.post(_url(youth), data)
    assert response.status_code == 200 and response.context["form"].errors
    youth.refresh_from_db()
    assert youth.status == YouthStatus.ACTIVE and not StatusChange.objects.exists()


def test_it_refuses_a_date_before_the_current_status_began(client, alice):
    youth = youth_in_caseload(alice)
    services.youth_change_status(
        youth=youth, by=alice, to_status="paused", changed_on=timezone.localdate(), reason="Pause"
    )
    client.force_login(alice)
    response = client.post(_url(youth), {"to_status": "active", "changed_on": _today(-3), "reason": "Tilbage"})
    assert "changed_on" in response.context["form"].errors
    assert StatusChange.objects.count() == 1


def test_it_refuses_to_activate_a_youth_without_a_contact_person(client, alice):
    youth = YouthFactory(organisation=alice.organisation, status=YouthStatus.WAITING)
    client.force_login(alice)
    response = client.post(_url(youth), {"to_status": "active", "changed_on": _today(), "reason": "Visiteret"})
    assert "to_status" in response.context["form"].errors
    youth.refresh_from_db()
    assert youth.status == YouthStatus.WAITING


def test_the_labels_are_the_danish_words_and_an_unknown_value_shows_as_itself():
    from django.utils import translation

    from youths.models import Youth

    youth = Youth(status="paused", support_level="exit")
    with translation.override("da"):
        assert (youth.get_status_display(), youth.get_support_level_display()) == ("På pause", "Udslusning")
    youth.status = "archived"  # not a status: shown as stored, as Django's own get_FOO_display does
    assert youth.get_status_display() == "archived"
