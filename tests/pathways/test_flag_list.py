"""The in-app list of open flags: mine, or my team's as a team lead."""

import datetime

import pytest
from django.utils import timezone

from kui.accounts.models import Role
from pathways.models import Flag, FlagKind, StepStatus
from tests.factories import TeamFactory, UserFactory
from tests.pathways.factories import pathway_for, step_in
from tests.youths.factories import youth_in_caseload

URL = "/forloeb/flag/"


def _flag(youth, kind=FlagKind.NO_CONTACT, days_open=0, **fields) -> Flag:
    raised = timezone.now() - datetime.timedelta(days=days_open)
    return Flag.objects.create(youth=youth, kind=kind, raised_at=raised, **fields)


def _shown(response) -> list[Flag]:
    return [flag for _label, _kind, flags in response.context["groups"] for flag in flags]


def test_it_lists_my_open_flags_grouped_by_kind(client, alice):
    youth = youth_in_caseload(alice)
    contact = _flag(youth, FlagKind.NO_CONTACT)
    stalled = _flag(youth, FlagKind.NO_NEXT_STEP)
    client.force_login(alice)
    response = client.get(URL)
    assert [(kind, flags) for _label, kind, flags in response.context["groups"]] == [
        (FlagKind.NO_NEXT_STEP, [stalled]),
        (FlagKind.NO_CONTACT, [contact]),
    ]


def test_it_links_the_youth_and_says_how_long_the_flag_has_been_open(client, alice):
    youth = youth_in_caseload(alice)
    _flag(youth, days_open=5)
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert f'href="/unge/{youth.public_id}/"' in html
    assert "<td>5</td>" in html


def test_kui_deadline_flags_show_their_legal_deadlines(client, alice):
    """Dropped on a Friday: contact within 5 weekdays, a new activity within 30 days."""
    youth = youth_in_caseload(alice)
    dropped = step_in(
        pathway_for(youth),
        datetime.date(2026, 11, 2),
        status=StepStatus.DROPPED,
        status_changed_on=datetime.date(2026, 11, 27),
    )
    _flag(youth, FlagKind.KUI_DEADLINE, cause=f"drop:{dropped.pk}", step=dropped)
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "04.12.2026" in html and "27.12.2026" in html


def test_resolved_flags_and_colleagues_flags_are_not_mine(client, alice, bob):
    _flag(youth_in_caseload(alice), resolved_at=timezone.now())
    _flag(youth_in_caseload(bob))
    client.force_login(alice)
    assert _shown(client.get(URL)) == []


def test_a_team_lead_sees_the_teams_flags_but_not_other_teams(client, lead, alice, org_a):
    mine = _flag(youth_in_caseload(alice))
    other_team = UserFactory(role=Role.CONTACT_PERSON, organisation=org_a, team=TeamFactory(organisation=org_a))
    _flag(youth_in_caseload(other_team))
    client.force_login(lead)
    assert _shown(client.get(URL)) == [mine]


def test_an_outsider_sees_none_of_organisation_as_flags(client, alice, charlie):
    _flag(youth_in_caseload(alice))
    client.force_login(charlie)
    assert _shown(client.get(URL)) == []


@pytest.mark.parametrize("persona", ["steering", "youth_user", "administrator"])
def test_other_roles_get_404(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404


def test_the_query_count_is_flat(client, lead, alice, bob, django_assert_max_num_queries):
    for index in range(25):
        _flag(
            youth_in_caseload((alice, bob)[index % 2]),
            FlagKind.values[index % len(FlagKind.values)],
            cause=f"x:{index}",
        )
    client.force_login(lead)
    with django_assert_max_num_queries(7 + 3):  # + the limits row; + the audit read naming the youths shown
        response = client.get(URL)
    assert len(_shown(response)) == 25
