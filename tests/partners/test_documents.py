"""The signed agreement as an upload: PDF or DOCX only (judged by content
too), size-limited, no folder path in the name, stored under MEDIA_ROOT with
a random name and served only to people who may see the agreement."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.html import escape

from partners import services
from partners.models import AgreementDocument, AgreementStatus
from tests.partners.factories import DAY, TODAY

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def docx_bytes(with_document=True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_document:
            archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def agreement(lead, org_a, warehouse):
    return services.agreement_create(
        by=lead,
        parties=[org_a, warehouse],
        title="Praktikaftale",
        purpose="Praktik",
        owner=lead,
        status=AgreementStatus.ACTIVE,
        signed_on=TODAY - 10 * DAY,
        review_on=TODAY + 300 * DAY,
    )


def upload(client, agreement, name, content):
    return client.post(
        f"/partnere/aftaler/{agreement.public_id}/dokument/", {"file": SimpleUploadedFile(name, content)}
    )


def raw_upload(client, agreement, filename, content=PDF):
    """A multipart body written by hand: the test client (like browsers)
    would strip a folder path from the file name before sending it."""
    boundary = "kuiboundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            f"Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(
        f"/partnere/aftaler/{agreement.public_id}/dokument/",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def danish(message: str) -> str:
    with translation.override("da"):
        return escape(translation.gettext(message))


def test_a_lead_uploads_the_signed_pdf(client, lead, agreement, media_root):
    client.force_login(lead)
    assert upload(client, agreement, "aftale.pdf", PDF).status_code == 302
    document = AgreementDocument.objects.get()
    assert (document.original_name, document.kind, document.size) == ("aftale.pdf", "pdf", len(PDF))
    stored = media_root / document.file.name
    assert stored.parent == media_root / "agreements" and stored.read_bytes() == PDF
    assert "aftale" not in stored.name


def test_a_docx_is_accepted(client, lead, agreement):
    client.force_login(lead)
    assert upload(client, agreement, "aftale.docx", docx_bytes()).status_code == 302
    assert AgreementDocument.objects.get().kind == "docx"


@pytest.mark.parametrize(
    "name, content",
    [
        ("aftale.pdf", b"MZ\x90\x00\x03\x00\x00\x00program"),
        ("aftale.exe", b"MZ\x90\x00\x03\x00\x00\x00program"),
        ("aftale.docx", PDF),
        ("aftale.docx", docx_bytes(with_document=False)),
        ("aftale.txt", b"%PDF-1.4 but text"),
    ],
)
def test_other_files_are_refused(client, lead, agreement, name, content):
    client.force_login(lead)
    response = upload(client, agreement, name, content)
    assert response.status_code == 200 and response.context["document_form"].errors
    assert not AgreementDocument.objects.exists()


def test_a_renamed_exe_gets_a_danish_message(client, lead, agreement):
    client.force_login(lead)
    html = upload(client, agreement, "aftale.pdf", b"MZ\x90\x00program").content.decode()
    assert (
        danish("The file's content is not a PDF or Word (DOCX) document. Upload the signed agreement as PDF or DOCX.")
        in html
    )


def test_an_oversized_file_is_refused(client, lead, agreement, media_root):
    client.force_login(lead)
    response = upload(client, agreement, "aftale.pdf", PDF + b"0" * (10 * 1024 * 1024))
    assert danish("The file is too large. The limit is %(limit)d MB.") % {"limit": 10} in response.content.decode()
    assert not AgreementDocument.objects.exists()
    assert not (media_root / "agreements").exists() or not any((media_root / "agreements").iterdir())


@pytest.mark.parametrize("filename", ["../../etc/aftale.pdf", "C:\\\\Users\\\\lars\\\\aftale.pdf", "mappe/aftale.pdf"])
def test_a_file_name_with_a_path_is_refused(client, lead, agreement, filename):
    client.force_login(lead)
    response = raw_upload(client, agreement, filename)
    assert response.status_code == 200
    assert danish("The file name must not contain a folder path. Rename the file and try again.") in (
        response.content.decode()
    )
    assert not AgreementDocument.objects.exists()


def test_the_same_raw_upload_without_a_path_is_accepted(client, lead, agreement):
    client.force_login(lead)
    assert raw_upload(client, agreement, "aftale.pdf").status_code == 302
    assert AgreementDocument.objects.get().original_name == "aftale.pdf"


def test_the_upload_checks_the_csrf_token(lead, agreement):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(lead)
    assert upload(client, agreement, "aftale.pdf", PDF).status_code == 403
    assert not AgreementDocument.objects.exists()


@pytest.mark.parametrize("persona", ["alice", "charlie", "mentor", "steering"])
def test_only_editors_upload(client, request, agreement, persona):
    client.force_login(request.getfixturevalue(persona))
    assert upload(client, agreement, "aftale.pdf", PDF).status_code == 404
    assert not AgreementDocument.objects.exists()


def download(client, document):
    return client.get(f"/partnere/dokumenter/{document.public_id}/")


@pytest.fixture
def document(lead, agreement):
    return services.agreement_document_add(agreement=agreement, by=lead, upload=SimpleUploadedFile("aftale.pdf", PDF))


@pytest.mark.parametrize("persona", ["alice", "lead", "administrator"])
def test_the_document_downloads_for_allowed_users(client, request, document, persona):
    client.force_login(request.getfixturevalue(persona))
    response = download(client, document)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="aftale.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize("persona", ["charlie", "mentor", "steering", "youth_user"])
def test_the_document_is_404_for_everybody_else(client, request, document, persona):
    client.force_login(request.getfixturevalue(persona))
    assert download(client, document).status_code == 404


def test_anonymous_users_are_sent_to_login(client, document):
    response = download(client, document)
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


def test_no_media_url_serves_the_folder(client, lead, document, settings):
    client.force_login(lead)
    assert not settings.MEDIA_URL or settings.MEDIA_URL == "/"
    assert client.get(f"/{document.file.name}").status_code == 404
