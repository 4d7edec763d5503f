import datetime

import pytest
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from kui.accounts.models import Role
from tests import clock
from tests.factories import UserFactory
from tests.youths.factories import YouthFactory, youth_in_caseload
from youths import services
from youths.models import ContactPersonAssignment, YouthStatus


def _url(youth):
    return f"/unge/{youth.public_id}/kontaktperson/"


def _today(days=0):
    """A date relative to the frozen clock; also used in parametrize lists,
    which are built at import time, before the clock is frozen."""
    return (clock.TODAY + datetime.timedelta(days=days)).isoformat()


def _data(person, **extra):
    return {
        "contact_person": person.pk,
        "role": "ungeguide",
        "started_on": _today(),
        "reason": "Alice går på barsel",
        **extra,
    }


def _current(youth):
    return ContactPersonAssignment.objects.get(youth=youth, ended_on__isnull=True)


def test_it_hands_the_youth_to_a_colleague_and_keeps_the_history(client, alice, bob, lead):
    youth = youth_in_caseload(alice)
    client.force_login(lead)
    response = client.post(_url(youth), _data(bob, nominated_by_youth="on"))
    assert response["Location"] == f"/unge/{youth.public_id}/"
    new = _current(youth)
    # Staff cannot tick "nominated by the youth": only the youth's own proposal sets it.
    assert (new.contact_person, new.role, new.nominated_by_youth, new.assigned_by) == (bob, "ungeguide", False, lead)
    old = ContactPersonAssignment.objects.get(youth=youth, contact_person=alice)
    assert old.ended_on == timezone.localdate()


def test_the_first_contact_person_needs_no_reason(client, alice):
    youth = YouthFactory(organisation=alice.organisation, status=YouthStatus.WAITING)
    client.force_login(alice)
    client.post(_url(youth), _data(alice, reason=""))
    assert _current(youth).contact_person == alice


def test_it_shows_the_history_and_each_persons_caseload(client, alice, bob):
    youth = youth_in_caseload(alice)
    youth_in_caseload(bob)
    client.force_login(alice)
    response = client.get(_url(youth))
    assert [a.contact_person for a in response.context["history"]] == [alice]
    people = response.context["form"].fields["contact_person"].queryset
    assert alice not in people and people.get(pk=bob.pk).active_caseload == 1


def test_it_warns_but_saves_when_the_new_person_goes_above_their_limit(client, alice, bob):
    bob.caseload_limit = 1
    bob.save()
    youth_in_caseload(bob)
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    response = client.post(_url(youth), _data(bob), follow=True)
    assert _current(youth).contact_person == bob
    assert [m.level for m in response.context["messages"]] == [messages.SUCCESS, messages.WARNING]


def test_it_does_not_warn_within_the_limit(client, alice, bob):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    response = client.post(_url(youth), _data(bob), follow=True)
    assert [m.level for m in response.context["messages"]] == [messages.SUCCESS]


def test_it_gives_an_outsider_404_and_changes_nothing(client, alice, charlie):
    youth = youth_in_caseload(alice)
    client.force_login(charlie)
    assert client.get(_url(youth)).status_code == 404
    assert client.post(_url(youth), _data(charlie)).status_code == 404
    assert _current(youth).contact_person == alice


@pytest.mark.parametrize("persona", ["steering", "youth_user"])
def test_it_gives_other_roles_404(client, alice, bob, request, persona):
    youth = youth_in_caseload(alice)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(youth)).status_code == 404
    assert client.post(_url(youth), _data(bob)).status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        {"reason": ""},
        {"reason": "   "},
        {"started_on": _today(1)},
        {"started_on": "2025-12-31"},
        {"started_on": ""},
        {"role": "boss"},
        {"contact_person": "999999"},
        {"contact_person": "bob"},
    ],
)
def test_it_rejects_bad_input_and_saves_nothing(client, alice, bob, change):
    youth = youth_in_caseload(alice)  # alice has held the thread since 2026-01-01
    client.force_login(alice)
    response = client.post(_url(youth), _data(bob, **change))
    assert response.status_code == 200 and response.context["form"].errors
    assert _current(youth).contact_person == alice
    assert ContactPersonAssignment.objects.count() == 1


@pytest.mark.parametrize("who", ["charlie", "steering", "inactive", "partner"])
def test_it_refuses_anyone_but_an_active_caseworker_of_the_youths_organisation(client, alice, request, who):
    if who == "inactive":
        person = UserFactory(organisation=alice.organisation, is_active=False)
    elif who == "partner":
        person = UserFactory(organisation=alice.organisation, role=Role.PARTNER_STAFF)
    else:
        person = request.getfixturevalue(who)
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    response = client.post(_url(youth), _data(person))
    assert "contact_person" in response.context["form"].errors
    assert _current(youth).contact_person == alice


def test_it_refuses_the_current_contact_person_again(client, alice):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    response = client.post(_url(youth), _data(alice))
    assert "contact_person" in response.context["form"].errors
    assert ContactPersonAssignment.objects.count() == 1


def test_the_service_requires_a_reason_for_a_change(alice, bob):
    youth = youth_in_caseload(alice)
    with pytest.raises(ValidationError) as error:
        services.contact_person_assign(youth=youth, by=alice, contact_person=bob, started_on=timezone.localdate())
    assert "reason" in error.value.message_dict
    assert _current(youth).contact_person == alice


def test_the_service_refuses_a_change_dated_in_the_future(alice, bob):
    youth = youth_in_caseload(alice)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.contact_person_assign(youth=youth, by=alice, contact_person=bob, started_on=tomorrow, reason="Ny")
    assert "started_on" in error.value.message_dict
