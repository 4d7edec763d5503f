"""The youth's own pages: their contact person, next step, plan, portfolio
and PDF — nothing about other youths, no staff notes, no logbook. And a
youth can never reach another youth's certificate, reflection, PDF or data."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pathways.models import StepStatus
from portfolio.urls import urlpatterns
from tests.pathways.factories import step_in
from tests.portfolio.factories import completed_step
from youths import services as youth_services

YOUTH_PAGES = [
    "/mig/",
    "/mig/plan/",
    "/mig/portfolio/",
    "/mig/portfolio/pdf/",
    "/mig/portfolio/pdf/status/",
    "/mig/refleksioner/",
    "/mig/mine-data/",
]


@pytest.fixture
def planned(oliver):
    pathway = completed_step(oliver).pathway
    return step_in(
        pathway,
        timezone.localdate() + datetime.timedelta(days=3),
        status=StepStatus.PLANNED,
        title="Brobygning i logistik",
    )


def test_home_shows_my_contact_person_and_how_to_reach_them(client, alice, oliver):
    alice.phone = "20304050"
    alice.save()
    client.force_login(oliver.user)
    html = client.get("/mig/").content.decode()
    assert alice.get_full_name() in html and 'href="tel:20304050"' in html and f"mailto:{alice.email}" in html


def test_home_shows_my_next_step(client, oliver, planned):
    client.force_login(oliver.user)
    response = client.get("/mig/")
    assert 'id="next-step"' in response.content.decode() and "Brobygning i logistik" in response.content.decode()


def test_the_plan_shows_what_i_did_and_what_comes_next(client, oliver, planned):
    client.force_login(oliver.user)
    html = client.get("/mig/plan/").content.decode()
    assert "Praktik på lager – pluk og pak" in html and "Brobygning i logistik" in html
    assert "EGU i lager og logistik" in html


def test_no_staff_notes_and_no_logbook_anywhere(client, alice, oliver, planned, certificate):
    youth_services.note_write(
        youth=oliver, by=alice, theme="health", text="Hemmeligt logbogsnotat", written_on=timezone.localdate()
    )
    youth_services.contact_log(
        youth=oliver,
        by=alice,
        happened_at=timezone.now(),
        medium="phone",
        duration_minutes=10,
        reached=True,
        note="Hemmeligt kontaktnotat",
    )
    planned.evaluation_note = "Hemmelig evaluering"
    planned.save()
    client.force_login(oliver.user)
    for page in YOUTH_PAGES:
        html = client.get(page).content.decode()
        for secret in ("Hemmeligt logbogsnotat", "Hemmeligt kontaktnotat", "Hemmelig evaluering"):
            assert secret not in html, (page, secret)


def test_nothing_about_another_youth(client, oliver, other_youth, certificate):
    client.force_login(oliver.user)
    for page in YOUTH_PAGES:
        html = client.get(page).content.decode()
        for secret in ("Emma", "Emmas hemmelige mål", "Bagte brød", other_youth.certificates.get().display_code):
            assert secret not in html, (page, secret)


def test_a_login_without_a_case_file_gets_a_friendly_home(client, youth_user):
    client.force_login(youth_user)
    assert client.get("/mig/").status_code == 200
    assert client.get("/mig/portfolio/").status_code == 404


def test_the_youth_lands_on_their_home(client, oliver):
    client.force_login(oliver.user)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/mig/"


@pytest.mark.parametrize("persona", ["alice", "lead", "steering", "administrator"])
def test_staff_cannot_open_the_youth_pages(client, request, oliver, persona):
    client.force_login(request.getfixturevalue(persona))
    for page in YOUTH_PAGES:
        assert client.get(page).status_code == 404, page


def _youth_routes_with_objects():
    for pattern in urlpatterns:
        route = str(pattern.pattern)
        if route.startswith("mig/") and pattern.pattern.converters:
            yield pattern.name, route


def test_every_youth_url_with_an_object_refuses_another_youths_object(client, oliver, other_youth):
    """Emma's certificate and reflection ids, tried through Oliver's login."""
    samples = {
        "certificate_id": other_youth.certificates.get().public_id,
        "reflection_id": other_youth.reflections.get().public_id,
    }
    client.force_login(oliver.user)
    checked = 0
    for name, route in _youth_routes_with_objects():
        (parameter,) = [p for p in samples if f"<uuid:{p}>" in route]
        path = reverse(f"portfolio:{name}", kwargs={parameter: samples[parameter]})
        assert client.get(path).status_code in {404, 405}, path
        assert client.post(path, {"kind": "goal", "text": "overskrevet"}).status_code == 404, path
        checked += 1
    assert checked == 4  # certificate PDF, reflection edit, delete and goal reached
    assert other_youth.reflections.get().text == "Emmas hemmelige mål"


def test_my_certificate_pdf_is_mine(client, oliver, certificate):
    client.force_login(oliver.user)
    response = client.get(f"/mig/beviser/{certificate.public_id}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Oliver" not in response["Content-Disposition"]


def test_a_revoked_certificate_has_no_pdf_for_the_youth(client, alice, oliver, certificate):
    from portfolio import services

    services.certificate_revoke(certificate=certificate, by=alice, reason="Fejl")
    client.force_login(oliver.user)
    assert client.get(f"/mig/beviser/{certificate.public_id}/pdf/").status_code == 404


def test_my_portfolio_pdf_downloads_at_once_without_a_worker(client, oliver, certificate):
    client.force_login(oliver.user)
    response = client.get("/mig/portfolio/pdf/hent/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]


def test_the_portfolio_page_lists_my_certificates(client, oliver, certificate):
    client.force_login(oliver.user)
    html = client.get("/mig/portfolio/").content.decode()
    assert f'data-certificate="{certificate.public_id}"' in html and certificate.display_code in html
