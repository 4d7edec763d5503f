"""The embedded default (SQLite, no Redis) under concurrent use: 20 people
at once sign in, open a youth's profile (an audited read, so a write) and
log a contact, against a real multi-process server. Without WAL, immediate
transactions and a busy timeout this gave "database is locked" 500s."""

import os
import sqlite3
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.production import stack
from tests.production.browsing import Browser, form_with_action, sign_in

CLIENTS = 20
ROUNDS = 1


@pytest.fixture
def embedded_env(run_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUI_", "DJANGO_", "CELERY_"))}
    for name in ("DATABASE_URL", "REDIS_URL", "DEBUG"):
        env.pop(name, None)
    env.update(
        KUI_SQLITE_PATH=str(run_dir / "kui.sqlite3"), KUI_MEDIA_ROOT=str(run_dir), PATH=f"{stack.BIN}:{env['PATH']}"
    )
    stack.manage(env, "migrate", "--noinput", "-v", "0")
    stack.manage(env, "seed_demo", "--youths", "12")
    stack.manage(env, "shell", "-c", PEOPLE.replace("COUNT", str(CLIENTS)))
    return env


# Twenty colleagues of the demo contact person, in her team and enrolled with a second
# factor like her: a TOTP code is taken once, so twenty people are twenty accounts.
PEOPLE = """
from allauth.mfa.totp.internal.auth import TOTP
from kui.accounts.models import User
from kui.demo.core import DEMO_PASSWORD, demo_totp_secret
tine = User.objects.get(username="tovholder")
for number in range(COUNT):
    person = User.objects.create_user(
        username="samtidig" + str(number), password=DEMO_PASSWORD, role=tine.role,
        organisation=tine.organisation, team=tine.team,
    )
    TOTP.activate(person, demo_totp_secret(person.username))
"""


def one_person(base_url: str, public_id: str, start: threading.Barrier, username: str) -> list[str]:
    """What one person does; returns the problems met (none, hopefully)."""
    problems = []
    start.wait(timeout=60)
    for round_ in range(ROUNDS):
        browser = Browser(base_url)
        try:
            sign_in(browser, username)
            profile = browser.get(f"/unge/{public_id}/")
            if profile.status_code != 200:
                problems.append(f"profile: {profile.status_code}")
                continue
            action, fields = form_with_action(profile.text, "/kontakt/")
            saved = browser.post(action, {**fields, "note": f"samtidig {round_}-{uuid.uuid4().hex[:6]}"})
            if saved.status_code != 302:
                problems.append(f"contact: {saved.status_code}")
        except (AssertionError, OSError) as error:
            problems.append(repr(error))
    return problems


def test_twenty_people_at_once_on_the_embedded_database(embedded_env, run_dir):
    database = run_dir / "kui.sqlite3"
    with sqlite3.connect(database) as connection:
        _youth_id, public_id = connection.execute(
            "SELECT youth.id, youth.public_id FROM youths_youth youth "
            "JOIN youths_contactpersonassignment a ON a.youth_id = youth.id "
            "JOIN accounts_user person ON person.id = a.contact_person_id "
            "WHERE person.username = 'tovholder' AND a.ended_on IS NULL ORDER BY youth.id LIMIT 1"
        ).fetchone()
        contacts_before = connection.execute("SELECT count(*) FROM youths_contact").fetchone()[0]
    connection.close()
    public_id = str(uuid.UUID(public_id))
    port = stack.free_port()
    server = [stack.BIN / "gunicorn", "kui.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    server += ["--workers", "3", "--threads", "8", "--worker-class", "gthread"]
    with stack.running(embedded_env, run_dir) as processes:
        web = processes.start("web", [str(part) for part in server])
        stack.wait_for_port(web, port)
        start = threading.Barrier(CLIENTS)
        with ThreadPoolExecutor(CLIENTS) as pool:
            futures = [
                pool.submit(one_person, f"http://127.0.0.1:{port}", public_id, start, f"samtidig{number}")
                for number in range(CLIENTS)
            ]
            problems = [problem for future in futures for problem in future.result(timeout=300)]
        log = web.output()
    errors = [line for line in log.splitlines() if "File " in line or "Error" in line]
    assert problems == [], f"{len(problems)} failed requests: {problems[:5]}\n" + "\n".join(errors[:30])
    assert "database is locked" not in log
    with sqlite3.connect(database) as connection:
        contacts_after = connection.execute("SELECT count(*) FROM youths_contact").fetchone()[0]
        journal_mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    connection.close()
    assert contacts_after - contacts_before == CLIENTS * ROUNDS
    assert journal_mode == "wal"
