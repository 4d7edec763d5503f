"""Every key figure against the hand-worked world of conftest.py (Q1 2026)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kui.dashboards import breakdowns, kpis, scopes
from kui.dashboards.kpis import TOTAL
from kui.dashboards.periods import MONTH, QUARTER, Period
from tests.dashboards.conftest import Q1, TODAY, make_youth

pytestmark = pytest.mark.django_db


def figures(breakdown="", period=Q1, today=TODAY):
    return kpis.headline(scopes.partnership().youths(), period, breakdown, today).figures


def total(name, **kwargs):
    return figures(**kwargs)[name][TOTAL]


def test_it_counts_admissions_by_the_first_move_to_active(q1):
    # A (10.1.), C (1.1., first day) and D (31.3., last day); not E (1.4.) nor readmitted F.
    assert total("admitted").value == 3


def test_it_reads_states_on_the_last_day_of_the_period(q1):
    assert total("active").value == 6  # A B C D F I; I completes only on 2.4.
    assert total("waiting").value == 2  # E (active from 1.4.) and J; K was referred later


def test_it_takes_the_median_wait_of_those_on_the_list(q1):
    measure = total("waiting_median")
    assert (measure.value, measure.base) == (64.0, 2)  # E 58 days, J 70 days


def test_it_counts_completions_and_their_outcomes_inside_the_period(q1):
    found = figures()
    assert found["completed"][TOTAL].value == 1  # G; I completes after the period
    assert found["completed_education"][TOTAL].value == 1
    assert found["completed_job"][TOTAL].value == 0


def test_it_splits_started_education_by_kind(q1):
    outcomes = kpis.headline(scopes.partnership().youths(), Q1, "", TODAY).outcomes
    assert outcomes["edu_egu"] == 1 and outcomes["edu_vuc"] == 0 and outcomes["job"] == 0


def test_it_counts_drop_outs_inside_the_period(q1):
    assert total("dropped_out").value == 4  # H L M N; F's withdrawal was in 2025


@pytest.mark.parametrize(
    "kpi, value, base",
    [
        ("retention_3", 50.0, 2),  # admitted 2.10.–30.12.25: G stays, L leaves after 56 days
        ("retention_6", 50.0, 2),  # admitted 3.7.–30.9.25: M leaves after 203 days, N after 166
        ("retention_12", 100.0, 1),  # admitted 1.1.–31.3.25: O, paused but engaged
    ],
)
def test_it_measures_retention_of_the_cohort_reaching_the_age(q1, kpi, value, base):
    measure = total(kpi)
    assert (measure.value, measure.base) == (value, base)


def test_it_takes_the_median_gap_between_reached_contacts(q1):
    measure = total("contact_median")
    assert (measure.value, measure.base) == (13.0, 2)  # A: 16, 10, 17; C: 2 (ends 31.3. 23:00)


def test_it_shares_stalled_pathways_among_active_youths(q1):
    measure = total("stalled_share")
    assert (measure.value, measure.base, measure.count) == (33.3, 6, 2)  # A open, C resolved only 2.4.


def test_it_takes_the_median_days_to_resolve_a_stall(q1):
    measure = total("stalled_resolve_median")
    assert (measure.value, measure.base) == (10.0, 3)  # B 10, F 35, I 4


def test_it_shares_consent_coverage_among_active_youths(q1):
    measure = total("consent_coverage")
    assert (measure.value, measure.count) == (33.3, 2)  # A and F; B's withdrawn, C's given later


def test_it_counts_consent_per_area(q1):
    areas = kpis.headline(scopes.partnership().youths(), Q1, "", TODAY).consent_areas
    assert areas == {"education": 2, "jobcentre": 1, "social": 0, "health": 0, "substance_use": 0}


def test_it_breaks_down_by_team(q1, team_a, team_b):
    found = figures(breakdowns.TEAM)
    nord, syd = str(team_a.pk), str(team_b.pk)
    assert (found["active"][nord].value, found["active"][syd].value) == (4, 2)
    assert (found["admitted"][nord].value, found["admitted"][syd].value) == (1, 2)


def test_it_breaks_down_by_age_on_the_reading_day(q1):
    active = figures(breakdowns.AGE_BAND)["active"]
    # C turns 18 on 1.4.; B turns 26 on 31.3. itself.
    assert {key: m.value for key, m in active.items()} == {"15-17": 2, "18-24": 3, "25-29": 1, "other": 0, TOTAL: 6}


def test_it_breaks_down_by_support_level(q1):
    active = figures(breakdowns.SUPPORT_LEVEL)["active"]
    assert (active["close"].value, active["external"].value, active["exit"].value) == (4, 1, 1)


def test_it_breaks_down_by_the_partner_of_the_latest_step(q1, partners):
    active = figures(breakdowns.PARTNER)["active"]
    lager, tec = str(partners["lager"].pk), str(partners["tec"].pk)
    # A's latest step is at TEC; cancelled steps and steps outside the period don't count.
    assert (active[tec].value, active[lager].value, active[breakdowns.NO_GROUP].value) == (1, 1, 4)


def test_the_groups_add_up_to_the_total(q1):
    for breakdown in (breakdowns.TEAM, breakdowns.PARTNER, breakdowns.SUPPORT_LEVEL, breakdowns.AGE_BAND):
        admitted = figures(breakdown)["admitted"]
        assert sum(m.value for key, m in admitted.items() if key != TOTAL) == admitted[TOTAL].value


def test_it_medians_per_group(q1, team_a, team_b):
    contact = figures(breakdowns.TEAM)["contact_median"]
    assert contact[str(team_a.pk)].value == 16.0  # A alone: 10, 16, 17
    assert contact[str(team_b.pk)].value == 2.0


def test_a_month_counts_its_own_boundaries(q1):
    march = Period(MONTH, datetime.date(2026, 3, 1))
    april = Period(MONTH, datetime.date(2026, 4, 1))
    assert total("admitted", period=march).value == 1  # D on 31.3.
    assert total("admitted", period=april).value == 1  # E on 1.4.


def test_a_running_period_is_read_today(q1):
    q2 = Period(QUARTER, datetime.date(2026, 4, 1))
    found = figures(period=q2, today=datetime.date(2026, 4, 15))
    assert found["active"][TOTAL].value == 6  # E joined, I completed on 2.4.
    assert found["completed"][TOTAL].value == 1


def test_the_previous_quarter_has_its_own_figures(q1):
    found = figures(period=Q1.previous())
    assert found["admitted"][TOTAL].value == 5  # B G H I L
    assert found["active"][TOTAL].value == 7  # B G H I L M N on 31.12.25


def test_it_counts_caseloads_on_the_reading_day(q1):
    caseload = kpis.details(scopes.partnership().youths(), Q1, TODAY).caseload
    # alice: A B F I (limit 3); bob: C D — H is withdrawn, I moved to alice on 1.2.
    assert (caseload["persons"], caseload["over_limit"], caseload["median_load"]) == (2, 1, 3.0)
    assert caseload["bucket_1"] == 2


def test_it_counts_steps_by_type_and_how_they_ended(q1):
    steps = {row["step_type"]: row for row in kpis.details(scopes.partnership().youths(), Q1, TODAY).steps}
    assert steps["internship"] == {
        "step_type": "internship",
        "started": 2,
        "completed": 1,
        "dropped": 0,
        "cancelled": 1,
    }
    assert (steps["bridging"]["started"], steps["bridging"]["cancelled"]) == (1, 1)


def test_it_counts_internships_per_partner(q1):
    placements = kpis.details(scopes.partnership().youths(), Q1, TODAY).placements
    assert placements == [{"partner": "Lagerhuset", "internships": 2, "youths": 2, "started": 2, "completed": 1}]


def test_the_team_view_counts_stalls_and_open_action_items_per_person(q1, team_a):
    view = kpis.team_view(scopes.of_team(team_a).youths(), Q1, TODAY)
    assert [(row["name"].split()[0], row["load"], row["stalled"]) for row in view.stalled_by_person] == [
        ("Alice", 4, 1)
    ]  # bob's youths are in Team Syd
    assert [(row["open"], row["overdue"]) for row in view.action_items] == [(1, 1)]


def test_a_team_scope_counts_only_its_youths(q1, team_b):
    found = kpis.headline(scopes.of_team(team_b).youths(), Q1, "", TODAY).figures
    assert (found["active"][TOTAL].value, found["dropped_out"][TOTAL].value) == (2, 2)


def _queries_for_everything() -> int:
    with CaptureQueriesContext(connection) as queries:
        youths = scopes.partnership().youths()
        kpis.headline(youths, Q1, breakdowns.PARTNER, TODAY)
        kpis.details(youths, Q1, TODAY)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_youths(q1, org_a, team_a, alice):
    before = _queries_for_everything()
    for number in range(20):
        make_youth(
            f"X{number}",
            org_a,
            team_a,
            datetime.date(2005, 1, 1),
            "close",
            [(datetime.date(2025, 9, 1), "waiting"), (datetime.date(2026, 2, 1), "active")],
            alice,
        )
    # 14 on PostgreSQL: SET LOCAL jit, savepoints, and the municipal organisations' ids read first (scopes.py);
    # the aftercare check-ins (kept in education or job) are one aggregate more.
    assert 5 < _queries_for_everything() == before <= 14
