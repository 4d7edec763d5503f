"""100 contact persons at work (bench/load.py runs this headless against
gunicorn on 127.0.0.1): each logs in, then opens the board, a youth's
profile and plan, and logs contacts from the board, with a second or two
between clicks.

Each simulated user is one seeded contact person (kontakt0001, …; the demo
password) working through the youths of their own caseload.
"""

import itertools
import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("KUI_BENCH_PASSWORD", "kui-demo")
USERNAMES = (f"kontakt{number:04d}" for number in itertools.count(1))
YOUTH_LINK = re.compile(r'href="/unge/([0-9a-f-]{36})/"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def log_in(client, username: str, password: str) -> None:
    """The sign-in step, kept in one place: two-factor sign-in replaces it."""
    page = client.get("/konto/login/", name="login form")
    token = CSRF.search(page.text).group(1)
    response = client.post(
        "/konto/login/",
        {"username": username, "password": password, "csrfmiddlewaretoken": token},
        name="login",
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise RuntimeError(f"login of {username} failed: {response.status_code}")


class ContactPerson(HttpUser):
    wait_time = between(1, 2)

    def on_start(self):
        log_in(self.client, next(USERNAMES), PASSWORD)
        self.youths = []
        self.board()

    def _csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def _youth(self) -> str | None:
        return random.choice(self.youths) if self.youths else None

    @task(3)
    def board(self):
        page = self.client.get("/unge/", name="board")
        found = list(dict.fromkeys(YOUTH_LINK.findall(page.text)))
        if found:
            self.youths = found

    @task(3)
    def profile(self):
        youth = self._youth()
        if youth:
            self.client.get(f"/unge/{youth}/", name="profile")

    @task(2)
    def log_contact(self):
        youth = self._youth()
        if youth:
            self.client.post(
                f"/unge/{youth}/kontakt/",
                {"medium": "phone", "duration_minutes": "10", "reached": "on", "note": "", "happened_at": _now()},
                headers={"HX-Request": "true", "X-CSRFToken": self._csrf(), "Referer": self.host + "/unge/"},
                name="log contact (HTMX)",
            )

    @task(2)
    def plan(self):
        youth = self._youth()
        if youth:
            self.client.get(f"/forloeb/unge/{youth}/", name="plan")


def _now() -> str:
    import datetime
    import zoneinfo

    return datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Copenhagen")).strftime("%Y-%m-%dT%H:%M")
