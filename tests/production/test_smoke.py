"""The production smoke test: exactly the three app services of
docker-compose.yml — gunicorn, a Celery worker and Celery beat — started
natively with DEBUG=0 against PostgreSQL and Redis, driven through one real
day's work, then stopped with nothing left running."""

import re
import subprocess

import pytest

from tests.production import stack
from tests.production.browsing import Browser, form_with_action, sign_in

FLAG_ROW = '<th scope="row"><a href="/unge/'


def open_flags(url: str) -> set[tuple]:
    return set(stack.sql(url, "SELECT kind, youth_id, cause FROM pathways_flag WHERE resolved_at IS NULL"))


def open_flags_of(url: str, username: str) -> set[tuple]:
    """The open flags of the youths `username` follows as their current contact person."""
    query = (
        "SELECT f.kind, f.youth_id, f.cause FROM pathways_flag f"
        " JOIN youths_contactpersonassignment a ON a.youth_id = f.youth_id AND a.ended_on IS NULL"
        " JOIN accounts_user u ON u.id = a.contact_person_id"
        " WHERE f.resolved_at IS NULL AND u.username = %s"
    )
    return set(stack.sql(url, query, (username,)))


def board_flag_count(browser: Browser) -> int:
    """The open flags the contact person sees: one row each on the flag list
    (the board words them as causes, beside the days since contact)."""
    assert browser.get("/unge/").status_code == 200
    flags = browser.get("/forloeb/flag/")
    assert flags.status_code == 200
    return flags.text.count(FLAG_ROW)


@pytest.mark.services
def test_web_worker_and_beat_run_a_day_of_work(production_env, demo_database, run_dir):
    # Seeding ran the scan; start from "the night's scan has not run yet".
    expected = open_flags(demo_database)
    # The contact person's flag list shows their own youths' flags (Sara follows a colleague).
    on_the_board = open_flags_of(demo_database, "tovholder")
    assert on_the_board, "the demo data should give the scan something to find"
    stack.sql(demo_database, "DELETE FROM pathways_flag")
    stack.sql(demo_database, "DELETE FROM portfolio_portfoliopdf")  # and no portfolio PDF made yet
    flagged = {youth_id for _kind, youth_id, _cause in expected}
    calm_youth_id, calm_public_id = stack.sql(
        demo_database,
        "SELECT id, public_id FROM youths_youth WHERE NOT (id = ANY(%s)) ORDER BY id LIMIT 1",
        (list(flagged),),
    )[0]
    port = stack.free_port()
    with stack.running(production_env, run_dir) as processes:
        stack.start_web(processes, port, KUI_JOBS_RETRY_SECONDS="2")
        worker = stack.start_worker(processes, KUI_JOBS_RETRY_SECONDS="2")
        beat = processes.start(
            "beat", stack.compose_command("beat", beat_schedule=run_dir / "beat-schedule"), KUI_JOBS_RETRY_SECONDS="2"
        )
        staff = Browser(f"http://127.0.0.1:{port}")
        sign_in(staff, "tovholder")
        assert board_flag_count(staff) == 0

        # Log a contact from the youth's profile, as the form is filled in by default.
        profile_path = f"/unge/{calm_public_id}/"
        action, fields = form_with_action(staff.get(profile_path).text, "/kontakt/")
        saved = staff.post(action, {**fields, "note": "Ringede om praktik"})
        assert saved.status_code == 302 and saved.headers["Location"] == profile_path
        assert (
            stack.sql(
                demo_database,
                "SELECT count(*) FROM youths_contact WHERE youth_id = %s AND note = %s",
                (calm_youth_id, "Ringede om praktik"),
            )[0][0]
            == 1
        )

        # The scan, through the worker: its flags show on the board.
        subprocess.run(
            [stack.BIN / "celery", "-A", "kui.celery_app", "call", "pathways.scan"],
            cwd=stack.ROOT,
            env=processes.env,
            check=True,
            capture_output=True,
            timeout=60,
        )
        stack.wait_until(
            lambda: board_flag_count(staff) == len(on_the_board), seconds=90, what="the scan's flags on the board"
        )
        assert open_flags(demo_database) == expected
        assert "pathways.scan" in worker.output()

        # The youth's portfolio PDF, rendered by the worker while the page polls.
        youth = Browser(f"http://127.0.0.1:{port}")
        sign_in(youth, "ung")
        first = youth.get("/mig/portfolio/pdf/hent/")
        assert first.status_code == 302 and first.headers["Location"] == "/mig/portfolio/pdf/"
        stack.wait_until(
            lambda: 'data-status="pending"' not in youth.get("/mig/portfolio/pdf/status/").text,
            seconds=90,
            what="the worker to render the portfolio PDF",
        )
        download = youth.get("/mig/portfolio/pdf/hent/")
        assert download.status_code == 200 and download.headers["Content-Type"] == "application/pdf"
        pdf = run_dir / "portfolio.pdf"
        pdf.write_bytes(download.content)
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
        assert "Oliver Jørgensen" in text

        # Beat hands its schedule to the worker (the outbox sweep runs every 2 s here).
        stack.wait_until(
            lambda: re.search(r"jobs\.send_pending\[[^\]]+\] succeeded", worker.output()),
            seconds=60,
            what="beat's job done by the worker",
        )
        assert beat.alive() and worker.alive()
