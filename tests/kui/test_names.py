import pytest

from kui.lib.names import fold, within_one_edit


@pytest.mark.parametrize(
    "typed,stored",
    [
        ("Søren Jørgensen", "Soeren Joergensen"),
        ("Åse", "aase"),
        ("Mæhl", "Maehl"),
        ("José", "Jose"),
        ("Anne-Mette", "anne mette"),
    ],
)
def test_it_folds_danish_letters_accents_and_case(typed, stored):
    assert fold(typed) == fold(stored)


def test_it_keeps_different_names_apart():
    assert fold("Ida") != fold("Ada")


@pytest.mark.parametrize("a,b", [("hansen", "hanson"), ("mikkel", "mikel"), ("lund", "lunds"), ("ida", "ida")])
def test_one_letter_off_is_within_one_edit(a, b):
    assert within_one_edit(a, b) and within_one_edit(b, a)


@pytest.mark.parametrize("a,b", [("hansen", "hanssn1"), ("ida", "ib"), ("mikkel", "mkkl"), ("lund", "dnul")])
def test_two_letters_off_is_not(a, b):
    assert not within_one_edit(a, b)
