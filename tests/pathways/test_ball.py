"""Who has the ball: one holder at a time, handed over by dated events."""

import datetime
import uuid

import pytest

from kui.accounts.models import OrganisationKind, Role
from pathways.models import BallHandover
from tests import clock
from tests.factories import OrganisationFactory, UserFactory
from tests.youths.factories import youth_in_caseload

TODAY = clock.TODAY


@pytest.fixture
def youth(alice):
    return youth_in_caseload(alice)


@pytest.fixture
def mentor(db):
    company = OrganisationFactory(name="Lagerhuset", kind=OrganisationKind.COMPANY)
    return UserFactory(username="mentor", first_name="Jens", role=Role.PARTNER_STAFF, organisation=company)


def hand_over(client, youth, **data):
    data.setdefault("handed_on", TODAY.isoformat())
    return client.post(f"/forloeb/unge/{youth.public_id}/bold/", data)


def test_it_hands_the_ball_to_a_colleague(client, alice, bob, youth):
    client.force_login(alice)
    response = hand_over(client, youth, holder_user=bob.public_id, note="Bob tager over i ferien")
    assert response.status_code == 302
    handover = BallHandover.objects.get()
    assert (handover.holder_user, handover.by, handover.note) == (bob, alice, "Bob tager over i ferien")


def test_it_hands_the_ball_to_partner_staff(client, alice, mentor, youth):
    client.force_login(alice)
    hand_over(client, youth, holder_user=mentor.public_id)
    assert BallHandover.objects.get().holder_user == mentor


def test_it_hands_the_ball_to_an_organisation(client, alice, mentor, youth):
    client.force_login(alice)
    hand_over(client, youth, holder_organisation=mentor.organisation.public_id)
    assert BallHandover.objects.get().holder_organisation == mentor.organisation


def test_the_plan_shows_the_current_holder_and_keeps_the_history(client, alice, bob, youth):
    client.force_login(alice)
    hand_over(client, youth, holder_user=bob.public_id, handed_on=(TODAY - datetime.timedelta(days=3)).isoformat())
    hand_over(client, youth, holder_user=alice.public_id)
    response = client.get(f"/forloeb/unge/{youth.public_id}/")
    assert response.context["ball"].holder_user == alice
    assert [h.holder_user for h in response.context["handovers"]] == [alice, bob]


@pytest.mark.parametrize("holder", ["charlie", "steering", "unknown", "not-a-uuid", "both", "neither"])
def test_a_handover_to_an_unknown_party_is_refused(client, alice, bob, charlie, steering, mentor, youth, holder):
    data = {
        "charlie": {"holder_user": charlie.public_id},
        "steering": {"holder_user": steering.public_id},
        "unknown": {"holder_user": uuid.uuid4()},
        "not-a-uuid": {"holder_organisation": "42"},
        "both": {"holder_user": bob.public_id, "holder_organisation": mentor.organisation.public_id},
        "neither": {},
    }[holder]
    client.force_login(alice)
    response = hand_over(client, youth, **data)
    assert response.status_code == 200
    assert response.context["handover_form"].errors
    assert not BallHandover.objects.exists()


def test_an_inactive_colleague_cannot_take_the_ball(client, alice, bob, youth):
    bob.is_active = False
    bob.save()
    client.force_login(alice)
    assert hand_over(client, youth, holder_user=bob.public_id).context["handover_form"].errors
    assert not BallHandover.objects.exists()


def test_a_handover_cannot_be_dated_in_the_future(client, alice, bob, youth):
    client.force_login(alice)
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    assert hand_over(client, youth, holder_user=bob.public_id, handed_on=tomorrow).context["handover_form"].errors
    assert not BallHandover.objects.exists()


def test_an_outsider_gets_404(client, charlie, youth):
    client.force_login(charlie)
    assert hand_over(client, youth, holder_user=charlie.public_id).status_code == 404
    assert not BallHandover.objects.exists()


@pytest.mark.parametrize("persona", ["steering", "youth_user"])
def test_steering_and_youths_get_404(client, request, persona, bob, youth):
    client.force_login(request.getfixturevalue(persona))
    assert hand_over(client, youth, holder_user=bob.public_id).status_code == 404
    assert not BallHandover.objects.exists()
