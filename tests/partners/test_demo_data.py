"""The demo partnership: the warehouse mentor sees Oliver and one other
intern, and the rest of the partnership is there to click through."""

import pytest
from django.core.management import call_command

from kui.accounts.models import User
from partners.access import youths_for_partner
from partners.models import GovernanceBody, Offer, PartnerContact, PartnershipAgreement, Referral
from partners.selectors import places_taken


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True  # seed_demo refuses to run in production mode
    call_command("seed_demo", youths=60, seed=5)


def test_the_warehouse_mentor_sees_oliver_and_one_other_intern(seeded):
    mentor = User.objects.get(username="partner")
    youths = list(youths_for_partner(mentor))
    assert len(youths) == 2
    assert "ung" in {youth.user.username for youth in youths if youth.user}


def test_the_warehouse_placement_counts_both_interns(seeded):
    placement = Offer.objects.get(title="Praktik på lager – pluk og pak")
    assert places_taken([placement.pk]) == {placement.pk: 2}


def test_there_are_contacts_referrals_agreements_and_bodies(seeded):
    assert PartnerContact.objects.count() >= 10
    assert set(Referral.objects.values_list("status", flat=True)) == {"accepted", "pending", "declined"}
    assert PartnershipAgreement.objects.count() == 2
    steering = GovernanceBody.objects.get(kind="steering")
    assert steering.members.filter(user__username="styregruppe").exists()
    assert steering.meetings.count() == 2


def test_the_steering_member_sees_the_steering_group(seeded):
    member = User.objects.get(username="styregruppe")
    assert GovernanceBody.objects.visible_to(member).count() == 2
