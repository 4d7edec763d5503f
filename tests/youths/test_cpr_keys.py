"""Keys: a rotation re-encrypts and re-hashes every CPR number and every
youth is still found by CPR; a wrong key fails loudly instead of showing
ciphertext."""

import datetime
import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from kui.lib import cpr as cpr_lib
from kui.lib.encryption import TOKEN_PREFIX, EncryptionKeyError
from youths import services
from youths.models import Youth

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def youths(alice):
    rng = random.Random(14)
    made = []
    for n in range(5):
        number = cpr_lib.fake(datetime.date(2004, 3, n + 1), rng)
        youth = services.youth_create(
            by=alice,
            first_name=f"Ung{n}",
            last_name="Hansen",
            birth_date=datetime.date(2004, 3, n + 1),
            target_group="other",
            cpr=number,
        )
        made.append((youth, number))
    return made


def _new_keys(settings, *, keep_old: bool):
    old_secret, old_cpr = settings.SECRET_KEY, settings.KUI_CPR_KEY
    settings.SECRET_KEY, settings.KUI_CPR_KEY = "a-brand-new-secret-key-for-tests-0123456789", "a new CPR key"
    settings.SECRET_KEY_FALLBACKS = [old_secret] if keep_old else []
    settings.KUI_CPR_KEY_FALLBACKS = [old_cpr] if keep_old else []
    settings.SALT_KEY = [settings.KUI_CPR_KEY, *settings.KUI_CPR_KEY_FALLBACKS]


def _found_by_cpr(client, user, number) -> str:
    client.force_login(user)
    response = client.post("/unge/cpr-opslag/", {"cpr": number})
    return response.headers.get("Location", "")


def test_rotation_then_every_youth_is_found_by_cpr(client, alice, youths, settings):
    _new_keys(settings, keep_old=True)
    call_command("rotate_cpr_key", batch_size=2, max_batches=1, stdout=io.StringIO())
    assert Youth.objects.exclude(cpr_key_id=cpr_lib.key_id()).count() == 3  # stopped half way …
    call_command("rotate_cpr_key", batch_size=2, stdout=io.StringIO())  # … and resumed
    # The old keys are gone for good: everything must open with the new ones alone.
    settings.SECRET_KEY_FALLBACKS, settings.KUI_CPR_KEY_FALLBACKS = [], []
    settings.SALT_KEY = [settings.KUI_CPR_KEY]
    for youth, number in youths:
        stored = Youth.objects.get(pk=youth.pk)
        assert stored.cpr_encrypted == number
        assert stored.cpr_hash == cpr_lib.lookup_hash(number)
        assert _found_by_cpr(client, alice, number) == f"/unge/{youth.public_id}/"


def test_during_the_rotation_lookups_still_find_the_old_hashes(client, alice, youths, settings):
    _new_keys(settings, keep_old=True)
    youth, number = youths[0]
    assert Youth.objects.get(pk=youth.pk).cpr_encrypted == number
    assert _found_by_cpr(client, alice, number) == f"/unge/{youth.public_id}/"


def test_the_rotation_is_audited_without_numbers(alice, youths, settings):
    from kui.audit.models import AuditEvent

    _new_keys(settings, keep_old=True)
    call_command("rotate_cpr_key", stdout=io.StringIO())
    event = AuditEvent.objects.get(actor_label="CPR key rotation")
    assert sorted(event.subjects) == sorted(str(youth.public_id) for youth, _ in youths)
    assert all(number not in str(event.__dict__) for _, number in youths)


def test_a_wrong_key_fails_loudly_and_never_shows_ciphertext(client, alice, youths, settings):
    youth, _number = youths[0]
    _new_keys(settings, keep_old=False)
    with pytest.raises(EncryptionKeyError, match="SECRET_KEY_FALLBACKS"):
        Youth.objects.get(pk=youth.pk)
    client.force_login(alice)
    client.raise_request_exception = False
    response = client.get(f"/unge/{youth.public_id}/")
    assert response.status_code == 500
    assert TOKEN_PREFIX not in response.content.decode()


def test_the_fallbacks_are_read_from_the_environment():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(SECRET_KEY_FALLBACKS="old-one,older-one", KUI_CPR_KEY_FALLBACKS="old-cpr", KUI_CPR_KEY="cpr")
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECRET_KEY_FALLBACKS, s.KUI_CPR_KEY_FALLBACKS, s.SALT_KEY)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "['old-one', 'older-one'] ['old-cpr'] ['cpr', 'old-cpr']"
