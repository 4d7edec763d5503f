"""Renders every page in Danish, as each role sees it, and fails on English
words a person would read. Two nets:

- every source string of the Danish catalogue whose Danish differs from the
  English: its English must not be on a rendered page (a template that forgot
  `{% translate %}`, a label built from a model's English verbose name);
- every string that went through gettext while the page rendered and found no
  Danish (a new `_()` nobody ran makemessages for, a translation call around an
  f-string): it must not be on the page either.

The .po file's completeness is tests/kui/test_i18n.py's business; this one
reads what the pages say."""

import functools
import html
import io
import re
import time

import pytest
from django.utils import timezone, translation
from django.utils.translation import trans_real

from tests.kui.test_i18n import PO, _entries
from tests.pages import PERSONAS, page_paths, persona, visible_texts
from tests.test_url_sweep import partner_staff, world  # noqa: F401  (fixtures)
from youths import services as youth_services

pytestmark = pytest.mark.django_db

# English source strings that are also the Danish word on a page, where the
# catalogue still has another Danish word for them elsewhere.
SAME_IN_DANISH = {"Start", "Status", "Team", "Plan", "Portfolio", "Logbog", "Login", "Type", "OK"}
# The language picker names each language in its own tongue.
OWN_NAMES = {"Dansk", "English"}
# English words no Danish sentence uses: they catch text that never went through
# gettext at all (a dict key, Django's default "Contact object (12)").
# ("break-the-glass" is the loanword Danish staff use: hyphenated words are left alone.)
# A code name ("first_name", "happened_at") shown instead of its verbose name.
CODE_NAME = re.compile(r"(?<![\w/.@-])[a-z]+(?:_[a-z]+)+(?![\w/.@-])")
ENGLISH_ONLY = re.compile(r"(?<![\w-])(the|of|and|object|with|your|found|edit|events|cases|handovers)(?![\w-])", re.I)


@functools.cache
def _english_of_danish_catalogue() -> frozenset[str]:
    """Source strings whose Danish differs. A word the same in both languages in
    one context ("plan") is Danish on the page even if another context words it
    otherwise for the youth ("din plan")."""
    english, same = set(), set()
    for _flags, msgid, strs in _entries(PO.read_text(encoding="utf-8")):
        msgid = msgid.replace('\\"', '"').replace("\\n", "\n")
        if strs and strs[0] == msgid:
            same.add(msgid)
        elif strs and msgid not in SAME_IN_DANISH and re.search(r"[A-Za-z]{2}", msgid):
            english.add(msgid)
    return frozenset(english - same)


def _as_pattern(msgid: str) -> str:
    """A msgid as a regex over folded text: placeholders match anything."""
    parts = re.split(r"%\(\w+\)[sd]|%[sd]|\{\w*\}", " ".join(msgid.split()))
    return r"[^\n]+?".join(re.escape(part) for part in parts)


def _long_enough(msgid: str) -> bool:
    """Sentences are looked for inside longer text; a word or "Q%(quarter)s"
    only as a whole text node (else "Status" would match inside every line)."""
    literal = re.sub(r"%\(\w+\)[sd]|%[sd]|\{\w*\}", "", msgid)
    return " " in msgid.strip() and len(re.findall(r"[A-Za-z]", literal)) >= 6


class UntranslatedLookups:
    """Records every gettext lookup that found no Danish while active."""

    def __init__(self):
        self.missed: set[str] = set()
        self._catalogue = trans_real.translation("da")._catalog

    def wrap(self, original):
        def recording(message, *plural_and_number):
            if translation.get_language() == "da":
                key = (message, 0) if plural_and_number else message
                if key not in self._catalogue:
                    english = [message, *plural_and_number[:1]]
                    self.missed.update(text.split(trans_real.CONTEXT_SEPARATOR)[-1] for text in english)
            return original(message, *plural_and_number)

        return recording


@pytest.fixture
def lookups(monkeypatch):
    recorder = UntranslatedLookups()
    for name in ("gettext", "ngettext"):
        monkeypatch.setattr(translation._trans, name, recorder.wrap(getattr(trans_real, name)), raising=False)
        monkeypatch.setattr(trans_real, name, recorder.wrap(getattr(trans_real, name)))
    return recorder


def _sentences(msgids) -> re.Pattern | None:
    """One pattern for every sentence-long msgid (one regex per msgid and page took minutes)."""
    long = sorted((m for m in msgids if _long_enough(m)), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(_as_pattern(m) for m in long) + r")(?!\w)") if long else None


@functools.cache
def _catalogue_sentences(catalogue_english: frozenset) -> re.Pattern | None:
    return _sentences(catalogue_english)


