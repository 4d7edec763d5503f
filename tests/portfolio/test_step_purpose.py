"""The purpose of each step: why this step and which goal it serves, written
by the contact person on the plan and shown to the youth on /mig/."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from pathways import services
from pathways.models import PURPOSE_MAX_LENGTH, Step
from tests import clock
from tests.pathways.factories import pathway_for
from tests.portfolio.factories import youth_with_login

TODAY = clock.TODAY
DAY = datetime.timedelta(days=1)
WHY = "Du prøver skolen af, før du søger ind, så du ved, hvad du går ind til."


@pytest.fixture
def oliver(alice):
    return youth_with_login(alice)


@pytest.fixture
def pathway(oliver):
    return pathway_for(oliver)


def add(pathway, by, **fields):
    fields.setdefault("purpose", WHY)
    return services.step_add(
        pathway=pathway, by=by, step_type="bridging", title="Brobygning i logistik", starts_on=TODAY + 3 * DAY, **fields
    )


def test_the_youth_sees_why_the_next_step_and_the_goal_it_serves(client, alice, oliver, pathway):
    add(pathway, alice)
    client.force_login(oliver.user)
    for url in ("/mig/", "/mig/plan/"):
        page = client.get(url).content.decode()
        assert "Hvorfor dette skridt" in page and WHY in page, url
        assert "Det fører dig mod dit mål: EGU i lager og logistik." in page, url


def test_the_contact_person_writes_it_on_the_step_form(client, alice, oliver, pathway):
    client.force_login(alice)
    response = client.post(
        f"/forloeb/unge/{oliver.public_id}/skridt/ny/",
        {
            "step_type": "bridging",
            "title": "Brobygning i logistik",
            "purpose": WHY,
            "starts_on": (TODAY + 3 * DAY).isoformat(),
            "ends_on": (TODAY + 17 * DAY).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Step.objects.get(pathway=pathway).purpose == WHY
    page = client.get(f"/forloeb/unge/{oliver.public_id}/").content.decode()
    assert WHY in page


def test_the_plan_says_when_it_is_missing(client, alice, oliver, pathway):
    add(pathway, alice, purpose="")
    client.force_login(alice)
    page = client.get(f"/forloeb/unge/{oliver.public_id}/").content.decode()
    assert "Ikke skrevet endnu: den unge ser det på sin egen side." in page


def test_too_long_a_purpose_gets_a_danish_error_and_saves_nothing(alice, pathway):
    with pytest.raises(ValidationError) as error:
        add(pathway, alice, purpose="x" * (PURPOSE_MAX_LENGTH + 1))
    assert "højst 500 tegn" in " ".join(error.value.message_dict["purpose"])
    assert not Step.objects.exists()


def test_the_page_keeps_the_text_and_saves_nothing(client, alice, oliver, pathway):
    client.force_login(alice)
    response = client.post(
        f"/forloeb/unge/{oliver.public_id}/skridt/ny/",
        {"step_type": "bridging", "title": "Brobygning", "purpose": "y" * 501, "starts_on": TODAY.isoformat()},
    )
    assert response.status_code == 200 and "500 tegn" in response.content.decode()
    assert not Step.objects.exists()


def test_another_youth_never_sees_it(client, bob, alice, pathway):
    add(pathway, alice)
    emma = youth_with_login(bob, username="emma", first_name="Emma", last_name="Ærø")
    client.force_login(emma.user)
    assert WHY not in client.get("/mig/plan/").content.decode()
