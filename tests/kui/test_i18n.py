import datetime
import re
from pathlib import Path

from django.utils import formats, translation

PO = Path(__file__).resolve().parents[2] / "locale" / "da" / "LC_MESSAGES" / "django.po"


def _entries(text: str):
    """(flags, msgid, msgstrs) per entry of a .po file, header skipped."""
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        flags = " ".join(line for line in lines if line.startswith("#,"))
        msgid = "".join(re.findall(r'^msgid "(.*)"', block, re.M)) + "".join(
            re.findall(r'^msgid ""\n((?:".*"\n?)+)', block, re.M)
        )
        strs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block + "\n", re.M)
        if msgid and msgid != '""':
            yield flags, msgid, ["".join(re.findall(r'"(.*)"', s)) for s in strs]


def test_the_danish_catalogue_is_complete():
    entries = list(_entries(PO.read_text()))
    assert len(entries) > 200
    untranslated = [msgid for _, msgid, strs in entries if not strs or not all(strs)]
    fuzzy = [msgid for flags, msgid, _ in entries if "fuzzy" in flags]
    assert untranslated == [] and fuzzy == []


def test_danish_is_the_default(client, db):
    html = client.get("/konto/login/").content.decode()
    assert '<html lang="da">' in html and "Log ind" in html


def test_english_can_be_chosen(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/konto/login/"})
    html = client.get("/konto/login/").content.decode()
    assert '<html lang="en">' in html and "Log in" in html


def test_dates_and_numbers_are_danish():
    with translation.override("da"):
        assert formats.date_format(datetime.date(2026, 11, 23), "SHORT_DATE_FORMAT") == "23.11.2026"
        assert formats.date_format(datetime.date(2026, 11, 23)) == "23. november 2026"
        assert formats.number_format(1234.5, 1, use_l10n=True, force_grouping=True) == "1.234,5"


def test_an_english_browser_still_gets_danish(client, db):
    html = client.get("/konto/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="da">' in html and "Log ind" in html


def test_an_unknown_language_cookie_falls_back_to_danish(client, db):
    client.cookies["django_language"] = "xx"
    assert '<html lang="da">' in client.get("/konto/login/").content.decode()
