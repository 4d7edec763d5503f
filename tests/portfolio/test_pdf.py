"""The certificate and portfolio PDFs: the youth's name, æøå intact, every
certificate, the youth's words as text, embedded fonts — and page 1 as a
PNG in test-artifacts/ for people to look at after a CI run."""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from portfolio import pdfs, services
from portfolio.selectors import portfolio_for
from tests.portfolio.factories import certificate_for, completed_step

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
COMPETENCES = [
    "Pallehåndtering og ordreplukning",
    "Lagerstyring med håndscanner",
    "Mødestabilitet",
    "Samarbejde i team",
    "Hygiejne i fødevarevirksomhed",
]


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def first_page_png(pdf: bytes, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(ARTIFACTS / f"{name}-page1"),
        ],
        check=True,
    )
    return ARTIFACTS / f"{name}-page1.png"


@pytest.fixture
def full_portfolio(alice, oliver):
    step = completed_step(oliver)
    certificates = [
        certificate_for(oliver, alice, names=(name,), step=step, evidence=f"Øvede {name.lower()} på lageret")
        for name in COMPETENCES
    ]
    services.reflection_write(youth=oliver, by=oliver.user, kind="goal", text="Jeg vil være lagerarbejder på Ærø.")
    return certificates


def test_the_certificate_has_the_name_the_competence_and_the_code(certificate):
    text = pdf_text(pdfs.certificate_pdf(certificate))
    assert "Oliver Jørgensen" in text and "Pallehåndtering og ordreplukning" in text
    assert certificate.display_code in text and f"/bevis/{certificate.verification_code}/" in text


def test_the_portfolio_has_the_name_and_every_certificate(oliver, full_portfolio):
    text = pdf_text(pdfs.portfolio_pdf(portfolio_for(oliver)))
    assert "Oliver Jørgensen" in text and "Jeg vil være lagerarbejder på Ærø." in text
    for certificate in full_portfolio:
        assert certificate.display_code in text
    for name in COMPETENCES:
        assert name in text


def test_a_revoked_certificate_is_left_out_of_the_portfolio(alice, oliver, full_portfolio):
    services.certificate_revoke(certificate=full_portfolio[0], by=alice, reason="Fejl")
    text = pdf_text(pdfs.portfolio_pdf(portfolio_for(oliver)))
    assert full_portfolio[0].display_code not in text and full_portfolio[1].display_code in text


def test_page_one_is_saved_as_a_png_artefact(oliver, full_portfolio):
    png = first_page_png(pdfs.portfolio_pdf(portfolio_for(oliver)), "portfolio")
    assert png.exists() and png.stat().st_size > 1000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_certificate_page_is_saved_as_a_png_artefact(certificate):
    png = first_page_png(pdfs.certificate_pdf(certificate), "certificate")
    assert png.exists() and png.stat().st_size > 1000


def test_the_fonts_are_embedded(certificate, tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdfs.certificate_pdf(certificate))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout.decode()
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert any("DejaVu-Sans" in row for row in rows)
    assert all(" yes " in row for row in rows)  # every font embedded


@override_settings(KUI_MUNICIPALITY_NAME="Læsø Kommune")
def test_the_municipality_is_configurable(certificate):
    assert "Læsø Kommune" in pdf_text(pdfs.certificate_pdf(certificate))


def test_a_script_in_a_reflection_is_printed_as_text(oliver):
    services.reflection_write(
        youth=oliver, by=oliver.user, kind="reflection", text='<script>alert("x")</script> <b>fed</b>'
    )
    text = pdf_text(pdfs.portfolio_pdf(portfolio_for(oliver)))
    assert '<script>alert("x")</script> <b>fed</b>' in text


def test_the_logo_is_drawn_from_the_configured_static_file(certificate, settings, monkeypatch):
    from kui.lib.pdf import StaticOnlyFetcher

    settings.KUI_MUNICIPALITY_LOGO = "portfolio/portfolio.css"  # any static file will do as a marker
    fetched, original = [], StaticOnlyFetcher.fetch
    monkeypatch.setattr(
        StaticOnlyFetcher, "fetch", lambda self, url, headers=None: fetched.append(url) or original(self, url, headers)
    )
    pdfs.certificate_pdf(certificate)
    assert any(url.endswith("/static/portfolio/portfolio.css") for url in fetched)
