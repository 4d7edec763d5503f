"""No personal data in caches, HTTPS in production, `check --deploy` clean and
Danish error pages with a way back."""

import datetime
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views import defaults

from youths import services as youth_services

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def youth(alice):
    return youth_services.youth_create(
        by=alice, first_name="Åse", last_name="Ærø", birth_date=datetime.date(2004, 6, 1), target_group="other"
    )


def _no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_personal_pages_partials_and_files_are_not_stored(client, alice, youth, youth_user):
    client.force_login(alice)
    for url, headers in [
        (f"/unge/{youth.public_id}/", {}),
        ("/unge/", {}),
        (f"/unge/{youth.public_id}/", {"HX-Request": "true"}),
    ]:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, url
        assert _no_store(response), url


def test_a_views_own_caching_does_not_survive_for_signed_in_users(rf, alice):
    from django.http import HttpResponse

    from kui.headers import NoStoreMiddleware

    def view(request):
        response = HttpResponse("Åse")
        response["Cache-Control"] = "public, max-age=3600"
        return response

    request = rf.get("/")
    request.user = alice
    response = NoStoreMiddleware(view)(request)
    assert response["Cache-Control"] in {"private, no-store", "no-store, private"}


def test_anonymous_pages_are_not_stored_either(client, db):
    assert _no_store(client.get("/konto/login/"))


def test_404_is_danish_with_a_way_back(client, alice):
    client.force_login(alice)
    response = client.get("/findes-ikke/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in body and 'href="/"' in body


def test_403_is_danish_with_a_way_back(alice):
    request = RequestFactory().get("/")
    request.user = alice
    response = defaults.permission_denied(request, PermissionDenied())
    body = response.content.decode()
    assert response.status_code == 403
    assert "Adgang nægtet" in body and 'href="/"' in body


def test_500_is_danish_and_needs_no_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = defaults.server_error(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Noget gik galt" in body and 'href="/"' in body


def _production(*args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"KUI_TESTING", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        KUI_CPR_KEY=secrets.token_urlsafe(30),
        ALLOWED_HOSTS="kui.example.dk",
        DATABASE_URL="postgres://kui@127.0.0.1:5432/kui_not_connected",
    )
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_under_production_settings():
    result = _production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_redirects_to_https_and_sends_hsts():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = _production("-c", f"import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'kui.settings'; {code}")
    assert result.stdout.strip() == "True 31536000 True ('HTTP_X_FORWARDED_PROTO', 'https')", result.stderr


def test_behind_the_proxy_https_requests_get_hsts_and_http_ones_a_redirect(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = client.get("/konto/login/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get("/konto/login/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200 and secure["Strict-Transport-Security"].startswith("max-age=31536000")
