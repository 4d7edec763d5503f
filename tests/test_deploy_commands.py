"""docker-compose.yml cannot run here (no Docker engine), so the commands it
declares — gunicorn, celery worker, celery beat — are started natively."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def app_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env.update(DEBUG="1", KUI_SQLITE_PATH=str(tmp_path / "smoke.sqlite3"), DJANGO_SETTINGS_MODULE="kui.settings")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return env


def _wait_for(url: str, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, json.loads(response.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_gunicorn_serves_healthz(app_env):
    port = _free_port()
    server = subprocess.Popen(
        [BIN / "gunicorn", "kui.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=app_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        status, body = _wait_for(f"http://127.0.0.1:{port}/healthz")
    finally:
        server.terminate()
        server.wait(10)
    assert status == 200 and body["database"] == "ok"


def _ping_until_pong(env, node: str, attempts: int = 8) -> subprocess.CompletedProcess:
    for _ in range(attempts):
        ping = subprocess.run(
            [BIN / "celery", "-A", "kui.celery_app", "inspect", "ping", "--timeout", "5", "--destination", node],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if "pong" in ping.stdout:
            break
    return ping


@pytest.mark.services
def test_celery_worker_and_beat_start(app_env, redis_url, tmp_path):
    env = {**app_env, "REDIS_URL": redis_url}
    worker = subprocess.Popen(
        [BIN / "celery", "-A", "kui.celery_app", "worker", "--pool=solo", "--hostname", f"smoke-{os.getpid()}@%h"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    beat = subprocess.Popen(
        [BIN / "celery", "-A", "kui.celery_app", "beat", "--schedule", str(tmp_path / "beat")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ping = _ping_until_pong(env, f"smoke-{os.getpid()}@{socket.gethostname()}")
        assert beat.poll() is None, "celery beat exited"
    finally:
        for process in (worker, beat):
            process.terminate()
            process.wait(20)
    assert "pong" in ping.stdout
