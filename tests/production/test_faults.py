"""Fault drills on the production stack (DEBUG=0, gunicorn, Celery):
Redis goes away, PostgreSQL restarts, a worker dies in the middle of the
scan. Each uses services of its own (a private redis-server, a private
PostgreSQL cluster, a copy of the demo database), never the shared ones."""

import os
import signal
import subprocess

import psycopg2
import pytest

from tests.production import stack
from tests.production.browsing import Browser, form_with_action, sign_in


def first_youth(url: str) -> tuple[int, str]:
    return stack.sql(url, "SELECT id, public_id FROM youths_youth ORDER BY id LIMIT 1")[0]


def log_contact(browser: Browser, public_id, note: str) -> None:
    profile_path = f"/unge/{public_id}/"
    action, fields = form_with_action(browser.get(profile_path).text, "/kontakt/")
    saved = browser.post(action, {**fields, "note": note})
    assert saved.status_code == 302 and saved.headers["Location"] == profile_path, saved.status_code


def pending_jobs(url: str) -> int:
    return stack.sql(url, "SELECT count(*) FROM jobs_pendingjob")[0][0]


@pytest.mark.services
def test_without_redis_pages_and_saves_work_and_queued_work_is_sent_later(
    demo_database, static_root, run_dir, postgres_url
):
    redis_port = stack.free_port()
    env = stack.production_env(
        database_url=demo_database,
        redis_url=f"redis://127.0.0.1:{redis_port}/0",
        static_root=static_root,
        media_root=run_dir,
        KUI_JOBS_RETRY_SECONDS="2",
    )
    stack.sql(demo_database, "DELETE FROM portfolio_portfoliopdf")
    youth_id, public_id = first_youth(demo_database)
    port = stack.free_port()
    with stack.running(env, run_dir) as processes:
        stack.start_redis(processes, redis_port)
        stack.start_web(processes, port)
        stack.start_worker(processes)
        processes.start("beat", stack.compose_command("beat", beat_schedule=run_dir / "beat-schedule"))
        staff, lead, youth = (Browser(f"http://127.0.0.1:{port}") for _ in range(3))
        sign_in(staff, "tovholder")
        sign_in(lead, "teamleder")
        sign_in(youth, "ung")
        assert lead.get("/statistik/").status_code == 200  # the dashboard's figures go into the Redis cache

        processes.stop("redis")
        assert staff.get("/unge/").status_code == 200
        assert staff.get(f"/unge/{public_id}/").status_code == 200
        assert lead.get("/statistik/").status_code == 200
        log_contact(staff, public_id, "Talt med mor, Redis var nede")
        assert stack.sql(
            demo_database,
            "SELECT count(*) FROM youths_contact WHERE youth_id = %s AND note LIKE %s",
            (youth_id, "%Redis%"),
        ) == [(1,)]
        health = staff.get("/healthz")
        assert health.status_code == 200 and health.json()["redis"] == "down"
        queued = youth.get("/mig/portfolio/pdf/hent/")  # the PDF is a job for the worker
        assert queued.status_code == 302 and queued.headers["Location"] == "/mig/portfolio/pdf/"
        assert pending_jobs(demo_database) == 1

        # Redis is back, empty (it kept nothing on disk): the job was ours to keep.
        stack.start_redis(processes, redis_port)
        stack.wait_until(
            lambda: 'data-status="ready"' in youth.get("/mig/portfolio/pdf/status/").text,
            seconds=120,
            what="the job queued during the outage to be rendered",
        )
        assert pending_jobs(demo_database) == 0
        download = youth.get("/mig/portfolio/pdf/hent/")
        assert download.status_code == 200 and download.content.startswith(b"%PDF")


@pytest.fixture
def private_postgres(run_dir, postgres_url, demo_template):
    """A cluster of this test's own with a copy of the demo data, so it can be restarted."""
    cluster = stack.PrivatePostgres(home=run_dir / "pg", port=stack.free_port())
    cluster.init()
    try:
        with stack.admin_cursor(cluster.url()) as cursor:
            cursor.execute("CREATE DATABASE kui")
        dump = subprocess.Popen(
            ["pg_dump", "--no-owner", stack.database_url(postgres_url, demo_template)], stdout=subprocess.PIPE
        )
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", cluster.url("kui")],
            stdin=dump.stdout,
            check=True,
            capture_output=True,
            timeout=120,
        )
        assert dump.wait(60) == 0
        yield cluster
    finally:
        cluster.stop()


