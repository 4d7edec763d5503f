"""The steering demo user (`styregruppe`) in the demo municipality: no youth,
pathway or portfolio URL opens for them, and no page they can open names a
youth — the dashboards included, with every breakdown."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from kui.accounts.models import User
from tests.test_url_sweep import PUBLIC, all_routes, build_path, world  # noqa: F401  (the sweep's world)
from youths.models import Youth

# URL parameters that name a youth's data (youths, pathways, portfolio).
YOUTH_PARAMETERS = {
    "youth_id",
    "meeting_id",
    "consent_id",
    "note_id",
    "person_id",
    "step_id",
    "task_id",
    "conference_id",
    "certificate_id",
    "reflection_id",
}


@pytest.fixture
def styregruppe(settings, db):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", youths=8, stdout=io.StringIO())
    return User.objects.get(username="styregruppe")


@pytest.fixture
def alice(styregruppe):
    """The sweep's world, built by the demo contact person: same organisation as `styregruppe`."""
    return User.objects.get(username="tovholder")


def youth_routes():
    return [
        (name, route, pattern)
        for name, route, pattern in all_routes()
        if name not in PUBLIC and set(pattern.pattern.converters) & YOUTH_PARAMETERS
    ]


def test_no_youth_url_opens_for_the_steering_demo_user(client, styregruppe, world):
    client.force_login(styregruppe)
    routes = youth_routes()
    for name, route, pattern in routes:
        path = build_path(route, pattern, world)
        assert client.post(path).status_code == 404, f"POST {name} {path}"
        assert client.get(path).status_code in {404, 405}, f"GET {name} {path}"
    assert len(routes) >= 20


def test_no_demo_youths_page_opens_for_the_steering_demo_user(client, styregruppe):
    client.force_login(styregruppe)
    profile_routes = [
        (route, pattern) for _name, route, pattern in youth_routes() if set(pattern.pattern.converters) == {"youth_id"}
    ]
    for youth in Youth.objects.all():
        for route, pattern in profile_routes:
            path = build_path(route, pattern, {"youth": youth})
            assert client.get(path).status_code in {404, 405}, path


def test_no_page_the_steering_demo_user_opens_names_a_youth(client, styregruppe):
    client.force_login(styregruppe)
    names = [f"{first} {last}" for first, last in Youth.objects.values_list("first_name", "last_name")]
    pages = [
        build_path(route, pattern, {})
        for name, route, pattern in all_routes()
        if name not in PUBLIC and not pattern.pattern.converters
    ]
    dashboard = reverse("dashboards:overview")
    pages += [f"{dashboard}?breakdown={b}" for b in ("team", "partner", "support_level", "age_band")]
    for path in pages:
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            html = response.content.decode()
            assert not [name for name in names if name in html], path
