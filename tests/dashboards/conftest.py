"""A small fixed world for the key figures, with the figures worked out by
hand for the first quarter of 2026 (read on 31 March; "today" is 15 May).

Youth  team  born        status history                                   at 31.3.
A      Nord  2008-06-01  waiting 1.12.25, active 10.1.26                  active (admitted)
B      Nord  2000-03-31  waiting 1.9.25, active 1.10.25                   active
C      Syd   2008-04-01  waiting 15.12.25, active 1.1.26 (first day)      active (admitted)
D      Syd   2005-01-01  waiting 5.1.26, active 31.3.26 (last day)        active (admitted)
E      Nord  2005-01-01  waiting 1.2.26, active 1.4.26 (day after)        waiting, 58 days
F      Nord  2005-02-02  active 1.6.25, withdrawn 1.8.25, active 1.2.26   active (readmitted, not admitted)
G      Syd   2004-05-05  active 1.11.25, completed 15.2.26 (EGU)          completed
H      Syd   2003-07-07  active 1.10.25, withdrawn 1.3.26                 withdrawn (dropped out)
I      Nord  2006-08-08  active 1.10.25, completed 2.4.26 (after)         active
J      Nord  2006-09-09  waiting 20.1.26                                  waiting, 70 days
K      Nord  2006-10-10  waiting 10.4.26 (after)                          – (not yet referred)
L      Nord  2005-05-05  active 15.11.25, withdrawn 10.1.26               withdrawn (dropped out)
M      Nord  2005-06-06  active 1.8.25, withdrawn 20.2.26                 withdrawn (dropped out)
N      Syd   2005-07-07  active 30.9.25, withdrawn 15.3.26                withdrawn (dropped out)
O      Syd   1995-01-01  active 31.3.25, paused 1.6.25                    paused
"""

import datetime
import zoneinfo

import pytest
from django.core.cache import cache

from kui.accounts.models import OrganisationKind
from kui.dashboards.periods import QUARTER, Period
from pathways.models import (
    ActionItem,
    CaseConference,
    ConferenceCase,
    EducationKind,
    Flag,
    FlagKind,
    Pathway,
    Step,
    StepStatus,
    StepType,
    Task,
)
from tests.factories import OrganisationFactory, TeamFactory
from tests.youths.factories import YouthFactory
from youths.models import Consent, Contact, ContactPersonAssignment, StatusChange

Q1 = Period(QUARTER, datetime.date(2026, 1, 1))
TODAY = datetime.date(2026, 5, 15)
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")
d = datetime.date


def at(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=CPH)


