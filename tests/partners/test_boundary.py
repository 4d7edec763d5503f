"""Partners sits above pathways: foreign keys to the steps, direct calls to
pathways' services, pathways' step types — and no signals used as calls."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from partners import services
from partners.models import OFFER_KINDS, Attendance, Offer, Referral, ReferralStatus
from pathways.models import Step, StepEvent, StepEventKind, StepType
from tests.partners.factories import DAY, TODAY, consent_for, offer_at, placed_youth
from tests.pathways.factories import pathway_for
from tests.youths.factories import youth_in_caseload


@pytest.fixture
def referral(alice, warehouse):
    youth = youth_in_caseload(alice, first_name="Oliver", last_name="Jørgensen")
    pathway_for(youth)
    consent_for(youth, warehouse, by=alice)
    return services.referral_create(youth=youth, offer=offer_at(warehouse), by=alice, wished_start=TODAY + 7 * DAY)


def test_accepting_adds_the_step_through_pathways_service(mentor, referral):
    services.referral_accept(referral=referral, by=mentor, starts_on=TODAY + 7 * DAY, ends_on=TODAY + 30 * DAY)
    referral.refresh_from_db()
    step = referral.step
    assert isinstance(step, Step) and step.pathway.youth == referral.youth
    # pathways' step_add wrote the plan's history: the service ran, not a copy of it.
    (event,) = StepEvent.objects.filter(step=step)
    assert (event.kind, event.by, event.note) == (StepEventKind.ADDED, mentor, "Accepteret henvisning")


def test_accepting_without_an_active_pathway_refuses_in_the_service(mentor, referral):
    referral.youth.pathways.update(ended_on=TODAY)
    with pytest.raises(ValidationError):
        services.referral_accept(referral=referral, by=mentor, starts_on=TODAY + 7 * DAY)
    referral.refresh_from_db()
    assert (referral.status, referral.step) == (ReferralStatus.PENDING, None)
    assert not Step.objects.exists()


def test_attendance_points_at_a_real_step(alice, warehouse, mentor):
    youth = placed_youth(alice, warehouse)
    step = Step.objects.get(pathway__youth=youth)
    attendance = services.attendance_record(youth=youth, step=step, by=mentor, day=TODAY, present=True)
    assert Attendance.objects.get(pk=attendance.pk).step == step
    assert list(step.partner_attendance.all()) == [attendance]


def test_the_partners_outcome_is_recorded_by_pathways_step_service(alice, warehouse, mentor):
    youth = placed_youth(alice, warehouse)
    step = Step.objects.get(pathway__youth=youth)
    services.partner_outcome_record(youth=youth, step=step, by=mentor, outcome="  Mødte stabilt  ")
    step.refresh_from_db()
    assert step.outcome == "Mødte stabilt"
    assert StepEvent.objects.filter(step=step, kind=StepEventKind.OUTCOME, by=mentor).exists()


def test_an_empty_partner_outcome_is_refused_and_saves_nothing(alice, warehouse, mentor):
    youth = placed_youth(alice, warehouse)
    step = Step.objects.get(pathway__youth=youth)
    with pytest.raises(ValidationError):
        services.partner_outcome_record(youth=youth, step=step, by=mentor, outcome="   ")
    assert not StepEvent.objects.filter(step=step).exists()


def test_offer_kinds_are_pathways_step_types():
    assert set(OFFER_KINDS) <= set(StepType)
    assert dict(Offer._meta.get_field("kind").choices) == {kind.value: kind.label for kind in OFFER_KINDS}


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_maps_old_step_ids_to_the_foreign_key(alice, warehouse, mentor):
    youth = placed_youth(alice, warehouse)
    step = Step.objects.get(pathway__youth=youth)
    referral = Referral.objects.create(
        youth=youth,
        offer=offer_at(warehouse),
        wished_start=TODAY,
        referred_by=alice,
        status=ReferralStatus.ACCEPTED,
        step=step,
    )
    services.attendance_record(youth=youth, step=step, by=mentor, day=TODAY - DAY, present=True)

    before = [("partners", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)  # backwards: 0003 writes the public ids back
    old = executor.loader.project_state(before).apps
    assert old.get_model("partners", "Referral").objects.get(pk=referral.pk).step_public_id == step.public_id
    old_attendance = old.get_model("partners", "Attendance")
    assert old_attendance.objects.get().step_public_id == step.public_id
    old_attendance.objects.create(  # an id no step has: cannot be mapped
        youth_id=youth.pk,
        organisation_id=warehouse.pk,
        step_public_id=uuid.uuid4(),
        day=TODAY - 2 * DAY,
        present=False,
        recorded_by_id=mentor.pk,
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Referral.objects.get(pk=referral.pk).step == step
    assert list(Attendance.objects.values_list("step_id", "day")) == [(step.pk, TODAY - DAY)]
