"""The portfolio beside the case file (staff) and its card on the profile."""

import pytest

from kui.audit.models import AuditAction, AuditEvent
from tests.portfolio.factories import certificate_for, completed_step


def url(youth):
    return f"/unge/{youth.public_id}/portfolio/"


def test_it_shows_certificates_courses_and_reflections(client, alice, oliver, certificate):
    from portfolio import services

    services.reflection_write(youth=oliver, by=oliver.user, kind="goal", text="Jeg vil på lager")
    client.force_login(alice)
    html = client.get(url(oliver)).content.decode()
    assert certificate.display_code in html and "Praktik på lager – pluk og pak" in html
    assert "Jeg vil på lager" in html


def test_reading_the_portfolio_is_audited(client, alice, oliver):
    client.force_login(alice)
    client.get(url(oliver))
    assert AuditEvent.objects.filter(action=AuditAction.READ, subject_id=oliver.public_id, purpose="portfolio").exists()


def test_a_colleague_in_the_organisation_may_open_it(client, bob, oliver):
    client.force_login(bob)
    assert client.get(url(oliver)).status_code == 200


@pytest.mark.parametrize("persona", ["charlie", "steering", "youth_user", "administrator"])
def test_others_get_404(client, request, oliver, certificate, persona):
    client.force_login(request.getfixturevalue(persona))
    for path in (
        url(oliver),
        url(oliver) + "pdf/",
        url(oliver) + "pdf/hent/",
        url(oliver) + f"bevis/{certificate.public_id}/pdf/",
    ):
        assert client.get(path).status_code == 404, path


def test_the_youth_themselves_cannot_open_the_staff_page(client, oliver):
    client.force_login(oliver.user)
    assert client.get(url(oliver)).status_code == 404


def test_the_portfolio_card_is_a_profile_section():
    from youths import profile_sections

    assert "portfolio/includes/_profile_portfolio.html" in profile_sections.SECTIONS


def test_the_profile_card_offers_a_certificate_for_an_uncertified_step(alice, oliver, certificate):
    from django.template.loader import render_to_string

    uncertified = completed_step(oliver, title="Værksted i træ")
    html = render_to_string("portfolio/includes/_profile_portfolio.html", {"youth": oliver})
    assert 'id="h-portfolio"' in html and certificate.competences.get().name in html
    assert f"/unge/{oliver.public_id}/portfolio/bevis/nyt/?step={uncertified.public_id}" in html


def test_the_staff_certificate_pdf_is_audited_as_an_export(client, alice, oliver, certificate):
    client.force_login(alice)
    response = client.get(url(oliver) + f"bevis/{certificate.public_id}/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, purpose="certificate PDF").count() == 1


def test_the_page_does_not_grow_in_queries_with_certificates(client, alice, oliver, django_assert_max_num_queries):
    step = completed_step(oliver)
    for number in range(20):
        certificate_for(oliver, alice, names=(f"Kompetence {number}",), step=step)
    client.force_login(alice)
    with django_assert_max_num_queries(20):
        response = client.get(url(oliver))
    assert response.content.decode().count("data-certificate=") == 20


def test_staff_download_the_portfolio_pdf(client, alice, oliver, certificate):
    client.force_login(alice)
    page = client.get(url(oliver) + "pdf/").content.decode()
    response = client.get(url(oliver) + "pdf/hent/")
    assert 'data-status="ready"' in page and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, purpose="portfolio PDF", actor=alice).exists()


def test_the_profile_page_shows_the_portfolio_card(client, alice, oliver, certificate):
    client.force_login(alice)
    html = client.get(f"/unge/{oliver.public_id}/").content.decode()
    assert 'id="h-portfolio"' in html and f"/unge/{oliver.public_id}/portfolio/" in html
