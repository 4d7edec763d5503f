import pytest
from django.core.cache import cache

import portfolio.tasks  # noqa: F401  (registered now: worker fixtures close and reconfigure the app later)
from kui.celery_app import app
from tests.portfolio.factories import certificate_for, youth_with_login


@pytest.fixture(autouse=True)
def embedded_jobs():
    """Tasks run in the request, as in embedded mode — also under CI, where
    REDIS_URL is set. The worker tests switch this off themselves."""
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def fresh_cache():
    """The verification rate limit counts in the cache; start every test at zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def oliver(alice):
    """A youth in alice's caseload with his own login."""
    return youth_with_login(alice)


@pytest.fixture
def certificate(oliver, alice):
    return certificate_for(oliver, alice)


@pytest.fixture
def other_youth(bob):
    """Another youth of the same organisation, with a login, a certificate and a reflection."""
    from portfolio import services

    youth = youth_with_login(bob, username="emma", first_name="Emma", last_name="Ærø")
    certificate_for(youth, bob, names=("Hygiejne i fødevarevirksomhed",), evidence="Bagte brød hver morgen.")
    services.reflection_write(youth=youth, by=youth.user, kind="goal", text="Emmas hemmelige mål")
    return youth
