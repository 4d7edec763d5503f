"""The retention figures read the aftercare check-ins: of the youths whose
check-in 3 (6, 12) months after their start was held in the period, the
share still in education or job."""

import datetime

import pytest

from kui.dashboards import kpis, scopes
from kui.dashboards.kpis import TOTAL
from pathways.models import AftercareCheckIn, Pathway
from tests.dashboards.conftest import Q1, TODAY

pytestmark = pytest.mark.django_db
d = datetime.date


def check_in(youth, months, held_on, still_there):
    pathway = Pathway.objects.create(
        youth=youth, goal="Job", started_on=d(2024, 1, 1), ended_on=d(2024, 6, 1), outcome="job"
    )
    return AftercareCheckIn.objects.create(
        pathway=pathway, months=months, due_on=held_on, held_on=held_on, still_there=still_there
    )


def kept(name):
    return kpis.headline(scopes.partnership().youths(), Q1, "", TODAY).figures[name][TOTAL]


def test_it_counts_the_check_ins_held_in_the_period(q1):
    youths = list(q1.values())
    for youth in youths[:4]:
        check_in(youth, 3, d(2026, 2, 1), still_there=True)
    check_in(youths[4], 3, d(2026, 3, 31), still_there=False)
    check_in(youths[5], 3, d(2026, 4, 1), still_there=False)  # after the quarter: not counted
    check_in(youths[6], 6, d(2026, 1, 1), still_there=False)
    measure = kept("kept_3")
    assert (measure.value, measure.base, measure.count) == (80.0, 5, 4)
    assert (kept("kept_6").value, kept("kept_6").base) == (0.0, 1)
    assert (kept("kept_12").value, kept("kept_12").base) == (None, 0)


def test_the_figures_carry_danish_labels(db):
    labels = {kpi.key: str(kpi.label) for kpi in kpis.HEADLINE}
    assert labels["kept_12"] == "Fastholdt i uddannelse eller job efter 12 måneder"
