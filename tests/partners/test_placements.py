"""Free internship placements next to the youths looking for one, and the
partners section of the youth profile."""

import pytest

from partners import services
from partners.models import InternshipSearch, PartnerMessage, ReferralStatus
from tests.partners.factories import DAY, TODAY, consent_for, contact_at, current_step, offer_at, placed_youth
from tests.pathways.factories import pathway_for
from tests.youths.factories import youth_in_caseload


def placed_by_referral(alice, offer, youth):
    """A youth placed through an accepted referral (the offer's place is taken)."""
    consent_for(youth, offer.organisation, by=alice)
    pathway_for(youth)
    referral = services.referral_create(youth=youth, offer=offer, by=alice, wished_start=TODAY)
    return services.referral_accept(referral=referral, by=alice, starts_on=TODAY, ends_on=TODAY + 30 * DAY)


def test_it_shows_free_places_and_current_youths(client, alice, warehouse):
    offer = offer_at(warehouse, capacity=3)
    youth = youth_in_caseload(alice, first_name="Oliver")
    placed_by_referral(alice, offer, youth)
    client.force_login(alice)
    (shown,) = client.get("/partnere/praktikpladser/").context["offers"]
    assert (shown.taken, shown.free, shown.current_youths) == (1, 2, [youth])


def test_a_place_is_free_again_when_the_step_ends(client, alice, warehouse):
    offer = offer_at(warehouse, capacity=1)
    referral = placed_by_referral(alice, offer, youth_in_caseload(alice))
    from pathways.models import Step

    Step.objects.filter(pk=referral.step_id).update(status="completed")
    client.force_login(alice)
    assert client.get("/partnere/praktikpladser/").context["offers"][0].free == 1


def test_another_organisations_youths_are_counted_but_not_named(client, alice, charlie, warehouse):
    offer = offer_at(warehouse, capacity=2)
    placed_by_referral(alice, offer, youth_in_caseload(alice))
    client.force_login(charlie)
    (shown,) = client.get("/partnere/praktikpladser/").context["offers"]
    assert (shown.taken, shown.current_youths) == (1, [])


def test_it_lists_the_own_youths_looking_next_to_the_places(client, alice, charlie, warehouse):
    offer_at(warehouse, capacity=2)
    mine = youth_in_caseload(alice, first_name="Mads")
    services.internship_search_start(youth=mine, by=alice, trade="warehouse")
    services.internship_search_start(youth=youth_in_caseload(charlie), by=charlie, trade="warehouse")
    client.force_login(alice)
    (search,) = client.get("/partnere/praktikpladser/").context["searches"]
    assert (search.youth, search.free_in_trade) == (mine, 2)


def test_it_filters_by_trade(client, alice, warehouse, bakery):
    offer_at(warehouse, trade="warehouse")
    offer_at(bakery, title="Bageri", trade="bakery")
    client.force_login(alice)
    offers = client.get("/partnere/praktikpladser/", {"trade": "bakery"}).context["offers"]
    assert [offer.title for offer in offers] == ["Bageri"]


def test_the_placements_page_has_a_flat_query_count(client, alice, warehouse, django_assert_max_num_queries):
    for number in range(20):
        offer_at(warehouse, title=f"Praktik {number}")
        services.internship_search_start(youth=youth_in_caseload(alice), by=alice, trade="warehouse")
    client.force_login(alice)
    with django_assert_max_num_queries(8 + 3):  # + the audit read naming the youths shown
        assert client.get("/partnere/praktikpladser/").status_code == 200


@pytest.mark.parametrize("persona", ["steering", "administrator", "mentor", "youth_user"])
def test_only_casework_sees_the_placements(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/partnere/praktikpladser/").status_code == 404


def test_a_youth_is_marked_as_looking_for_an_internship(client, alice):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    client.post(f"/partnere/unge/{youth.public_id}/soeger-praktik/", {"trade": "kitchen", "note": "Gerne køkken"})
    assert InternshipSearch.objects.get().trade == "kitchen"
    response = client.post(f"/partnere/unge/{youth.public_id}/soeger-praktik/", {"trade": "kitchen"})
    assert response.context["form"].errors
    assert InternshipSearch.objects.count() == 1


def test_a_search_is_closed(client, alice):
    youth = youth_in_caseload(alice)
    search = services.internship_search_start(youth=youth, by=alice, trade="retail")
    client.force_login(alice)
    client.post(f"/partnere/soegninger/{search.public_id}/afslut/")
    search.refresh_from_db()
    assert search.closed_on == TODAY


def test_an_outsider_cannot_touch_a_search(client, alice, charlie):
    search = services.internship_search_start(youth=youth_in_caseload(alice), by=alice, trade="retail")
    client.force_login(charlie)
    assert client.post(f"/partnere/soegninger/{search.public_id}/afslut/").status_code == 404
    search.refresh_from_db()
    assert search.closed_on is None


# --- The partners section of the youth profile ---------------------------------------


def test_the_profile_shows_whom_to_call_at_the_current_partner(client, alice, warehouse):
    contact_at(warehouse, name="Jonas Truck", phone="40404040")
    youth = youth_in_caseload(alice)
    current_step(youth, warehouse)
    client.force_login(alice)
    html = client.get(f"/unge/{youth.public_id}/").content.decode()
    assert "Jonas Truck" in html and "40404040" in html


def test_the_profile_shows_the_partners_message_until_read(client, alice, warehouse, mentor):
    youth = placed_youth(alice, warehouse)
    message = services.partner_message_send(youth=youth, by=mentor, body="Oliver kom for sent i dag.")
    client.force_login(alice)
    assert "Oliver kom for sent i dag." in client.get(f"/unge/{youth.public_id}/").content.decode()
    client.post(f"/partnere/beskeder/{message.public_id}/laest/")
    assert PartnerMessage.objects.get().read_at is not None


def test_an_outsider_cannot_mark_a_message_read(client, alice, charlie, warehouse, mentor):
    youth = placed_youth(alice, warehouse)
    message = services.partner_message_send(youth=youth, by=mentor, body="Hej")
    client.force_login(charlie)
    assert client.post(f"/partnere/beskeder/{message.public_id}/laest/").status_code == 404
    assert PartnerMessage.objects.get().read_at is None


def test_the_profile_shows_a_declined_referral_with_its_reason(client, alice, warehouse, mentor):
    youth = placed_youth(alice, warehouse)
    referral = services.referral_create(youth=youth, offer=offer_at(warehouse), by=alice, wished_start=TODAY)
    services.referral_decline(referral=referral, by=mentor, reason="Ingen mentor i juli")
    client.force_login(alice)
    assert "Ingen mentor i juli" in client.get(f"/unge/{youth.public_id}/").content.decode()
    assert referral.status == ReferralStatus.DECLINED


@pytest.mark.parametrize("rows", [2, 20])
def test_the_profile_query_count_stays_flat(client, alice, warehouse, mentor, rows, django_assert_max_num_queries):
    """The partners section costs one query, and six at most when there is
    something to show (whatever the number of rows)."""
    youth = placed_youth(alice, warehouse)
    for number in range(rows):
        contact_at(warehouse, name=f"Kontakt {number}")
        services.partner_message_send(youth=youth, by=mentor, body=f"Besked {number}")
    client.force_login(alice)
    with django_assert_max_num_queries(31 + 3):  # + the audit read naming the youths shown
        assert client.get(f"/unge/{youth.public_id}/").status_code == 200
