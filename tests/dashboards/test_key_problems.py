"""Key problems: logbook themes counted as youths per period and team, for
the steering group and team leads, numbers only and suppressed under 5.

The world (today 23.11.2026, published through 22.11.2026):
housing  Oct 2026: Nord 6 youths (one with two notes, one again in Nov), Syd 2, no team 1  -> 9
economy  Oct 2026: Nord 7, Syd 3                                                           -> 10
crime    22.11.2026: 5 Nord youths; a sixth writes today (not yet published)               -> 5
"""

import datetime

import pytest
from django.urls import reverse

from tests.factories import TeamFactory
from tests.youths.factories import YouthFactory
from youths.models import LogbookNote, NoteTheme

URL = reverse("dashboards:key_problems")
d = datetime.date


@pytest.fixture
def world(org_a, team_a, alice):
    syd = TeamFactory(organisation=org_a, name="Team Syd")

    def note(youth, theme, day):
        LogbookNote.objects.create(
            youth=youth, theme=theme, written_on=day, text="Sagt i fortrolighed", written_by=alice
        )

    def youths(count, team):
        return [YouthFactory(organisation=org_a, team=team) for _ in range(count)]

    nord_housing = youths(6, team_a)
    for youth in nord_housing:
        note(youth, NoteTheme.HOUSING, d(2026, 10, 5))
    note(nord_housing[0], NoteTheme.HOUSING, d(2026, 10, 20))
    note(nord_housing[1], NoteTheme.HOUSING, d(2026, 11, 2))
    for youth in [*youths(2, syd), *youths(1, None)]:
        note(youth, NoteTheme.HOUSING, d(2026, 10, 8))
    for youth in youths(7, team_a):
        note(youth, NoteTheme.ECONOMY, d(2026, 10, 9))
    for youth in youths(3, syd):
        note(youth, NoteTheme.ECONOMY, d(2026, 10, 9))
    crime = youths(6, team_a)
    for youth in crime[:5]:
        note(youth, NoteTheme.CRIME, d(2026, 11, 22))
    note(crime[5], NoteTheme.CRIME, d(2026, 11, 23))
    return syd


def texts(table, theme):
    (row,) = [row for row in table.rows if row.key == theme]
    return dict(zip(table.columns, [cell.text for cell in row.cells], strict=True))


def test_the_steering_group_sees_themes_by_month(client, steering, world):
    client.force_login(steering)
    response = client.get(URL)
    over_time = response.context["figures"].over_time
    assert over_time.columns[0] == "dec 2025" and over_time.columns[-1] == "nov 2026"
    assert texts(over_time, "housing")["okt 2026"] == "9"  # one youth with two notes counts once
    assert texts(over_time, "housing")["nov 2026"] == "<5"
    assert texts(over_time, "housing")["sept 2026"] == "0"
    assert texts(over_time, "crime")["nov 2026"] == "5"  # today's note is not published yet
    assert "Sagt i fortrolighed" not in response.content.decode()


def test_by_quarter_a_youth_counts_once_per_quarter(client, steering, world):
    client.force_login(steering)
    over_time = client.get(URL, {"granularity": "quarter"}).context["figures"].over_time
    assert len(over_time.columns) == 8 and over_time.columns[-1] == "4. kvt. 2026"
    assert texts(over_time, "housing")["4. kvt. 2026"] == "9"
    assert texts(over_time, "economy")["4. kvt. 2026"] == "10"


def test_teams_are_suppressed_so_a_small_count_cannot_be_worked_out(client, steering, world):
    client.force_login(steering)
    by_team = client.get(URL).context["figures"].by_team
    assert by_team.columns == ["Team Nord", "Team Syd", "Intet team", "I alt"]
    assert texts(by_team, "housing") == {"Team Nord": "6", "Team Syd": "<5", "Intet team": "<5", "I alt": "9"}
    # Syd's 3 is the one unknown of 10 = 7 + 3 + 0: Nord is hidden too.
    assert texts(by_team, "economy") == {"Team Nord": "≥5", "Team Syd": "<5", "Intet team": "0", "I alt": "10"}


def test_a_team_lead_sees_only_the_own_team(client, lead, world):
    client.force_login(lead)
    figures = client.get(URL).context["figures"]
    assert figures.by_team is None
    assert texts(figures.over_time, "housing")["okt 2026"] == "6"
    assert texts(figures.over_time, "economy")["okt 2026"] == "7"


@pytest.mark.parametrize("persona", ["alice", "charlie", "youth_user"])
def test_other_roles_get_404(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404


def test_a_bad_granularity_gets_a_danish_error(client, steering, world):
    client.force_login(steering)
    response = client.get(URL, {"granularity": "day"})
    assert response.status_code == 400
    assert "Vælg måned eller kvartal." in response.content.decode()
    assert len(response.context["figures"].over_time.columns) == 12  # the default is still shown


def test_the_csv_is_as_suppressed_as_the_page(client, steering, world):
    client.force_login(steering)
    content = client.get(reverse("dashboards:key_problems_csv")).content.decode("utf-8-sig")
    assert "Bolig;" in content and "<5" in content and "≥5" in content
    assert "Sagt i fortrolighed" not in content


def test_the_queries_do_not_grow_with_youths_or_teams(
    client, steering, world, org_a, alice, django_assert_max_num_queries
):
    for number in range(20):
        team = TeamFactory(organisation=org_a, name=f"Team {number}")
        youth = YouthFactory(organisation=org_a, team=team)
        LogbookNote.objects.create(
            youth=youth, theme=NoteTheme.HEALTH, written_on=d(2026, 9, 1), text="x", written_by=alice
        )
    client.force_login(steering)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
