"""100 contact persons at work (bench/load.py runs this headless against
gunicorn on 127.0.0.1): each logs in, then opens the board, a youth's
profile and plan, and logs contacts from the board, with a second or two
between clicks.

Each simulated user is one seeded contact person (kontakt0001, …; the demo
password, then the code of the demo's fixed TOTP secret: bench/load.py
enrols them first) working through the youths of their own caseload.
"""

import itertools
import json
import os
import random
import re
from pathlib import Path

import pyotp
from locust import HttpUser, between, task

PASSWORD = os.environ.get("KUI_BENCH_PASSWORD", "kui-demo")
USERNAMES = (f"kontakt{number:04d}" for number in itertools.count(1))
YOUTH_LINK = re.compile(r'href="/unge/([0-9a-f-]{36})/"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


SECOND_FACTOR = "/konto/2fa/authenticate/"
# username -> TOTP secret of the users bench/load.py enrolled (the demo's fixed secrets).
SECRETS = (
    json.loads(Path(os.environ["KUI_BENCH_TOTP_FILE"]).read_text()) if os.environ.get("KUI_BENCH_TOTP_FILE") else {}
)


def log_in(client, username: str, password: str) -> None:
    """Password, then the six-digit code, as staff sign in (each simulated
    user signs in once, so a code is never reused)."""
    page = client.get("/konto/login/", name="login form")
    token = CSRF.search(page.text).group(1)
    response = client.post(
        "/konto/login/",
        {"username": username, "password": password, "csrfmiddlewaretoken": token},
        name="login (password)",
        allow_redirects=False,
    )
    if response.status_code != 302 or not response.headers.get("Location", "").endswith(SECOND_FACTOR):
        raise RuntimeError(f"login of {username} failed: {response.status_code}")
    totp = pyotp.TOTP(SECRETS[username])
    for _attempt in range(3):
        page = client.get(SECOND_FACTOR, name="login (code form)")
        response = client.post(
            SECOND_FACTOR,
            {"code": totp.now(), "csrfmiddlewaretoken": CSRF.search(page.text).group(1)},
            name="login (code)",
            allow_redirects=False,
        )
        if response.status_code == 302:
            return
        # The code's 30 seconds ran out while the request waited for a worker
        # (the server accepts no earlier code): a person types the next one.
    raise RuntimeError(f"second factor of {username} failed: {response.status_code}")


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
