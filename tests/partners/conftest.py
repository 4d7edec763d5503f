import pytest

from tests.partners.factories import company, mentor_at


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded documents go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def warehouse(db):
    return company("Lagerhuset Nord")


@pytest.fixture
def bakery(db):
    return company("Byens Bageri")


@pytest.fixture
def mentor(warehouse):
    """Partner staff at the warehouse."""
    return mentor_at(warehouse, "mentor")


@pytest.fixture
def baker(bakery):
    """Partner staff at another company: should see nothing of the warehouse's."""
    return mentor_at(bakery, "baker")
