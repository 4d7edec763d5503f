"""The load test: 100 simulated staff for 3 minutes against gunicorn.

    .venv/bin/pip install -e ".[bench]"   # or: pip install "locust>=2.40,<3"
    .venv/bin/python bench/load.py [--users 100] [--minutes 3]

Runs what production runs, on loopback only: `collectstatic` into a
temporary STATIC_ROOT, then gunicorn (2 workers) with DEBUG=0 against the
national-scale PostgreSQL database of `make bench` (BENCH_DATABASE_URL,
default postgres://postgres@127.0.0.1:5432/kui_bench; seed it first) and
Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/5, flushed afterwards)
for the cache, sessions' neighbours and the queue. Then locust, headless and
bounded in time, with bench/locustfile.py: log in, board, profile, log a
contact (HTMX), plan. Stops gunicorn and writes requests/s, p50/p95/p99 and
errors between markers in docs/benchmarks.md.

bench/load_settings.py lists the three loopback-only changes to the
production settings. If collectstatic fails because a vendored file names a
source map that is not shipped, the run copies static/ to a temporary folder
with those `sourceMappingURL` comments stripped and says so in the report.
"""

import argparse
import csv
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- load:start -->", "<!-- load:end -->"
BIN = Path(sys.executable).parent
SOURCE_MAP = re.compile(r"^\s*(/\*# sourceMappingURL=.*?\*/|//# sourceMappingURL=.*)$", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(static_root: str) -> dict:
    from_dev = "kui-development-only-secret-key-never-use-in-production"  # the seed's key (kui.settings)
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "KUI_CPR_KEY": from_dev,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kui_bench"),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        "KUI_BENCH_STATIC_ROOT": static_root,
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT)]),
        "LOG_LEVEL": "WARNING",
    }


def collectstatic(env: dict, scratch: Path) -> str:
    """Returns a note for the report ('' when nothing had to be changed)."""
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if first.returncode == 0:
        return ""
    if ".map" not in first.stderr:
        sys.exit(first.stderr)
    stripped = scratch / "static"
    shutil.copytree(ROOT / "static", stripped)
    changed = []
    for path in [*stripped.rglob("*.js"), *stripped.rglob("*.css")]:
        text = path.read_text(errors="surrogateescape")
        if SOURCE_MAP.search(text):
            path.write_text(SOURCE_MAP.sub("", text), errors="surrogateescape")
            changed.append(str(path.relative_to(stripped)))
    env["KUI_BENCH_STATICFILES_DIR"] = str(stripped)
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return (
        "collectstatic failed on source maps that are not shipped; for this run the "
        f"`sourceMappingURL` comments were stripped from a temporary copy of static/ ({', '.join(sorted(changed))})."
    )


ENROL = """
import json, sys
from allauth.mfa.totp.internal.auth import TOTP
from kui.accounts import second_factor
from kui.accounts.models import User
from kui.demo.core import demo_totp_secret
secrets = {}
for user in User.objects.filter(username__in=[f"kontakt{n:04d}" for n in range(1, COUNT + 1)]):
    if not second_factor.has_authenticator(user):
        TOTP.activate(user, demo_totp_secret(user.username))
    secrets[user.username] = demo_totp_secret(user.username)
open(OUT, "w").write(json.dumps(secrets))
"""


def enrol_second_factor(env: dict, users: int, out: Path) -> None:
    """Staff sign in with a TOTP code: the simulated contact persons get the
    demo's fixed secret (as seed_demo gives the named demo users), once."""
    code = ENROL.replace("COUNT", str(users)).replace("OUT", repr(str(out)))
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True)


def wait_until_up(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds} s")


def run_locust(host: str, users: int, minutes: float, prefix: Path, secrets: Path) -> None:
    command = [
        os.environ.get("KUI_BENCH_LOCUST", str(BIN / "locust")),  # locust from another virtualenv, if given
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        "10",
        "--run-time",
        f"{round(minutes * 60)}s",
        "--stop-timeout",
        "10",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--only-summary",
    ]
    env = {**os.environ, "KUI_BENCH_TOTP_FILE": str(secrets)}
    subprocess.run(command, cwd=ROOT, env=env, timeout=round(minutes * 60) + 120, check=False)


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return list(csv.DictReader(stats))


def report(rows: list[dict], users: int, minutes: float, workers: int, note: str, load: tuple) -> str:
    lines = [
        START,
        "## Load test: 100 simulated staff (`bench/load.py`)",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: locust headless, {users} users "
        f"(spawned 10 a second), {minutes:g} minutes, 1–2 s between clicks, against gunicorn ({workers} sync "
        "workers) on 127.0.0.1 with DEBUG=0, manifest static files, PostgreSQL (the national-scale database "
        "of `make bench`) and Redis; no Celery worker (queued follow-up waits in Redis). Locust itself runs on "
        f"the same 2 shared cores; load average {load[0]:.1f} before and {load[1]:.1f} after.",
        "",
        "| request | requests | failures | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['Name'] if row['Name'] != 'Aggregated' else '**all**'} | {row['Request Count']} | "
            f"{row['Failure Count']} | {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} |"
        )
    if note:
        lines += ["", note]
    lines.append(END)
    return "\n".join(lines)


def write_doc(section: str) -> None:
    DOC.parent.mkdir(exist_ok=True)
    text = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    DOC.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kui-load-") as scratch:
        scratch = Path(scratch)
        env = production_env(str(scratch / "staticfiles"))
        note = collectstatic(env, scratch)
        enrol_second_factor(env, args.users, scratch / "totp.json")
        port = free_port()
        gunicorn = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "kui.wsgi",
                "--workers",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz")
            load_before = os.getloadavg()[0]
            run_locust(f"http://127.0.0.1:{port}", args.users, args.minutes, scratch / "locust", scratch / "totp.json")
            load_after = os.getloadavg()[0]
            rows = read_stats(scratch / "locust")
        finally:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            gunicorn.wait(timeout=30)
            subprocess.run([sys.executable, "-c", _FLUSH], env=env, check=False)
    write_doc(report(rows, args.users, args.minutes, args.workers, note, (load_before, load_after)))
    print(f"Wrote {DOC.relative_to(ROOT)}")


_FLUSH = "import os, redis; redis.Redis.from_url(os.environ['REDIS_URL']).flushdb()"


if __name__ == "__main__":
    main()
