import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from kui.lib.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def test_it_reads_booleans(monkeypatch):
    monkeypatch.setenv("KUI_X", "yes")
    assert env_bool("KUI_X") is True
    monkeypatch.setenv("KUI_X", "0")
    assert env_bool("KUI_X", default=True) is False


def test_it_rejects_a_bad_boolean(monkeypatch):
    monkeypatch.setenv("KUI_X", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("KUI_X")


def test_it_reads_ints_and_lists(monkeypatch):
    monkeypatch.setenv("KUI_N", "42")
    monkeypatch.setenv("KUI_L", "a.dk, b.dk,")
    assert env_int("KUI_N", 1) == 42
    assert env_list("KUI_L", []) == ["a.dk", "b.dk"]


def _import_settings(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "KUI_CPR_KEY"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="kui.settings")
    code = "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_secret_key():
    result = _import_settings(DEBUG="0", DATABASE_URL="postgres://postgres@127.0.0.1:5432/kui")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_sqlite():
    result = _import_settings(DEBUG="0", SECRET_KEY="x" * 50, KUI_CPR_KEY="y" * 50)
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_production_starts_with_secret_and_postgres():
    result = _import_settings(
        DEBUG="0", SECRET_KEY="x" * 50, KUI_CPR_KEY="y" * 50, DATABASE_URL="postgres://postgres@127.0.0.1:5432/kui"
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout


def test_requests_are_atomic_and_connections_checked(settings):
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"] is True
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
