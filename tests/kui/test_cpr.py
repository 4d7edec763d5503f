import datetime
import random

import pytest

from kui.lib import cpr


def test_it_normalises_a_cpr_with_dash():
    assert cpr.normalise("170599-1582") == "1705991582"


@pytest.mark.parametrize("raw", ["", "12345", "3213991234", "abcdefghij", "0101011234567"])
def test_it_rejects_malformed(raw):
    with pytest.raises(cpr.InvalidCpr):
        cpr.normalise(raw)


def test_it_rejects_a_birth_date_in_the_future():
    future = datetime.date.today() + datetime.timedelta(days=400)
    with pytest.raises(cpr.InvalidCpr):
        cpr.normalise(cpr.fake(future, random.Random(1)))


def test_it_masks_all_but_the_date():
    assert cpr.masked("1705991582") == "170599-xxxx"


def test_fake_numbers_encode_the_right_century():
    rng = random.Random(7)
    for year in (1997, 2001, 2008, 2011):
        born = datetime.date(year, 2, 28)
        assert cpr.birth_date(cpr.fake(born, rng)) == born


def test_lookup_hash_is_keyed(settings):
    first = cpr.lookup_hash("1705991582")
    settings.KUI_CPR_KEY = "another key"
    assert cpr.lookup_hash("170599-1582") != first
    assert "1705991582" not in first
