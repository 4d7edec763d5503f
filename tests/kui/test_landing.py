import pytest

from kui.accounts.models import Role
from tests.factories import UserFactory


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


@pytest.mark.parametrize("role", [Role.CONTACT_PERSON, Role.TEAM_LEAD])
def test_casework_roles_land_on_the_board(client, org_a, role):
    client.force_login(UserFactory(role=role, organisation=org_a))
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/unge/"
    assert response.status_code == 200


@pytest.mark.parametrize("role", [Role.PARTNER_STAFF, Role.STEERING, Role.YOUTH, Role.ADMINISTRATOR])
def test_every_other_role_reaches_a_landing_page(client, org_a, role):
    user = UserFactory(role=role, organisation=org_a)
    client.force_login(user)
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert str(user.get_role_display()) in response.content.decode()


def test_landing_follows_the_users_role_not_a_url(client, steering):
    client.force_login(steering)
    response = client.get("/unge/")
    assert response.status_code == 404
