import datetime

import pytest
from django.utils import timezone

from tests.youths.factories import YouthFactory
from youths.models import YouthStatus

URL = "/unge/venteliste/"


def waiting(organisation, days_ago=10, **fields):
    referral = timezone.localdate() - datetime.timedelta(days=days_ago)
    return YouthFactory(organisation=organisation, status=YouthStatus.WAITING, referral_date=referral, **fields)


def _youths(response):
    return [row["youth"] for row in response.context["rows"]]


def test_it_lists_the_most_urgent_first_then_the_longest_waiting(client, alice):
    later = waiting(alice.organisation, days_ago=3, priority=1)
    first = waiting(alice.organisation, days_ago=20, priority=1)
    calm = waiting(alice.organisation, days_ago=60, priority=3)
    client.force_login(alice)
    assert _youths(client.get(URL)) == [first, later, calm]


def test_it_leaves_out_youths_who_are_not_waiting(client, alice):
    queued = waiting(alice.organisation)
    YouthFactory(organisation=alice.organisation, status=YouthStatus.ACTIVE)
    client.force_login(alice)
    assert _youths(client.get(URL)) == [queued]


def test_it_shows_age_and_days_on_the_list(client, alice):
    youth = waiting(alice.organisation, days_ago=12, birth_date=datetime.date(2005, 5, 5))
    client.force_login(alice)
    row = client.get(URL).context["rows"][0]
    assert row["days_waiting"] == 12
    assert row["age"] == youth.age


def test_each_row_links_to_the_intake_form(client, lead):
    youth = waiting(lead.organisation)
    client.force_login(lead)
    assert f'href="/unge/{youth.public_id}/visitation/"' in client.get(URL).content.decode()


def test_an_outsider_sees_nobody_from_another_organisation(client, alice, charlie):
    waiting(alice.organisation)
    client.force_login(charlie)
    response = client.get(URL)
    assert response.status_code == 200
    assert _youths(response) == []


@pytest.mark.parametrize("persona", ["steering", "youth_user", "administrator"])
def test_roles_without_case_files_get_404(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404


@pytest.mark.parametrize("count", [5, 25])
def test_the_query_count_does_not_grow_with_rows(client, alice, team_a, count, django_assert_max_num_queries):
    for number in range(count):
        waiting(alice.organisation, days_ago=number, team=team_a)
    client.force_login(alice)
    with django_assert_max_num_queries(7 + 3):  # + the limits row; + the audit read naming the youths shown
        response = client.get(URL)
    assert len(response.context["rows"]) == count