@pytest.mark.services
def test_requests_recover_after_postgres_restarts(private_postgres, redis_url, static_root, run_dir):
    database = private_postgres.url("kui")
    env = stack.production_env(database_url=database, redis_url=redis_url, static_root=static_root, media_root=run_dir)
    _youth_id, public_id = first_youth(database)
    port = stack.free_port()
    pages = ["/unge/", f"/unge/{public_id}/", "/healthz"]
    with stack.running(env, run_dir) as processes:
        stack.start_web(processes, port)
        staff = Browser(f"http://127.0.0.1:{port}")
        sign_in(staff, "tovholder")
        for _ in range(3):  # gunicorn's workers each open their persistent connection
            assert [staff.get(page).status_code for page in pages] == [200, 200, 200]
        backends = "SELECT count(*) FROM pg_stat_activity WHERE datname = 'kui' AND pid <> pg_backend_pid()"
        assert stack.sql(database, backends)[0][0] >= 1, "the app should keep its connections (CONN_MAX_AGE)"

        private_postgres.pg_ctl("restart", "-m", "fast")

        statuses = [staff.get(page).status_code for _ in range(4) for page in pages]
        assert statuses == [200] * len(statuses), statuses  # and still signed in: sessions live in the database
        assert processes.services["web"].alive()


def open_flags(url: str) -> list[tuple]:
    return stack.sql(url, "SELECT kind, youth_id, cause FROM pathways_flag WHERE resolved_at IS NULL ORDER BY 1, 2, 3")


def waiting_on_lock(url: str) -> bool:
    rows = stack.sql(
        url,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock' AND query LIKE 'INSERT%%pathways_flag%%'",
    )
    return rows[0][0] > 0


@pytest.mark.services
def test_a_worker_killed_in_the_middle_of_the_scan_leaves_no_duplicate_and_no_lost_flag(
    production_env, demo_database, run_dir
):
    expected = open_flags(demo_database)  # what the scan finds in the demo data
    kinds = {kind for kind, *_ in expected}
    assert {"no_contact", "overdue_step"} <= kinds
    stack.sql(demo_database, "DELETE FROM pathways_flag")
    # Hold the scan in the middle: an uncommitted open flag for one overdue step makes the
    # scan's INSERT of that kind wait on the unique index, after the kinds before it
    # (no_next_step, no_contact) have committed.
    kind, youth_id, cause = next(flag for flag in expected if flag[0] == "overdue_step")
    blocker = psycopg2.connect(demo_database)
    with blocker.cursor() as cursor:
        cursor.execute(
            "INSERT INTO pathways_flag (kind, youth_id, cause, raised_at) VALUES (%s, %s, %s, now())",
            (kind, youth_id, cause),
        )
    try:
        with stack.running(production_env, run_dir) as processes:
            worker = stack.start_worker(processes)
            subprocess.run(
                [stack.BIN / "celery", "-A", "kui.celery_app", "call", "pathways.scan"],
                cwd=stack.ROOT,
                env=processes.env,
                check=True,
                capture_output=True,
                timeout=60,
            )
            stack.wait_until(lambda: waiting_on_lock(demo_database), seconds=90, what="the scan to reach overdue steps")
            committed = {flag[0] for flag in open_flags(demo_database)}
            assert "no_contact" in committed and "overdue_step" not in committed  # half done

            for pid in worker.children():  # the pool processes: one of them runs the scan
                os.kill(pid, signal.SIGKILL)
            blocker.rollback()  # the blocking flag never existed
            # The worker's parent puts the task back (acks_late, reject_on_worker_lost):
            # a new pool process runs it again and completes it.
            stack.wait_until(lambda: open_flags(demo_database) == expected, seconds=120, what="the re-run of the scan")
            assert "WorkerLostError" in worker.output() or "SIGKILL" in worker.output()
    finally:
        blocker.close()

    duplicates = stack.sql(
        demo_database,
        "SELECT kind, youth_id, cause FROM pathways_flag WHERE resolved_at IS NULL "
        "GROUP BY 1, 2, 3 HAVING count(*) > 1",
    )
    assert duplicates == []
    # Nothing lost: one more scan finds nothing to raise and nothing to resolve.
    again = stack.manage(production_env, "scan_pathways")
    assert all(line.endswith("+0 / -0") for line in again.strip().splitlines()), again
