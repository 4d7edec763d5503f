"""Importing a caseload from CSV or XLSX: preview first, then all or nothing."""

import datetime
import io
import logging

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kui.audit.models import AuditEvent
from kui.celery_app import app
from tests.youths.factories import YouthFactory
from youths import importer, services
from youths.models import Contact, ContactPersonAssignment, ImportStatus, Youth, YouthImport

URL, CONFIRM = "/unge/import/", "/unge/import/bekraeft/"
HEADER = "fornavn;efternavn;fødselsdato;cpr;målgruppe;støtteniveau;status;kontaktperson;seneste kontakt"
SOFIE_CPR = "0304054123"
SOFIE = f"Sofie;Østergaard;03.04.2005;{SOFIE_CPR[:6]}-{SOFIE_CPR[6:]};Frafald;Tæt opfølgning;aktiv;alice;01.02.2024"
MADS = "Mads;Berg;2004-11-20;;dropped_out;close;venteliste;;"


def csv_upload(*lines, header=HEADER, name="unge.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, "\n".join([header, *lines]).encode(encoding), content_type="text/csv")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # assert on the English msgids
    return client


def problems(response) -> list[tuple[int, str]]:
    return [(error.row, error.column) for error in response.context["errors"]]


@pytest.fixture
def confirm(django_capture_on_commit_callbacks):
    """POSTs the confirm step and runs what it queued after the commit: the
    job, in eager mode (the embedded default) even where REDIS_URL is set;
    tests/youths/test_import_worker.py runs it on a real worker."""
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True

    def post(client):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(CONFIRM)

    yield post
    app.conf.task_always_eager = eager


def progress_url(youth_import) -> str:
    return f"/unge/import/{youth_import.public_id}/"


def test_it_previews_a_valid_csv_and_saves_nothing(as_alice, media_root):
    response = as_alice.post(URL, {"file": csv_upload(SOFIE, MADS)})
    assert response.status_code == 200
    assert [row.number for row in response.context["rows"]] == [2, 3] and not response.context["errors"]
    assert CONFIRM in response.content.decode()
    assert not Youth.objects.exists()
    assert YouthImport.objects.get().status == ImportStatus.PREVIEWED


def test_it_imports_every_row_on_confirm(as_alice, alice, media_root, confirm):
    as_alice.post(URL, {"file": csv_upload(SOFIE, MADS)})
    response = confirm(as_alice)
    youth_import = YouthImport.objects.get()
    assert response.status_code == 302 and response["Location"] == progress_url(youth_import)
    assert (youth_import.status, youth_import.imported_count, bytes(youth_import.payload)) == ("done", 2, b"")
    assert "2 youths were imported." in as_alice.get(response["Location"]).content.decode()
    sofie, mads = Youth.objects.get(first_name="Sofie"), Youth.objects.get(first_name="Mads")
    assert (sofie.status, sofie.support_level, sofie.target_group, sofie.cpr_encrypted) == (
        "active",
        "close",
        "dropped_out",
        SOFIE_CPR,
    )
    assert ContactPersonAssignment.objects.get(youth=sofie, ended_on__isnull=True).contact_person == alice
    assert Contact.objects.get(youth=sofie).happened_at.date() == datetime.date(2024, 2, 1)
    assert (mads.status, mads.cpr_encrypted, mads.assignments.exists()) == ("waiting", None, False)
    assert list(sofie.status_changes.values_list("to_status", "reason")) == [("active", "Registered")]


def test_the_services_write_the_audit_trail(as_alice, alice, confirm):
    as_alice.post(URL, {"file": csv_upload(SOFIE)})
    confirm(as_alice)
    sofie = Youth.objects.get()
    actions = set(
        AuditEvent.objects.filter(actor=alice, subject_id=sofie.public_id).values_list("content_type__model", "action")
    )
    assert {("youth", "create"), ("contactpersonassignment", "create"), ("contact", "create")} <= actions


def _xlsx_upload(rows, name="unge.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_it_imports_an_xlsx_with_date_and_number_cells(as_alice, alice, confirm):
    upload = _xlsx_upload(
        [
            ["Fornavn", "Efternavn", "Fødselsdato", "CPR", "Målgruppe", "Kontaktperson", "Seneste kontakt", "Telefon"],
            [
                "Sofie",
                "Østergaard",
                datetime.date(2005, 4, 3),
                int(SOFIE_CPR),
                "Misbrug",
                alice.email,
                datetime.datetime(2025, 1, 6, 10, 0),
                20304050.0,
            ],
        ]
    )
    preview = as_alice.post(URL, {"file": upload})
    assert not preview.context["errors"]
    confirm(as_alice)
    sofie = Youth.objects.get()
    assert (sofie.birth_date, sofie.cpr_encrypted, sofie.phone, sofie.target_group) == (
        datetime.date(2005, 4, 3),
        SOFIE_CPR,
        "20304050",
        "substance_use",
    )


def test_english_headers_and_commas_are_understood(as_alice, bob):
    upload = csv_upload(
        "Ida,Holm,14.03.2000,Social problems,Exit phase,bob",
        header=("First name,Last name,Birth date,Target group,Support level,Contact person"),
    )
    response = as_alice.post(URL, {"file": upload})
    assert not response.context["errors"]
    assert response.context["rows"][0].youth_fields["support_level"] == "exit"


def test_an_excel_csv_in_windows_1252_is_read(as_alice):
    response = as_alice.post(URL, {"file": csv_upload(SOFIE, encoding="cp1252")})
    assert not response.context["errors"]
    assert response.context["rows"][0].youth_fields["last_name"] == "Østergaard"


def test_the_preview_lists_every_bad_row_by_row_and_column(as_alice):
    upload = csv_upload(
        SOFIE,
        "Ali;Khan;01.01.2099;;Frafald;;venteliste;;",  # birth date in the future
        "Emil;Lund;2004-11-20;123;Ukendt;Tæt;aktiv;alice;",  # bad CPR, unknown target group
        "Nora;Dam;31.02.2004;;Frafald;;Glad;alice;tomorrow",  # no such date, unknown status, bad last contact
    )
    response = as_alice.post(URL, {"file": upload})
    assert set(problems(response)) == {
        (3, "fødselsdato"),
        (4, "cpr"),
        (4, "målgruppe"),
        (5, "fødselsdato"),
        (5, "status"),
        (5, "seneste kontakt"),
    }
    assert CONFIRM not in response.content.decode()
    assert not Youth.objects.exists()


def test_one_bad_row_leaves_nothing_to_confirm(as_alice, media_root, confirm):
    as_alice.post(URL, {"file": csv_upload(SOFIE, MADS, "Ali;Khan;;;Frafald;;;;")})
    response = confirm(as_alice)
    assert response.status_code == 302 and response["Location"] == URL
    assert not Youth.objects.exists() and not YouthImport.objects.exists()


def test_a_failure_while_importing_rolls_every_row_back(as_alice, monkeypatch, confirm):
    as_alice.post(URL, {"file": csv_upload(MADS, SOFIE)})

    def fail(**kwargs):
        raise ValidationError("boom")

    monkeypatch.setattr(importer, "contact_import_many", fail)
    response = confirm(as_alice)
    page = as_alice.get(response["Location"]).content.decode()
    assert 'data-status="failed"' in page and "Nothing was imported" in page
    assert not Youth.objects.exists() and not ContactPersonAssignment.objects.exists()
    assert YouthImport.objects.get().status == ImportStatus.FAILED


def test_a_youth_registered_between_preview_and_confirm_stops_the_import(as_alice, alice, confirm):
    as_alice.post(URL, {"file": csv_upload(MADS, SOFIE)})
    services.youth_create(
        by=alice,
        first_name="Sofie",
        last_name="Ø",
        birth_date=datetime.date(2005, 4, 3),
        target_group="other",
        cpr=SOFIE_CPR,
    )
    response = confirm(as_alice)
    youth_import = YouthImport.objects.get()
    assert youth_import.status == ImportStatus.FAILED
    assert [(p["row"], p["column"]) for p in youth_import.problems] == [(3, "cpr")]
    assert "A youth with this CPR number is already registered." in as_alice.get(response["Location"]).content.decode()
    assert Youth.objects.count() == 1


def test_duplicates_in_the_file_and_in_the_register_are_errors(as_alice, alice):
    YouthFactory(
        organisation=alice.organisation, first_name="Mads", last_name="Berg", birth_date=datetime.date(2004, 11, 20)
    )
    response = as_alice.post(URL, {"file": csv_upload(SOFIE, MADS, SOFIE.replace("Sofie;Østergaard", "Sif;Ø"))})
    assert set(problems(response)) == {(3, "fornavn"), (4, "cpr")}
    assert response.context["errors"][-1].message == "The same CPR number as in row 2."


def test_a_contact_person_from_another_organisation_is_an_error(as_alice, charlie):
    response = as_alice.post(URL, {"file": csv_upload(SOFIE.replace(";alice;", ";charlie;"))})
    (error,) = response.context["errors"]
    assert (error.row, error.column) == (2, "kontaktperson")
    assert "No contact person or team lead in your organisation" in error.message


def test_an_active_youth_without_contact_person_is_an_error(as_alice):
    response = as_alice.post(URL, {"file": csv_upload(SOFIE.replace(";alice;", ";;"))})
    assert problems(response) == [(2, "kontaktperson")]


@pytest.mark.parametrize(
    "name,content",
    [
        ("unge.csv", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"),  # a renamed .exe
        ("unge.xlsx", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"),
        ("unge.exe", b"fornavn;efternavn\n"),
        ("unge.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"),
        ("unge.xlsx", b"PK\x03\x04 not really a zip"),
        ("unge.csv", HEADER.encode() + b"\nS\x81fie;\x8d;03.04.2005"),  # bytes no encoding has
        ("unge.csv", b"fornavn;efternavn;cpr\nSofie;Dam;0304054123"),  # required columns missing
        ("unge.csv", HEADER.encode()),  # no rows
    ],
)
def test_a_broken_or_foreign_file_is_a_form_error_and_saves_nothing(as_alice, media_root, name, content):
    response = as_alice.post(URL, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Youth.objects.exists() and not YouthImport.objects.exists()


def test_an_oversized_file_is_refused(as_alice):
    padding = "\n".join([MADS] * (importer.MAX_UPLOAD_BYTES // len(MADS) + 10))
    response = as_alice.post(URL, {"file": csv_upload(padding)})
    assert response.context["form"].errors["file"] == ["The file is larger than 2 MB; split it into smaller files."]


def test_an_xlsx_that_unpacks_too_large_is_refused(as_alice, monkeypatch):
    monkeypatch.setattr(importer, "MAX_UNPACKED_BYTES", 100)
    response = as_alice.post(URL, {"file": _xlsx_upload([["fornavn", "efternavn", "fødselsdato", "målgruppe"]])})
    assert "too large when unpacked" in response.context["form"].errors["file"][0]


def test_too_many_rows_are_refused(as_alice, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 2)
    response = as_alice.post(URL, {"file": csv_upload(SOFIE, MADS, MADS)})
    assert "more than 2 rows" in response.context["form"].errors["file"][0]


def test_the_cpr_number_never_reaches_session_url_logs_or_database_in_clear(as_alice, caplog, confirm):
    caplog.set_level(logging.DEBUG)
    preview = as_alice.post(URL, {"file": csv_upload(SOFIE)})
    stored = bytes(YouthImport.objects.get().payload)
    session = str(dict(as_alice.session.items()))
    confirmed = confirm(as_alice)
    for digits in (SOFIE_CPR, f"{SOFIE_CPR[:6]}-{SOFIE_CPR[6:]}"):
        assert digits not in session and digits not in caplog.text and digits not in confirmed["Location"]
        assert digits.encode() not in stored and digits not in preview.content.decode()
    assert Youth.objects.get().cpr_encrypted == SOFIE_CPR


def test_another_users_import_is_not_honoured(client, as_alice, bob, confirm):
    as_alice.post(URL, {"file": csv_upload(SOFIE)})
    pending = as_alice.session["youth_import"]
    client.force_login(bob)
    session = client.session
    session["youth_import"] = pending
    session.save()
    assert confirm(client).status_code == 302
    assert not Youth.objects.exists() and YouthImport.objects.get().status == ImportStatus.PREVIEWED
    assert client.get(progress_url(YouthImport.objects.get())).status_code == 404


def test_a_second_confirm_does_not_import_twice(as_alice, confirm):
    as_alice.post(URL, {"file": csv_upload(SOFIE)})
    session = as_alice.session
    pending = session["youth_import"]
    confirm(as_alice)
    session = as_alice.session
    session["youth_import"] = pending
    session.save()
    again = confirm(as_alice)
    assert again["Location"] == URL and Youth.objects.count() == 1


def test_the_progress_page_polls_while_the_job_waits(as_alice, alice):
    youth_import = importer.import_prepare(table=importer.read_table("csv", f"{HEADER}\n{MADS}".encode()), by=alice)
    YouthImport.objects.filter(pk=youth_import.pk).update(status=ImportStatus.QUEUED)
    page = as_alice.get(progress_url(youth_import)).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'role="status"' in page and "0 of 1 rows saved" in page
    partial = as_alice.get(progress_url(youth_import), HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith("<div") and "<html" not in partial


def test_a_job_delivered_twice_imports_once(alice):
    table = importer.read_table("csv", f"{HEADER}\n{MADS}".encode())
    youth_import = importer.import_prepare(table=table, by=alice)
    YouthImport.objects.filter(pk=youth_import.pk).update(status=ImportStatus.QUEUED)
    assert importer.import_run(import_id=youth_import.pk).status == ImportStatus.DONE
    assert importer.import_run(import_id=youth_import.pk) is None
    assert Youth.objects.count() == 1


def test_a_team_lead_may_import(client, lead, confirm):
    client.force_login(lead)
    assert client.get(URL).status_code == 200
    client.post(URL, {"file": csv_upload(SOFIE.replace(";alice;", ";lead;"))})
    assert confirm(client)["Location"] == progress_url(YouthImport.objects.get())
    assert Youth.objects.get().assignments.get().contact_person == lead


@pytest.mark.parametrize("persona", ["steering", "youth_user", "administrator"])
def test_other_roles_get_404(client, request, persona, confirm):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"file": csv_upload(MADS)}).status_code == 404
    assert confirm(client).status_code == 404


def test_the_board_links_to_the_import(as_alice):
    assert URL in as_alice.get("/unge/").content.decode()


def test_preview_queries_do_not_grow_with_rows(as_alice, django_assert_max_num_queries):
    lines = [f"Ung{n};Hansen;2004-11-{n + 1:02d};;Frafald;;;alice;" for n in range(25)]
    with django_assert_max_num_queries(12):
        response = as_alice.post(URL, {"file": csv_upload(*lines)})
    assert len(response.context["rows"]) == 25 and not response.context["errors"]


def test_import_queries_do_not_grow_with_rows(as_alice, django_assert_max_num_queries, confirm):
    lines = [f"Ung{n};Hansen;2004-11-{n + 1:02d};;Frafald;;;alice;01.02.2026" for n in range(25)]
    as_alice.post(URL, {"file": csv_upload(*lines)})
    with django_assert_max_num_queries(40):  # confirm, the job (eager here) and its batch writes
        confirm(as_alice)
    assert Youth.objects.count() == 25 and Contact.objects.count() == 25


def test_anonymous_users_are_sent_to_login(client, db, confirm):
    for response in (client.get(URL), confirm(client)):
        assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


def test_imports_left_unconfirmed_are_pruned(alice):
    youth_import = importer.import_prepare(table=importer.read_table("csv", f"{HEADER}\n{MADS}".encode()), by=alice)
    YouthImport.objects.filter(pk=youth_import.pk).update(
        created_at=youth_import.created_at - importer.STASH_MAX_AGE - datetime.timedelta(minutes=1)
    )
    assert importer.import_prune() == 1 and not YouthImport.objects.exists()
