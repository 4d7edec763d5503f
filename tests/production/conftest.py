"""Fixtures for running kui as production does (DEBUG=0, gunicorn, Celery,
PostgreSQL, Redis). They build the static files once per run and a demo
database once per run (a template each test copies in a second), so the
slow steps are paid once."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.production import stack

# seed_demo's smallest size that still gives every role something to open.
DEMO_YOUTHS = 12


@pytest.fixture(scope="session")
def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("DATABASE_URL does not point at PostgreSQL")
    return url


@pytest.fixture(scope="session")
def base_database_name(postgres_url) -> str:
    """Databases made here are named after the run's own database (unique per CI job)."""
    return f"{urlsplit(postgres_url).path.lstrip('/') or 'kui'}_{os.getpid()}"


@pytest.fixture(scope="session")
def static_root(tmp_path_factory) -> Path:
    """The static files as the Dockerfile builds them (scripts/collectstatic.sh)."""
    root = tmp_path_factory.mktemp("staticfiles")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "KUI_TESTING", "DJANGO_SETTINGS_MODULE"}}
    env.update(KUI_STATIC_ROOT=str(root), PYTHON=sys.executable)
    subprocess.run(["bash", "scripts/collectstatic.sh"], cwd=stack.ROOT, env=env, check=True, timeout=600)
    assert (root / "staticfiles.json").exists()
    return root


@pytest.fixture(scope="session")
def demo_template(postgres_url, base_database_name):
    """A migrated database with `seed_demo` data, copied by each test."""
    name = f"{base_database_name}_template"
    url = stack.create_database(postgres_url, name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUI_", "REDIS_URL"))}
    env.update(DEBUG="1", DATABASE_URL=url, **stack.PRODUCTION_KEYS)
    stack.manage(env, "migrate", "--noinput", "-v", "0")
    stack.manage(env, "seed_demo", "--youths", str(DEMO_YOUTHS))
    yield name
    stack.drop_database(postgres_url, name)


@pytest.fixture
def demo_database(postgres_url, base_database_name, demo_template):
    """A private copy of the demo database for one test; dropped afterwards."""
    name = f"{base_database_name}_{os.urandom(3).hex()}"
    url = stack.create_database(postgres_url, name, template=demo_template)
    yield url
    stack.drop_database(postgres_url, name)


@pytest.fixture
def run_dir():
    """Logs, media and beat's schedule of the started processes. Outside
    pytest's own tmp dir, which user postgres cannot enter (the private
    PostgreSQL cluster of the fault test runs as postgres)."""
    path = Path(tempfile.mkdtemp(prefix="kui-prod-"))
    path.chmod(0o755)
    yield path
    if os.environ.get("KUI_KEEP_RUN_DIR"):  # debugging: keep the logs
        return
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def production_env(demo_database, redis_url, static_root, run_dir):
    (run_dir / "media").mkdir()
    return stack.production_env(
        database_url=demo_database, redis_url=redis_url, static_root=static_root, media_root=run_dir / "media"
    )
