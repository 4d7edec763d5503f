"""The one home of "current step" and "next step": Step.objects.current,
upcoming and next_for give the right rows."""

import datetime

from pathways.models import Step, StepStatus
from tests.pathways.factories import pathway_for, step_in
from tests.youths.factories import youth_in_caseload

TODAY = datetime.date(2026, 6, 10)
DAY = datetime.timedelta(days=1)


def _plan(alice):
    youth = youth_in_caseload(alice)
    pathway = pathway_for(youth, started_on=TODAY - 100 * DAY)
    steps = {
        "running": step_in(pathway, TODAY - 5 * DAY, TODAY + 5 * DAY, StepStatus.ACTIVE),
        "open_ended": step_in(pathway, TODAY - 5 * DAY, None, StepStatus.ACTIVE),
        "starts_today": step_in(pathway, TODAY, TODAY + 9 * DAY),
        "ends_today": step_in(pathway, TODAY - 9 * DAY, TODAY, StepStatus.ACTIVE),
        "ended": step_in(pathway, TODAY - 9 * DAY, TODAY - DAY, StepStatus.ACTIVE),
        "completed": step_in(pathway, TODAY - 5 * DAY, TODAY + 5 * DAY, StepStatus.COMPLETED),
        "later": step_in(pathway, TODAY + 20 * DAY, TODAY + 30 * DAY),
        "soon": step_in(pathway, TODAY + 2 * DAY, TODAY + 30 * DAY),
        "cancelled_soon": step_in(pathway, TODAY + DAY, None, StepStatus.CANCELLED),
    }
    return youth, pathway, steps


def _names(steps, queryset):
    found = set(queryset.values_list("pk", flat=True))
    return {name for name, step in steps.items() if step.pk in found}


def test_current_is_open_started_and_not_ended(alice):
    _youth, _pathway, steps = _plan(alice)
    assert _names(steps, Step.objects.current(TODAY)) == {"running", "open_ended", "starts_today", "ends_today"}


def test_upcoming_is_open_and_not_yet_started_soonest_first(alice):
    youth, _pathway, steps = _plan(alice)
    assert list(Step.objects.upcoming(TODAY)) == [steps["soon"], steps["later"]]
    assert Step.objects.next_for(youth, TODAY) == steps["soon"]


def test_a_closed_pathway_has_no_current_or_next_step(alice):
    youth, pathway, _steps = _plan(alice)
    pathway.ended_on = TODAY
    pathway.save()
    assert not Step.objects.current(TODAY).exists()
    assert Step.objects.next_for(youth, TODAY) is None


def test_the_steps_of_one_youth_and_one_partner(alice, org_b):
    youth, pathway, _steps = _plan(alice)
    other = youth_in_caseload(alice)
    step_in(pathway_for(other), TODAY - DAY, TODAY + DAY, StepStatus.ACTIVE)
    hosted = step_in(pathway, TODAY - DAY, TODAY + DAY, StepStatus.ACTIVE, partner=org_b)
    assert Step.objects.current(TODAY).of_youth(youth).count() == 5
    assert list(Step.objects.current(TODAY).at(org_b)) == [hosted]
    assert set(Step.objects.current(TODAY).youth_ids().values_list("pathway__youth_id", flat=True)) == {
        youth.pk,
        other.pk,
    }
    assert list(Step.objects.current(TODAY).partner_ids().values_list("partner_id", flat=True)) == [org_b.pk]