SPECS = {
    # name: (team, born, support level, history)
    "A": ("Nord", d(2008, 6, 1), "close", [(d(2025, 12, 1), "waiting"), (d(2026, 1, 10), "active")]),
    "B": ("Nord", d(2000, 3, 31), "external", [(d(2025, 9, 1), "waiting"), (d(2025, 10, 1), "active")]),
    "C": ("Syd", d(2008, 4, 1), "close", [(d(2025, 12, 15), "waiting"), (d(2026, 1, 1), "active")]),
    "D": ("Syd", d(2005, 1, 1), "exit", [(d(2026, 1, 5), "waiting"), (d(2026, 3, 31), "active")]),
    "E": ("Nord", d(2005, 1, 1), "close", [(d(2026, 2, 1), "waiting"), (d(2026, 4, 1), "active")]),
    "F": (
        "Nord",
        d(2005, 2, 2),
        "close",
        [
            (d(2025, 5, 1), "waiting"),
            (d(2025, 6, 1), "active"),
            (d(2025, 8, 1), "withdrawn"),
            (d(2026, 1, 20), "waiting"),
            (d(2026, 2, 1), "active"),
        ],
    ),
    "G": (
        "Syd",
        d(2004, 5, 5),
        "close",
        [(d(2025, 10, 15), "waiting"), (d(2025, 11, 1), "active"), (d(2026, 2, 15), "completed")],
    ),
    "H": (
        "Syd",
        d(2003, 7, 7),
        "close",
        [(d(2025, 9, 1), "waiting"), (d(2025, 10, 1), "active"), (d(2026, 3, 1), "withdrawn")],
    ),
    "I": (
        "Nord",
        d(2006, 8, 8),
        "close",
        [(d(2025, 9, 1), "waiting"), (d(2025, 10, 1), "active"), (d(2026, 4, 2), "completed")],
    ),
    "J": ("Nord", d(2006, 9, 9), "close", [(d(2026, 1, 20), "waiting")]),
    "K": ("Nord", d(2006, 10, 10), "close", [(d(2026, 4, 10), "waiting")]),
    "L": (
        "Nord",
        d(2005, 5, 5),
        "close",
        [(d(2025, 11, 10), "waiting"), (d(2025, 11, 15), "active"), (d(2026, 1, 10), "withdrawn")],
    ),
    "M": (
        "Nord",
        d(2005, 6, 6),
        "close",
        [(d(2025, 7, 1), "waiting"), (d(2025, 8, 1), "active"), (d(2026, 2, 20), "withdrawn")],
    ),
    "N": (
        "Syd",
        d(2005, 7, 7),
        "close",
        [(d(2025, 9, 1), "waiting"), (d(2025, 9, 30), "active"), (d(2026, 3, 15), "withdrawn")],
    ),
    "O": (
        "Syd",
        d(1995, 1, 1),
        "close",
        [(d(2025, 3, 1), "waiting"), (d(2025, 3, 31), "active"), (d(2025, 6, 1), "paused")],
    ),
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Dashboards cache their figures; every test starts from the database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pinned_today(monkeypatch):
    """The views read 'today' from the clock: pin it to the world's day."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    return TODAY


@pytest.fixture
def team_b(org_a):
    return TeamFactory(organisation=org_a, name="Team Syd")


@pytest.fixture
def partners(db):
    return {
        "lager": OrganisationFactory(name="Lagerhuset", kind=OrganisationKind.COMPANY),
        "tec": OrganisationFactory(name="TEC", kind=OrganisationKind.VOCATIONAL_SCHOOL),
    }


def make_youth(name, organisation, team, born, support_level, history, by):
    youth = YouthFactory(
        first_name=f"Ung{name}",
        last_name="Testesen",
        organisation=organisation,
        team=team,
        birth_date=born,
        support_level=support_level,
        status=history[-1][1],
        referral_date=history[0][0],
    )
    previous = ""
    for changed_on, status in history:
        StatusChange.objects.create(
            youth=youth, from_status=previous, to_status=status, changed_on=changed_on, reason="test", changed_by=by
        )
        previous = status
    return youth


@pytest.fixture
def q1(org_a, team_a, team_b, alice, bob, lead, partners):
    """The fixed world of the module docstring; returns the youths by name."""
    alice.caseload_limit, bob.caseload_limit = 3, 25
    alice.save()
    bob.save()
    teams = {"Nord": team_a, "Syd": team_b}
    youths = {
        name: make_youth(name, org_a, teams[team], born, level, history, alice)
        for name, (team, born, level, history) in SPECS.items()
    }
    _pathways(youths, partners)
    _contacts(youths, alice)
    _flags(youths)
    _consents(youths, alice)
    _assignments(youths, alice, bob)
    _action_items(youths, org_a, lead, alice)
    return youths


def _pathways(y, partners):
    Pathway.objects.create(
        youth=y["G"],
        goal="EGU",
        started_on=d(2025, 11, 1),
        ended_on=d(2026, 2, 15),
        outcome="education",
        education_kind=EducationKind.EGU,
    )
    pathway = {
        name: Pathway.objects.create(youth=y[name], goal="Mål", started_on=d(2025, 10, 1))
        for name in ("A", "B", "C", "D", "F", "I")
    }
    lager, tec = partners["lager"], partners["tec"]
    rows = [
        ("A", StepType.INTERNSHIP, lager, d(2026, 1, 15), d(2026, 2, 28), StepStatus.COMPLETED, d(2026, 2, 28)),
        ("A", StepType.BRIDGING, tec, d(2026, 3, 10), None, StepStatus.PLANNED, d(2026, 3, 1)),
        ("B", StepType.INTERNSHIP, lager, d(2026, 2, 1), None, StepStatus.ACTIVE, d(2026, 2, 1)),
        ("C", StepType.BRIDGING, tec, d(2026, 3, 1), None, StepStatus.CANCELLED, d(2026, 2, 20)),
        ("D", StepType.INTERNSHIP, lager, d(2026, 3, 5), None, StepStatus.CANCELLED, d(2026, 3, 2)),
        ("F", StepType.INTERNSHIP, lager, d(2025, 11, 1), d(2025, 12, 31), StepStatus.COMPLETED, d(2025, 12, 31)),
        ("I", StepType.WORKSHOP, None, d(2026, 4, 5), None, StepStatus.PLANNED, d(2026, 3, 20)),
    ]
    for name, kind, partner, starts_on, ends_on, status, changed_on in rows:
        Step.objects.create(
            pathway=pathway[name],
            step_type=kind,
            title=str(kind),
            partner=partner,
            starts_on=starts_on,
            ends_on=ends_on,
            status=status,
            status_changed_on=changed_on,
        )


def _contacts(y, by):
    rows = [
        ("A", at(2025, 12, 20), True),
        ("A", at(2026, 1, 5), True),
        ("A", at(2026, 1, 15), True),
        ("A", at(2026, 1, 20), False),
        ("A", at(2026, 2, 1), True),
        ("B", at(2026, 3, 25), True),
        ("B", at(2026, 4, 2), True),
        ("C", at(2026, 3, 29, 23), True),
        ("C", at(2026, 3, 31, 23), True),
        ("D", at(2026, 3, 30), True),
        ("D", at(2026, 4, 1, 0, 30), True),
    ]
    for name, when, reached in rows:
        Contact.objects.create(youth=y[name], happened_at=when, reached=reached, logged_by=by)


def _flags(y):
    rows = [
        ("A", FlagKind.NO_NEXT_STEP, at(2026, 3, 20, 10), None),
        ("B", FlagKind.NO_CONTACT, at(2026, 2, 1, 10), at(2026, 2, 11, 10)),
        ("C", FlagKind.NO_CONTACT, at(2026, 3, 25, 10), at(2026, 4, 2, 10)),
        ("D", FlagKind.OVERDUE_STEP, at(2026, 3, 1, 10), None),
        ("F", FlagKind.NO_NEXT_STEP, at(2025, 12, 1, 10), at(2026, 1, 5, 10)),
        ("H", FlagKind.NO_CONTACT, at(2026, 2, 1, 10), None),
        ("I", FlagKind.NO_NEXT_STEP, at(2026, 3, 1, 10), at(2026, 3, 5, 10)),
    ]
    for name, kind, raised, resolved in rows:
        Flag.objects.create(youth=y[name], kind=kind, cause=f"test:{name}", raised_at=raised, resolved_at=resolved)


def _consents(y, by):
    rows = [
        ("A", "education", d(2026, 1, 10), None),
        ("B", "jobcentre", d(2025, 5, 1), d(2026, 3, 1)),
        ("C", "social", d(2026, 4, 1), None),
        ("D", "health", d(2025, 1, 1), d(2026, 3, 31)),
        ("F", "education", d(2025, 1, 1), None),
        ("F", "jobcentre", d(2025, 1, 1), None),
    ]
    for name, area, given, withdrawn in rows:
        Consent.objects.create(youth=y[name], area=area, given_on=given, withdrawn_on=withdrawn, recorded_by=by)


def _assignments(y, alice, bob):
    rows = [
        ("A", alice, d(2026, 1, 10), None),
        ("B", alice, d(2025, 10, 1), None),
        ("F", alice, d(2026, 2, 1), None),
        ("I", bob, d(2025, 10, 1), d(2026, 2, 1)),
        ("I", alice, d(2026, 2, 1), None),
        ("C", bob, d(2026, 1, 1), None),
        ("D", bob, d(2026, 3, 31), None),
        ("H", bob, d(2025, 10, 1), None),
    ]
    for name, person, started, ended in rows:
        ContactPersonAssignment.objects.create(
            youth=y[name], contact_person=person, started_on=started, ended_on=ended, assigned_by=person
        )


def _action_items(y, org, lead, alice):
    conference = CaseConference.objects.create(
        organisation=org, team=lead.team, held_on=d(2026, 4, 20), chaired_by=lead
    )
    case_a = ConferenceCase.objects.create(conference=conference, youth=y["A"], position=1)
    case_b = ConferenceCase.objects.create(conference=conference, youth=y["B"], position=2)
    task = Task.objects.create(youth=y["A"], owner=alice, title="Ring til TEC", due_on=d(2026, 5, 1), created_by=lead)
    ActionItem.objects.create(case=case_a, description="Ring til TEC", owner=alice, due_on=d(2026, 5, 1), task=task)
    done = Task.objects.create(
        youth=y["B"], owner=alice, title="Besøg", due_on=d(2026, 5, 1), created_by=lead, done_at=at(2026, 4, 25)
    )
    ActionItem.objects.create(case=case_b, description="Besøg", owner=alice, due_on=d(2026, 5, 1), task=done)
