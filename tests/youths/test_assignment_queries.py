"""The one home of "current contact person": ContactPersonAssignment's
QuerySet and the Youth QuerySet methods built on it."""

import datetime

from tests.youths.factories import YouthFactory, youth_in_caseload
from youths.models import ContactPersonAssignment, Youth

DAY = datetime.timedelta(days=1)
START = datetime.date(2026, 1, 1)


def _handed_over(alice, bob, on=datetime.date(2026, 3, 1)):
    """Alice held the youth until `on`; Bob holds them since; a secondary
    Kontaktperson+ (Alice again) never counts as the current contact person."""
    youth = youth_in_caseload(alice)
    ContactPersonAssignment.objects.filter(youth=youth).update(ended_on=on)
    ContactPersonAssignment.objects.create(youth=youth, contact_person=bob, started_on=on, assigned_by=alice)
    ContactPersonAssignment.objects.create(
        youth=youth, contact_person=alice, started_on=on, assigned_by=alice, is_primary=False
    )
    return youth


def test_current_is_the_primary_assignment_that_has_not_ended(alice, bob):
    youth = _handed_over(alice, bob)
    assert [a.contact_person for a in ContactPersonAssignment.objects.current()] == [bob]
    assert ContactPersonAssignment.objects.current_for(youth).contact_person == bob
    assert [a.contact_person for a in youth.assignments.all() if a.is_current] == [bob]


def test_current_on_a_past_day(alice, bob):
    youth = _handed_over(alice, bob, on=datetime.date(2026, 3, 1))
    assert (
        ContactPersonAssignment.objects.current_on(datetime.date(2026, 2, 1)).get(youth=youth).contact_person == alice
    )
    assert ContactPersonAssignment.objects.current_on(datetime.date(2026, 3, 1)).get(youth=youth).contact_person == bob
    assert not ContactPersonAssignment.objects.current_on(START - DAY).filter(youth=youth).exists()


def test_the_youth_querysets(alice, bob, org_a):
    youth = _handed_over(alice, bob)
    nobody = YouthFactory(organisation=org_a)
    annotated = dict(Youth.objects.with_current_contact_person().values_list("pk", "current_contact_person_id"))
    assert annotated == {youth.pk: bob.pk, nobody.pk: None}
    assert list(Youth.objects.in_caseload_of(bob)) == [youth]
    assert not Youth.objects.in_caseload_of(alice).exists()


def test_a_youth_without_one_has_none(org_a):
    assert ContactPersonAssignment.objects.current_for(YouthFactory(organisation=org_a)) is None
