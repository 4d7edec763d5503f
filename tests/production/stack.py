"""The production stack started natively, as docker-compose.yml declares it.

CI has no Docker engine, so the tests read the `web`, `worker` and `beat`
commands and the shared environment straight out of docker-compose.yml and
run them on loopback against PostgreSQL and Redis with DEBUG=0. Every process
gets its own session (process group), so stopping it stops its children too
(gunicorn's workers, Celery's pool) and the tests can prove nothing is left.
"""

import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())

# The keys of the started production processes. The demo data they serve is
# seeded with the same keys: CPR numbers are encrypted with them, and a wrong
# key fails loudly (kui/lib/encryption.py) instead of showing ciphertext.
PRODUCTION_KEYS = {
    "SECRET_KEY": "ci-production-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "KUI_CPR_KEY": "ci-production-test-cpr-key",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- The database -------------------------------------------------------------
def database_url(base_url: str, name: str) -> str:
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


@contextmanager
def admin_cursor(base_url: str):
    """A cursor on the server's maintenance database, for CREATE/DROP DATABASE
    (which run outside a transaction)."""
    connection = psycopg2.connect(database_url(base_url, "postgres"))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        connection.close()


def create_database(base_url: str, name: str, template: str | None = None) -> str:
    with admin_cursor(base_url) as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return database_url(base_url, name)


def drop_database(base_url: str, name: str) -> None:
    with admin_cursor(base_url) as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sql(url: str, statement: str, params: tuple = ()) -> list[tuple]:
    """One statement in its own transaction; returns its rows (if any)."""
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall() if cursor.description else []
    connection.close()
    return rows


# --- Environment and commands --------------------------------------------------
def production_env(*, database_url: str, redis_url: str, static_root: Path, media_root: Path, **extra: str) -> dict:
    """docker-compose.yml's environment for the app services, pointed at
    loopback services, plus what its .env would hold."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUI_", "DJANGO_", "CELERY_"))}
    env.pop("DEBUG", None)
    env.update({k: str(v) for k, v in COMPOSE["x-kui"]["environment"].items()})
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        **PRODUCTION_KEYS,
        ALLOWED_HOSTS="127.0.0.1",
        KUI_STATIC_ROOT=str(static_root),
        KUI_MEDIA_ROOT=str(media_root),
    )
    env.update(extra)
    assert env["DEBUG"] == "0", "docker-compose.yml must run the app with DEBUG=0"
    return env


def compose_command(service: str, *, port: int | None = None, beat_schedule: Path | None = None) -> list[str]:
    """The service's command from docker-compose.yml, bound to loopback."""
    command = COMPOSE["services"][service]["command"]
    if port is not None:
        assert "0.0.0.0:8000" in command
        command = command.replace("0.0.0.0:8000", f"127.0.0.1:{port}")
    if beat_schedule is not None:
        assert "/app/var/celerybeat-schedule" in command
        command = command.replace("/app/var/celerybeat-schedule", str(beat_schedule))
    return shlex.split(command) if isinstance(command, str) else list(command)


def manage(env: dict, *args: str, timeout: float = 300) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


# --- Processes -----------------------------------------------------------------
@dataclass
class Service:
    name: str
    process: subprocess.Popen
    log: Path

    def alive(self) -> bool:
        return self.process.poll() is None

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def children(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@dataclass
class Stack:
    """Processes started by one test; `stop()` ends each whole process group."""

    env: dict
    log_dir: Path
    services: dict[str, Service] = field(default_factory=dict)

    def start(self, name: str, command: list[str], **env: str) -> Service:
        log = self.log_dir / f"{name}.log"
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**self.env, **env},
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.services[name] = Service(name, process, log)
        return self.services[name]

    def stop(self, name: str, timeout: float = 15) -> None:
        service = self.services.pop(name)
        pgid = service.process.pid  # the session leader's pid is its group id
        if group_alive(pgid):
            os.killpg(pgid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while group_alive(pgid) and time.monotonic() < deadline:
            service.process.poll()
            time.sleep(0.2)
        if group_alive(pgid):
            os.killpg(pgid, signal.SIGKILL)
            service.process.wait(10)
        service.process.wait(10)

    def stop_all(self) -> None:
        for name in list(self.services)[::-1]:
            self.stop(name)


@contextmanager
def running(env: dict, log_dir: Path):
    stack = Stack(env=env, log_dir=log_dir)
    try:
        yield stack
    finally:
        pgids = [service.process.pid for service in stack.services.values()]
        stack.stop_all()
        assert not [pgid for pgid in pgids if group_alive(pgid)], "processes left running"


def wait_until(check, *, seconds: float, what: str, interval: float = 0.3):
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")
        time.sleep(interval)


def wait_for_port(service: Service, port: int, seconds: float = 120) -> None:
    def answers() -> bool:
        assert service.alive(), f"{service.name} exited:\n{service.output()[-3000:]}"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    wait_until(answers, seconds=seconds, what=f"{service.name} to listen on {port}")


def start_web(stack: Stack, port: int, **env: str) -> Service:
    web = stack.start("web", compose_command("web", port=port), **env)
    wait_for_port(web, port)
    return web


# --- Private services for the fault tests (never the machine's shared ones) ------
def start_redis(stack: Stack, port: int) -> Service:
    import redis

    service = stack.start(
        "redis", ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    )
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1)

    def answers() -> bool:
        try:
            return bool(client.ping())
        except redis.RedisError:
            return False

    wait_until(answers, seconds=20, what="the private redis-server")
    return service


PG_BIN = Path("/usr/lib/postgresql/15/bin")


@dataclass
class PrivatePostgres:
    """A PostgreSQL cluster of one test, made with initdb, on a free port."""

    home: Path
    port: int

    @property
    def data(self) -> Path:
        return self.home / "data"

    def run(self, *args: str, timeout: float = 120) -> None:
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*as_postgres, *args], check=True, capture_output=True, timeout=timeout)

    def pg_ctl(self, action: str, *options: str) -> None:
        self.run(str(PG_BIN / "pg_ctl"), action, "-D", str(self.data), "-w", "-l", str(self.home / "log"), *options)

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def init(self) -> None:
        self.home.mkdir(mode=0o700)
        if os.geteuid() == 0:
            shutil.chown(self.home, "postgres", "postgres")
        self.run(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        settings = f"-p {self.port} -k {self.home} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.pg_ctl("start", "-o", settings)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.pg_ctl("stop", "-m", "immediate")


def purge_queue(env: dict) -> None:
    """Empty the Celery queue of the run's Redis database."""
    subprocess.run(
        [BIN / "celery", "-A", "kui.celery_app", "purge", "-f"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )


def start_worker(stack: Stack, **env: str) -> Service:
    """docker-compose.yml's worker, on a queue emptied first: a job another
    test queued without a worker to run it would otherwise run here."""
    purge_queue({**stack.env, **env})
    return stack.start("worker", compose_command("worker"), **env)
