"""The spreadsheet import run by a real Celery worker over Redis (CI), while
the progress page polls — the production path. The task is given the
import's id, never a cell of the file."""

import datetime
import time

import pytest
from celery.signals import before_task_publish
from django.conf import settings

from kui.celery_app import app
from youths.models import ContactPersonAssignment, ImportStatus, Youth, YouthImport

HEADER = "fornavn;efternavn;fødselsdato;cpr;målgruppe;støtteniveau;status;kontaktperson;seneste kontakt"
CPR = "0304054123"


@pytest.fixture
def worker_app(settings, redis_url):
    """Tasks go to Redis instead of running in the request."""
    app.conf.update(task_always_eager=False)
    app.close()
    app.conf.update(broker_url=redis_url, result_backend=redis_url)
    yield app
    app.close()
    app.conf.update(
        broker_url=settings.CELERY_BROKER_URL, result_backend=settings.CELERY_RESULT_BACKEND, task_always_eager=True
    )


@pytest.fixture
def published():
    """What goes onto the queue: the messages' headers and bodies as text."""
    seen: list[str] = []

    def record(sender=None, headers=None, body=None, **kwargs):
        seen.append(f"{sender} {headers} {body}")

    before_task_publish.connect(record, weak=False)
    yield seen
    before_task_publish.disconnect(record)


def poll_until_finished(client, url, seconds=90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = client.get(url, HTTP_HX_REQUEST="true").content.decode()
        if 'data-status="done"' in page or 'data-status="failed"' in page:
            return page
        time.sleep(0.5)
    raise AssertionError("the worker did not finish the import in time")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_imports_the_file_while_the_page_polls(client, alice, worker_app, published):
    from celery.contrib.testing.worker import start_worker
    from django.core.files.uploadedfile import SimpleUploadedFile

    lines = [f"Ung{n};Hansen;2004-11-{n + 1:02d};;Frafald;;aktiv;alice;01.02.2026" for n in range(25)]
    lines.append(f"Sofie;Østergaard;03.04.2005;{CPR};Frafald;;aktiv;alice;")
    upload = SimpleUploadedFile("unge.csv", "\n".join([HEADER, *lines]).encode())
    client.force_login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.post("/unge/import/", {"file": upload}).status_code == 200
    with start_worker(worker_app, perform_ping_check=False, pool="solo"):
        confirm = client.post("/unge/import/bekraeft/")
        youth_import = YouthImport.objects.get()
        assert confirm["Location"] == f"/unge/import/{youth_import.public_id}/"
        page = poll_until_finished(client, confirm["Location"])
    assert "26 youths were imported." in page
    youth_import.refresh_from_db()
    assert (youth_import.status, youth_import.imported_count, bytes(youth_import.payload)) == (
        ImportStatus.DONE,
        26,
        b"",
    )
    assert Youth.objects.count() == 26 and ContactPersonAssignment.objects.count() == 26
    assert Youth.objects.get(first_name="Sofie").cpr_encrypted == CPR
    (message,) = [text for text in published if "youths.import_run" in text]
    assert str(youth_import.pk) in message and CPR not in message and "Sofie" not in message


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_failing_row_in_the_worker_leaves_nothing(client, alice, worker_app):
    """The job checks again: a youth registered between preview and confirm
    stops the whole file, and the page says which row."""
    from celery.contrib.testing.worker import start_worker
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.youths.factories import YouthFactory

    lines = [f"Ung{n};Hansen;2004-11-{n + 1:02d};;Frafald;;aktiv;alice;" for n in range(5)]
    client.force_login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post("/unge/import/", {"file": SimpleUploadedFile("unge.csv", "\n".join([HEADER, *lines]).encode())})
    YouthFactory(
        organisation=alice.organisation, first_name="Ung3", last_name="Hansen", birth_date=datetime.date(2004, 11, 4)
    )
    with start_worker(worker_app, perform_ping_check=False, pool="solo"):
        page = poll_until_finished(client, client.post("/unge/import/bekraeft/")["Location"])
    assert 'data-status="failed"' in page and "already registered" in page
    assert Youth.objects.count() == 1 and YouthImport.objects.get().status == ImportStatus.FAILED
