"""Rules that used to live only in forms now refuse in the services: any
caller (a view, the importer, a job, a shell) gets the same ValidationError,
and nothing is saved."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from partners import services as partner_services
from partners.models import PartnershipAgreement, Referral
from pathways import services as pathway_services
from pathways.models import GroupCourse, Pathway, Step
from tests.partners.factories import company, consent_for, offer_at
from tests.pathways.factories import pathway_for
from tests.youths.factories import YouthFactory, youth_in_caseload
from youths import services as youth_services
from youths.models import IntakeMeeting, Youth, YouthStatus

NOW = datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _fields(**changes):
    return {
        "first_name": "Sofie",
        "last_name": "Østergaard",
        "birth_date": datetime.date(2006, 4, 1),
        "target_group": "other",
        "referral_date": TODAY,
        **changes,
    }


def _refused(field, call):
    with pytest.raises(ValidationError) as refusal:
        call()
    assert field in refusal.value.message_dict, refusal.value
    return refusal.value


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("birth_date", {"birth_date": datetime.date(1990, 1, 1)}),  # 36: above the effort's age
        ("birth_date", {"birth_date": datetime.date(2014, 1, 1)}),  # 12: below it
        ("birth_date", {"birth_date": TODAY + DAY}),
        ("referral_date", {"referral_date": TODAY + DAY}),
    ],
)
def test_youth_create_refuses_what_the_form_used_to(alice, field, changes):
    _refused(field, lambda: youth_services.youth_create(by=alice, **_fields(**changes)))
    assert not Youth.objects.exists()


def test_youth_create_refuses_a_cpr_number_that_does_not_match_the_birth_date(alice):
    _refused("cpr", lambda: youth_services.youth_create(by=alice, cpr="0101061234", **_fields()))
    assert not Youth.objects.exists()


def test_the_age_limits_are_15_to_29_with_a_years_slack(alice):
    assert (youth_services.MIN_AGE, youth_services.MAX_AGE) == (14, 30)
    youth_services.youth_create(by=alice, **_fields(birth_date=datetime.date(1995, 6, 11)))  # 30 today
    _refused(
        "birth_date", lambda: youth_services.youth_create(by=alice, **_fields(birth_date=datetime.date(1995, 6, 10)))
    )


def test_youth_update_refuses_a_birth_date_out_of_range(alice):
    youth = youth_in_caseload(alice)
    fields = {name: getattr(youth, name) for name in youth_services.YOUTH_FIELDS}
    fields["birth_date"] = datetime.date(1980, 1, 1)
    _refused("birth_date", lambda: youth_services.youth_update(youth=youth, by=alice, version=youth.version, **fields))
    youth.refresh_from_db()
    assert (youth.birth_date, youth.version) == (datetime.date(2005, 5, 5), 1)


def test_intake_record_refuses_a_meeting_before_the_referral(alice, org_a):
    youth = YouthFactory(organisation=org_a, status=YouthStatus.WAITING, referral_date=TODAY - 3 * DAY)
    meeting = {
        "held_on": TODAY - 4 * DAY,
        "participants": "Sofie, mor, UU",
        "youth_wishes": "Lager",
        "agreements": "Praktik",
        "starts_now": "Samtale i morgen",
        "contact_person": alice,
        "goal": "Uddannelse",
        "starts_now_kind": "conversation",
        "starts_now_on": TODAY,
        "starts_now_review_on": TODAY + 7 * DAY,
    }
    _refused("held_on", lambda: youth_services.intake_record(youth=youth, by=alice, **meeting))
    youth.refresh_from_db()
    assert not IntakeMeeting.objects.exists() and youth.status == YouthStatus.WAITING
    assert not youth.assignments.exists()


def test_step_add_refuses_an_end_before_the_start(alice):
    pathway = pathway_for(youth_in_caseload(alice))
    _refused(
        "ends_on",
        lambda: pathway_services.step_add(
            pathway=pathway, by=alice, step_type="bridging", title="Brobygning", starts_on=TODAY, ends_on=TODAY - DAY
        ),
    )
    assert not Step.objects.exists()


def test_pathway_close_refuses_an_end_before_the_start_or_in_the_future(alice):
    pathway = pathway_for(youth_in_caseload(alice), started_on=TODAY - 10 * DAY)
    for ended_on in (TODAY - 11 * DAY, TODAY + DAY):
        _refused(
            "ended_on",
            lambda day=ended_on: pathway_services.pathway_close(pathway=pathway, by=alice, ended_on=day, outcome="job"),
        )
    assert Pathway.objects.get().ended_on is None


def test_group_course_create_refuses_an_end_before_the_start_and_no_places(alice):
    course = {"name": "Hold", "starts_on": TODAY, "ends_on": TODAY + 70 * DAY, "hours_per_week": 8, "capacity": 12}
    _refused("ends_on", lambda: pathway_services.group_course_create(by=alice, **{**course, "ends_on": TODAY - DAY}))
    _refused("capacity", lambda: pathway_services.group_course_create(by=alice, **{**course, "capacity": 0}))
    assert not GroupCourse.objects.exists()


@pytest.fixture
def referral_world(alice):
    warehouse = company("Lagerhuset Nord")
    youth = youth_in_caseload(alice)
    pathway_for(youth)
    consent_for(youth, warehouse, by=alice, given_on=TODAY - 30 * DAY)
    return youth, offer_at(warehouse)


def test_referral_create_refuses_a_wished_start_in_the_past(alice, referral_world):
    youth, offer = referral_world
    _refused(
        "wished_start",
        lambda: partner_services.referral_create(youth=youth, offer=offer, by=alice, wished_start=TODAY - DAY),
    )
    assert not Referral.objects.exists()


def test_referral_accept_refuses_an_end_before_the_start(alice, referral_world):
    youth, offer = referral_world
    referral = partner_services.referral_create(youth=youth, offer=offer, by=alice, wished_start=TODAY)
    _refused(
        "ends_on",
        lambda: partner_services.referral_accept(referral=referral, by=alice, starts_on=TODAY, ends_on=TODAY - DAY),
    )
    referral.refresh_from_db()
    assert referral.status == "pending" and not Step.objects.filter(partner=offer.organisation).exists()


def test_agreement_create_refuses_a_review_before_signing(lead, org_a):
    _refused(
        "review_on",
        lambda: partner_services.agreement_create(
            by=lead,
            parties=[org_a, company("Bageriet")],
            title="Aftale",
            purpose="Praktik",
            owner=lead,
            signed_on=TODAY - 10 * DAY,
            review_on=TODAY - 20 * DAY,
        ),
    )
    assert not PartnershipAgreement.objects.exists()


def test_the_form_shows_the_services_error_on_the_field(client, alice):
    client.force_login(alice)
    data = {**_fields(birth_date="1980-01-01", referral_date=TODAY.isoformat()), "support_level": "close"}
    data.update(referral_source="uu", priority=2, cpr="", version="")
    response = client.post("/unge/ny/", data)
    assert response.status_code == 200
    assert "birth_date" in response.context["form"].errors
    assert not Youth.objects.exists()


def test_youth_change_status_refuses_active_without_a_contact_person(alice, org_a):
    youth = YouthFactory(organisation=org_a, status=YouthStatus.WAITING)
    _refused(
        "to_status",
        lambda: youth_services.youth_change_status(
            youth=youth, by=alice, to_status=YouthStatus.ACTIVE, changed_on=TODAY, reason="Start"
        ),
    )
    youth.refresh_from_db()
    assert youth.status == YouthStatus.WAITING and not youth.status_changes.exists()
