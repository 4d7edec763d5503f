"""`manage.py seed_demo`: deterministic, idempotent, and never on a real site."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from kui.accounts.models import Role, User
from youths.models import Contact, Youth

YOUTHS = 60


def seed(seed=7, youths=YOUTHS) -> str:
    out = io.StringIO()
    call_command("seed_demo", youths=youths, seed=seed, stdout=out)
    return out.getvalue()


def snapshot() -> list[tuple]:
    return sorted(Youth.objects.values_list("public_id", "first_name", "last_name", "birth_date", "status", "cpr_hash"))


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_it_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        seed()
    assert not User.objects.filter(username="tovholder").exists()


def test_it_refuses_a_negative_youth_count(db, debug):
    with pytest.raises(CommandError):
        seed(youths=-1)
    assert not Youth.objects.exists()


def test_it_creates_one_demo_user_per_role(db, debug):
    seed()
    roles = set(User.objects.filter(email__endswith="@demo.kui.dk").values_list("role", flat=True))
    assert roles == set(Role.values)


def test_it_creates_the_requested_number_of_youths(db, debug):
    seed(youths=45)
    assert Youth.objects.count() == 45


def test_it_does_nothing_the_second_time(db, debug):
    seed()
    counts = (User.objects.count(), Youth.objects.count(), Contact.objects.count())
    output = seed()
    assert "nothing to do" in output
    assert (User.objects.count(), Youth.objects.count(), Contact.objects.count()) == counts


def test_it_gives_the_same_data_for_the_same_seed(db, debug):
    with transaction.atomic():
        seed(seed=7)
        first = snapshot()
        transaction.set_rollback(True)
    assert not Youth.objects.exists()
    seed(seed=7)
    assert snapshot() == first


def test_it_gives_other_data_for_another_seed(db, debug):
    with transaction.atomic():
        seed(seed=7)
        first = snapshot()
        transaction.set_rollback(True)
    seed(seed=8)
    assert [row[1:3] for row in snapshot()] != [row[1:3] for row in first]
