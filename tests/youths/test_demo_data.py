"""The youths' demo data (youths/demo.py): the scenarios of docs/domain.md hold,
and the data is well-formed enough to demonstrate every page."""

import io
import random
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kui.accounts.models import User
from kui.demo.core import DemoContext, seed_core
from kui.lib import cpr as cpr_lib
from youths.board import board_queryset, board_rows
from youths.demo import seed_youths
from youths.models import (
    ContactPersonAssignment,
    IntakeMeeting,
    NetworkPerson,
    StatusChange,
    SupportLevelThreshold,
    Youth,
    YouthStatus,
)


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", youths=60, seed=11, stdout=io.StringIO())


def tovholder_board():
    tovholder = User.objects.get(username="tovholder")
    base = Youth.objects.case_files_visible_to(tovholder)
    return board_rows(board_queryset(base).filter(primary_contact_person_id=tovholder.pk))


def test_it_gives_the_tovholder_31_active_youths(seeded):
    rows = tovholder_board()
    assert len(rows) == 31
    assert {row.youth.status for row in rows} == {YouthStatus.ACTIVE}


def test_it_makes_exactly_three_of_them_red_after_12_days(seeded):
    red = [row for row in tovholder_board() if row.state == "red"]
    assert len(red) == 3
    assert {(row.days_since_contact, row.youth.support_level) for row in red} == {(12, "close")}


def test_it_links_the_youth_login_to_oliver_26(seeded):
    oliver = Youth.objects.get(user__username="ung")
    assert (oliver.first_name, oliver.last_name, oliver.age, oliver.status) == ("Oliver", "Jørgensen", 26, "active")
    assert oliver.assignments.get(ended_on__isnull=True).contact_person.username == "tovholder"
    assert oliver.consents.current().filter(organisation__name="Lagerhuset Nord A/S").exists()


def test_it_gives_every_active_youth_one_current_contact_person(seeded):
    current = ContactPersonAssignment.objects.filter(is_primary=True, ended_on__isnull=True)
    per_youth = Counter(current.filter(youth__status=YouthStatus.ACTIVE).values_list("youth", flat=True))
    assert len(per_youth) == Youth.objects.active().count()
    assert set(per_youth.values()) == {1}


def test_it_keeps_the_waiting_list_unassigned_and_prioritised(seeded):
    waiting = Youth.objects.filter(status=YouthStatus.WAITING)
    assert waiting.exists()
    assert not ContactPersonAssignment.objects.filter(youth__in=waiting).exists()
    assert set(waiting.values_list("priority", flat=True)) <= {1, 2, 3}


def test_it_writes_history_and_intake_for_admitted_youths(seeded):
    admitted = Youth.objects.exclude(status=YouthStatus.WAITING)
    assert IntakeMeeting.objects.filter(youth__in=admitted).values("youth").distinct().count() == admitted.count()
    # Admitted once from the waiting list; a case reopened in aftercare turns active again later.
    admissions = StatusChange.objects.filter(from_status=YouthStatus.WAITING, to_status=YouthStatus.ACTIVE)
    assert admissions.count() == admitted.count()
    rings = NetworkPerson.objects.filter(youth__in=admitted).values_list("ring", flat=True)
    assert set(rings) <= {1, 2, 3} and rings.count() >= 2 * admitted.count()


def test_it_makes_well_formed_unique_cprs_matching_birth_dates(seeded):
    youths = list(Youth.objects.all())
    assert youths and all(cpr_lib.birth_date(y.cpr_encrypted) == y.birth_date for y in youths)
    assert all(cpr_lib.lookup_hash(y.cpr_encrypted) == y.cpr_hash for y in youths)
    assert len({y.cpr_hash for y in youths}) == len(youths)


def test_it_keeps_ages_between_15_and_29(seeded):
    today = timezone.localdate()
    assert {15 <= youth.age_on(today) <= 29 for youth in Youth.objects.all()} == {True}


def test_it_creates_the_default_contact_thresholds(seeded):
    assert SupportLevelThreshold.as_dict() == SupportLevelThreshold.DEFAULT_DAYS
    assert SupportLevelThreshold.objects.count() == 3


def test_it_does_not_query_per_youth(db):
    context = DemoContext(rng=random.Random(3), youth_count=300)
    seed_core(context)
    with CaptureQueriesContext(connection) as queries:
        seed_youths(context)
    assert Youth.objects.count() == 300
    assert len(queries) < 300 // 3


def test_a_few_demo_contacts_were_corrected_and_keep_their_earlier_version(seeded):
    from youths.models import Contact, ContactRevision

    corrected = Contact.objects.filter(version=2)
    assert corrected.exists()
    assert ContactRevision.objects.filter(contact__in=corrected, kind="corrected").count() == corrected.count()


def test_the_demo_has_a_youth_with_other_departments_around_her(seeded):
    """Issue 18's case: 18, a mother who drinks (notes marked as concerning her),
    a family worker who holds the ball, a psychologist, an addiction counsellor
    and a job-centre consultant; no consent for the substance-use service."""
    from pathways.models import BallHandover, ConferenceAttendee
    from youths.models import ConsentArea, LogbookNote

    sara = Youth.objects.get(first_name="Sara", last_name="Mikkelsen")
    assert sara.age == 18
    roles = sorted(sara.network.professional().values_list("organisation__kind", flat=True))
    assert roles == ["family", "health", "jobcentre", "substance_use"]
    mother = sara.network.private().get(relation="mor")
    assert LogbookNote.objects.filter(youth=sara, concerns=mother).count() == 3
    assert BallHandover.objects.filter(youth=sara).first().holder_professional.organisation.kind == "family"
    areas = set(sara.consents.current().values_list("area", flat=True))
    assert ConsentArea.HEALTH in areas and ConsentArea.SUBSTANCE_USE not in areas
    assert sorted(sara.target_groups.values_list("group", flat=True)) == ["mental_health", "social", "unemployed"]
    assert sara.benefit == "education_benefit" and sara.readiness_assessments.get().readiness == "activity_ready"
    assert sara.department_measures.get().sensitive
    attendees = ConferenceAttendee.objects.filter(professional__youth=sara)
    assert sorted(attendees.values_list("organisation__kind", flat=True)) == ["health", "substance_use"]