def english_on(html: str, catalogue_english: frozenset, missed: set[str]) -> set[str]:
    """The English strings visible in `html`."""
    texts = [text for text in visible_texts(html) if text not in OWN_NAMES]
    found = {text for text in texts if text in catalogue_english or text in missed}
    joined = "\n".join(texts)
    for pattern in (_catalogue_sentences(catalogue_english), _sentences(missed)):
        if pattern is not None:
            found |= {match.group(0) for match in pattern.finditer(joined)}
    for net in (ENGLISH_ONLY, CODE_NAME):
        found |= {f"{match.group(0)!r} in {text[:70]!r}" for text in texts for match in [net.search(text)] if match}
    return found


def _sweep(client, paths, catalogue_english, lookups) -> tuple[dict[str, set[str]], int]:
    problems, rendered = {}, 0
    for name, path in paths:
        lookups.missed.clear()
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="da")
        kind = response.get("Content-Type", "")
        if response.status_code != 200 or not kind.startswith(("text/html", "text/csv")):
            continue
        rendered += 1
        body = response.content.decode("utf-8-sig")
        if kind.startswith("text/csv"):  # an export: each cell is a text
            body = "".join(f"<p>{html.escape(cell)}</p>" for cell in re.split(r"[;\r\n]+", body))
        english = english_on(body, catalogue_english, lookups.missed)
        if english:
            problems[f"{name} {path}"] = english
    return problems, rendered


@pytest.fixture
def trail(world):
    """A logged contact and a corrected fact: the audit trail then names a
    kind of row and changed fields, which it must say in Danish."""
    youth, alice = world["youth"], world["alice"]
    youth_services.contact_log(
        youth=youth, by=alice, happened_at=timezone.now(), medium="phone", duration_minutes=10, note="Ringede"
    )
    youth.refresh_from_db()
    youth_services.youth_update(youth=youth, by=alice, version=youth.version, first_name="Sofia")
    return world


def test_every_page_speaks_danish(client, trail, request, lookups):
    """One walk, role after role: the youth comes last, so her data page lists
    every lookup the staff's pages recorded (each with its purpose)."""
    world = trail
    catalogue_english, problems, started = _english_of_danish_catalogue(), {}, time.monotonic()
    for who in PERSONAS:
        client.force_login(persona(who, world, request))
        found, rendered = _sweep(client, page_paths(world, public=False), catalogue_english, lookups)
        assert rendered >= 3, f"{who} saw almost no pages"
        problems.update({f"{who}: {page}": words for page, words in found.items()})
        client.logout()
    found, rendered = _sweep(client, page_paths(world, public=True), catalogue_english, lookups)
    assert rendered >= 4
    problems.update({f"anonymous: {page}": words for page, words in found.items()})
    print(f"Danish sweep: {time.monotonic() - started:.1f} s")
    assert problems == {}, "\n".join(f"{page}: {sorted(words)}" for page, words in problems.items())


def test_the_xlsx_export_speaks_danish(client, steering, lookups):
    from openpyxl import load_workbook

    client.force_login(steering)
    response = client.get("/statistik/noegletal.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any(cell.startswith("Omfang: ") for cell in cells)  # whose figures: "Scope" in Danish
    html_cells = "".join(f"<p>{html.escape(cell)}</p>" for cell in cells)
    assert english_on(html_cells, _english_of_danish_catalogue(), lookups.missed) == set()


@pytest.mark.parametrize(
    "path, status",
    [("/findes-ikke/", 404), ("/bad-request/", 400), ("/csrf/", 403), ("/denied/", 403), ("/boom/", 500)],
)
def test_error_pages_speak_danish(client, alice, settings, lookups, path, status):
    """Django's own error views, with DEBUG off as in production."""
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.error_urls"
    client.raise_request_exception = False
    client.force_login(alice)
    if path == "/csrf/":
        client.handler.enforce_csrf_checks = True
        response = client.post(path)
    else:
        response = client.get(path)
    assert response.status_code == status
    body = response.content.decode()
    assert '<html lang="da">' in body and 'href="/"' in body
    assert english_on(body, _english_of_danish_catalogue(), lookups.missed) == set()
    assert "Not Found" not in body and "Forbidden" not in body and "Bad Request" not in body


def test_the_sweep_catches_a_string_nobody_translated(lookups):
    """The net itself: a new `_()` without a Danish entry, an English template
    word the catalogue knows, and English that never saw gettext."""
    catalogue_english = _english_of_danish_catalogue()
    with translation.override("da"):
        label = translation.gettext("Reticulate the splines")
    html = f"<main><p>{label}</p><button aria-label='Page not found'>x</button><td>Contact object (3)</td><td>first_name, text</td></main>"
    assert english_on(html, catalogue_english, lookups.missed) == {
        "Reticulate the splines",
        "Page not found",
        "'the' in 'Reticulate the splines'",
        "'found' in 'Page not found'",
        "'object' in 'Contact object (3)'",
        "'first_name' in 'first_name, text'",
    }
