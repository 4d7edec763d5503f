"""The duplicate check catches spelling variants of a name (æ/ae, ø/oe, å/aa,
one letter off) for youths born the same day, in the register form and the
caseload import; another organisation's youth stays "possibly known elsewhere"."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from kui.audit.models import AuditAction, AuditEvent
from tests.youths.factories import YouthFactory
from tests.youths.test_youth_register import VALID
from youths import services
from youths.models import Youth

BORN = datetime.date(2000, 3, 14)


def _find(first_name, last_name, birth_date=BORN):
    return services.find_duplicates(
        organisation_scope=Youth.objects.all(), first_name=first_name, last_name=last_name, birth_date=birth_date
    )


@pytest.mark.parametrize(
    "typed",
    [
        ("Oliver", "Joergensen"),
        ("oliver", "JØRGENSEN"),
        ("Olivr", "Jørgensen"),
        ("Oliver", "Jørgensn"),
        ("Olliver", "Jorgensen"),
    ],
)
def test_it_finds_a_spelling_variant_born_the_same_day(org_a, typed):
    existing = YouthFactory(organisation=org_a, first_name="Oliver", last_name="Jørgensen", birth_date=BORN)
    assert _find(*typed) == [existing]


def test_it_finds_aa_for_å(org_a):
    existing = YouthFactory(organisation=org_a, first_name="Åse", last_name="Brå", birth_date=BORN)
    assert _find("Aase", "Braa") == [existing]


def test_two_letters_off_or_another_birth_date_is_not_a_duplicate(org_a):
    YouthFactory(organisation=org_a, first_name="Oliver", last_name="Jørgensen", birth_date=BORN)
    assert _find("Olga", "Jensen") == []
    assert _find("Oliver", "Jørgensen", BORN + datetime.timedelta(days=1)) == []


def test_the_trigram_match_on_postgresql_catches_a_long_name_with_two_slips(org_a):
    existing = YouthFactory(organisation=org_a, first_name="Mohammad", last_name="Christophersen", birth_date=BORN)
    # two letters off in the last name: beyond one edit, but the trigram similarity is high
    assert services.names_look_alike("Mohammad", "Kristophersen", "Mohammad", "Christophersen") is False
    assert _find("Mohammad", "Kristophersen") == [existing]


def test_the_sqlite_fallback_compares_in_python(org_a, monkeypatch):
    existing = YouthFactory(organisation=org_a, first_name="Søren", last_name="Ålund", birth_date=BORN)
    YouthFactory(organisation=org_a, first_name="Mohammad", last_name="Christophersen", birth_date=BORN)
    monkeypatch.setattr(services.connection, "vendor", "sqlite")
    assert _find("Soeren", "Aalund") == [existing]
    assert _find("Mohammad", "Kristophersen") == []  # the fallback is simpler: one letter per name


def test_the_candidates_are_bounded(org_a, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(services, "DUPLICATE_CANDIDATE_LIMIT", 3)
    YouthFactory.create_batch(5, organisation=org_a, first_name="Ida", last_name="Lund", birth_date=BORN)
    with django_assert_max_num_queries(1):
        assert len(_find("Ida", "Lund")) == 3


def test_the_form_reports_a_variant_in_another_organisation_only_as_known_elsewhere(client, alice, charlie):
    existing = YouthFactory(
        organisation=charlie.organisation, first_name="Oliver", last_name="Jørgensen", birth_date=BORN
    )
    client.force_login(alice)
    response = client.post("/unge/ny/", {**VALID, "cpr": "", "last_name": "Joergensen", "confirm_new": ""})
    html = response.content.decode()
    assert "Muligvis kendt andetsteds – kontakt din KUI-koordinator." in html
    assert f"/unge/{existing.public_id}/" not in html and str(charlie.organisation) not in html
    assert Youth.objects.count() == 1
    lookup = AuditEvent.objects.get(action=AuditAction.READ, purpose="duplicate check")
    assert lookup.actor == alice and lookup.subject_id == existing.public_id


def test_the_form_says_similar_name_for_a_variant_in_the_own_organisation(client, alice):
    existing = YouthFactory(
        organisation=alice.organisation, first_name="Oliver", last_name="Jørgensen", birth_date=BORN
    )
    client.force_login(alice)
    html = client.post("/unge/ny/", {**VALID, "cpr": "", "first_name": "Olivr"}).content.decode()
    assert "samme fødselsdato, lignende navn" in html
    assert Youth.objects.count() == 1
    # another person after all: the user confirms and the youth is registered
    client.post("/unge/ny/", {**VALID, "cpr": "", "first_name": "Olivr", "confirm_new": "1"})
    assert Youth.objects.exclude(pk=existing.pk).get().first_name == "Olivr"


HEADER = "fornavn;efternavn;fødselsdato;cpr;målgruppe;støtteniveau;status;kontaktperson;seneste kontakt"


def _problems(client, *lines):
    upload = SimpleUploadedFile("unge.csv", "\n".join([HEADER, *lines]).encode(), content_type="text/csv")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post("/unge/import/", {"file": upload})
    return [(e.row, e.column, e.message) for e in response.context["errors"]]


def test_the_import_catches_a_variant_in_the_register(client, alice, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    YouthFactory(
        organisation=alice.organisation, first_name="Mads", last_name="Bæk", birth_date=datetime.date(2004, 11, 20)
    )
    client.force_login(alice)
    ((row, column, message),) = _problems(client, "Mads;Baek;2004-11-20;;dropped_out;close;venteliste;;")
    assert (row, column) == (2, "fornavn")
    assert message.startswith("A youth with the same birth date and the same or a similar name is already registered.")


def test_the_import_catches_a_variant_twice_in_the_file(client, alice, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(alice)
    problems = _problems(
        client,
        "Mads;Berg;2004-11-20;;dropped_out;close;venteliste;;",
        "Mats;Berg;2004-11-20;;dropped_out;close;venteliste;;",
        "Mads;Berg;2004-11-21;;dropped_out;close;venteliste;;",
    )
    assert problems == [(3, "fornavn", "The same birth date and the same or a similar name as in row 2.")]
    assert Youth.objects.count() == 0
