"""The public verification page: confirms a real code, rejects a wrong one,
shows revoked certificates as revoked, leaks nothing else, and throttles."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from kui.audit.models import AuditEvent
from portfolio import services, verification


def url(certificate):
    return f"/bevis/{certificate.verification_code}/"


def danish(msgid: str) -> str:
    with translation.override("da"):
        return gettext(msgid)


def test_it_confirms_a_real_code(client, certificate):
    response = client.get(url(certificate))
    html = response.content.decode()
    assert response.status_code == 200
    assert "O. J." in html and "Pallehåndtering og ordreplukning" in html
    assert certificate.issuer.name in html and danish("This certificate is genuine.") in html


def test_it_reveals_nothing_else(client, certificate, oliver):
    html = client.get(url(certificate)).content.decode()
    for secret in (
        "Oliver",
        "Jørgensen",
        certificate.evidence,
        certificate.step.title,
        str(oliver.public_id),
        oliver.phone or "no-phone",
        certificate.issued_by.last_name,
    ):
        assert secret not in html, secret


def test_it_shows_a_revoked_certificate_as_revoked(client, alice, certificate):
    services.certificate_revoke(certificate=certificate, by=alice, reason="Udstedt ved en fejl")
    response = client.get(url(certificate))
    html = response.content.decode()
    assert response.status_code == 200 and 'data-result="revoked"' in html
    assert danish("This certificate has been revoked.") in html and "Udstedt ved en fejl" not in html


@pytest.mark.parametrize("code", ["ABCDE12345", "0000000000", "abc", "%3Cscript%3E", "ÆØÅÆØÅÆØÅÆ"])
def test_a_wrong_code_is_not_found(client, certificate, code):
    response = client.get(f"/bevis/{code}/")
    assert response.status_code == 404 and 'data-result="not-found"' in response.content.decode()


def test_a_typed_code_with_typos_leads_to_the_certificate(client, certificate):
    typed = certificate.display_code.lower().replace("0", "o").replace("1", "l")
    response = client.get(f"/bevis/{typed}/")
    assert response.status_code == 302 and response["Location"] == url(certificate)


def test_the_lookup_form_sends_on_to_the_code(client, certificate):
    response = client.get("/bevis/", {"code": certificate.display_code})
    assert response.status_code == 302 and response["Location"] == url(certificate)


def test_it_needs_no_login_and_is_not_cached(client, certificate):
    response = client.get(url(certificate))
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"].startswith("noindex")


def test_guessing_is_rate_limited_per_address(client, certificate, settings):
    settings.KUI_VERIFY_RATE_PER_MINUTE = 5
    statuses = [client.get(f"/bevis/ABCDE1234{n}/").status_code for n in range(5)]
    limited = client.get(url(certificate))
    assert statuses == [404] * 5 and limited.status_code == 429 and limited["Retry-After"] == "60"
    assert danish("Too many lookups") in limited.content.decode()


def test_another_address_is_not_limited(client, certificate, settings):
    settings.KUI_VERIFY_RATE_PER_MINUTE = 1
    client.get(url(certificate), REMOTE_ADDR="10.0.0.1")
    assert client.get(url(certificate), REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get(url(certificate), REMOTE_ADDR="10.0.0.2").status_code == 200


def test_a_lookup_is_recorded_for_the_holder_without_an_actor(client, certificate, oliver):
    client.get(url(certificate))
    event = AuditEvent.objects.filter(purpose="public verification").get()
    assert event.subject_id == oliver.public_id and event.actor is None


def test_codes_are_random_and_in_the_alphabet():
    codes = {verification.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 10 and set(code) <= set(verification.ALPHABET) for code in codes)


def test_the_qr_code_points_at_the_verification_page(certificate, settings):
    settings.KUI_BASE_URL = "https://kui.example.dk"
    assert verification.verification_url(certificate.verification_code) == (
        f"https://kui.example.dk/bevis/{certificate.verification_code}/"
    )
    assert verification.qr_svg(certificate.verification_code).startswith("<svg")
