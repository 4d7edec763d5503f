import pytest


@pytest.mark.django_db
def test_it_reports_the_database(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "embedded", "worker": "embedded"}


@pytest.mark.django_db
def test_it_reports_redis_down_but_stays_200(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    body = client.get("/healthz").json()
    assert body["database"] == "ok"
    assert body["redis"] == "down"


@pytest.mark.django_db
def test_it_reports_redis_up(client, settings, redis_url):
    settings.REDIS_URL = redis_url
    body = client.get("/healthz").json()
    assert body["redis"] == "ok"
