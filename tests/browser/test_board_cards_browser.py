"""The board on a phone (360×740) and a desktop (1280×800): each youth is a
card below a tablet's width, a contact is logged in the card, the card and a
confirmation stay in view with the focus on it; and a save after the session
expired goes to the login page and keeps what was typed."""

import datetime
import re

import pyotp
import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import ACTION_TIMEOUT_MS, PHONE_VIEWPORT
from tests.browser.test_board_browser import RED_DAYS, _youth_with_last_contact
from tests.signin import TEST_TOTP_SECRET
from youths.models import Contact, ContactRevision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP_VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(params=["phone", "desktop"])
def screen(request, new_context):
    phone = request.param == "phone"
    context = new_context(viewport=PHONE_VIEWPORT if phone else DESKTOP_VIEWPORT, is_mobile=phone, has_touch=phone)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    return request.param, context.new_page()


@pytest.fixture
def caseload(alice):
    """Enough youths that the red one is far down a phone's screen."""
    others = [_youth_with_last_contact(alice, name, 2) for name in ("Ida", "Noah", "Liva", "Oskar", "Alma")]
    red = _youth_with_last_contact(alice, "Sara", RED_DAYS)
    return red, others


def _sign_in_here(page, user, password, time_machine):
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/konto/2fa/authenticate/")
    # The first sign-in used this 30-second step's code, and a code is taken once:
    # the clock (shared by the live server in this process) moves to the next step.
    time_machine.shift(datetime.timedelta(seconds=31))
    page.locator("input[name=code]").fill(pyotp.TOTP(TEST_TOTP_SECRET).now())
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/konto/login/" not in url and "/konto/2fa/" not in url)


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and box["x"] >= 0


def test_a_contact_is_logged_in_the_card_and_confirmed_in_view(screen, log_in, alice, caseload):
    kind, page = screen
    red, _others = caseload
    log_in(page, alice)
    expect(page).to_have_url(re.compile(r"/unge/$"))
    card = page.locator(f"#row-{red.public_id}")
    expect(card.locator(".cause-red")).to_have_text("Ingen kontakt i 12 dage (grænse 7)")
    summary = card.locator("summary", has_text="Log kontakt")
    if kind == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_VIEWPORT["width"]
        card_box, button_box = card.bounding_box(), summary.bounding_box()
        assert card_box["width"] <= PHONE_VIEWPORT["width"]
        assert button_box["x"] + button_box["width"] <= PHONE_VIEWPORT["width"] and button_box["height"] >= 44
        expect(card.locator(".next-step")).to_contain_text("Praktik på lager")
    else:
        expect(page.locator("table.board thead")).to_be_visible()
    assert_accessible(page)
    summary.click()
    card.get_by_role("button", name="Gem kontakt").click()
    confirmation = card.locator(".contact-saved")
    expect(confirmation).to_have_text(re.compile(r"Kontakt med Sara Jensen gemt"))
    expect(card).to_have_attribute("data-state", "")
    expect(confirmation).to_be_focused()
    assert _in_view(page, confirmation)
    expect(page.locator("#live-region")).to_have_text(re.compile(r"Kontakt med Sara Jensen gemt"))
    assert_accessible(page)
    assert Contact.objects.filter(youth=red).count() == 2


def test_an_expired_session_keeps_the_draft_until_it_is_saved(screen, log_in, alice, password, caseload, time_machine):
    _kind, page = screen
    red, _others = caseload
    log_in(page, alice)
    card = page.locator(f"#row-{red.public_id}")
    card.locator("summary", has_text="Log kontakt").click()
    card.get_by_label("Møde").check()
    card.locator("textarea[name=note]").fill("Talte om praktik på lageret")
    Session.objects.all().delete()  # the session expires while the form is open
    card.get_by_role("button", name="Gem kontakt").click()
    page.wait_for_url(re.compile(r"/konto/login/\?next=%2Funge%2F"))
    assert page.locator("table.board").count() == 0  # the login page, not the board with a login inside
    assert Contact.objects.filter(youth=red).count() == 1
    _sign_in_here(page, alice, password, time_machine)
    expect(page).to_have_url(re.compile(r"/unge/$"))
    card = page.locator(f"#row-{red.public_id}")
    note = card.locator("textarea[name=note]")
    expect(note).to_have_value("Talte om praktik på lageret")
    expect(card.get_by_label("Møde")).to_be_checked()
    expect(card.locator(".draft-restored")).to_be_visible()
    assert_accessible(page)
    card.get_by_role("button", name="Gem kontakt").click()
    expect(card.locator(".contact-saved")).to_be_visible()
    assert Contact.objects.filter(youth=red, note="Talte om praktik på lageret", medium="meeting").count() == 1
    assert Contact.objects.filter(youth=red).count() == 2  # the one from before, and exactly one new
    # The draft is cleared by the script that handles the swap, just after it: wait for it (or time out).
    page.wait_for_function("Object.keys(window.sessionStorage).filter(k => k.startsWith('kui-draft:')).length === 0")


def test_undo_in_the_card_removes_the_contact_just_logged(phone_page, log_in, alice, caseload):
    red, _others = caseload
    page = log_in(phone_page, alice)
    card = page.locator(f"#row-{red.public_id}")
    card.locator("summary", has_text="Log kontakt").tap()
    card.get_by_role("button", name="Gem kontakt").tap()
    expect(card.locator(".contact-saved")).to_be_focused()
    expect(card).to_have_attribute("data-state", "")
    assert Contact.objects.filter(youth=red).count() == 2
    undo = card.get_by_role("button", name=re.compile("^Fortryd"))
    box = undo.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44 and _in_view(page, undo)
    assert_accessible(page)
    undo.tap()
    confirmation = card.locator(".contact-saved")
    expect(confirmation).to_have_text("Kontakten med Sara Jensen er fortrudt.")
    expect(confirmation).to_be_focused()
    assert _in_view(page, confirmation)
    expect(page.locator("#live-region")).to_have_text("Kontakten med Sara Jensen er fortrudt.")
    expect(card).to_have_attribute("data-state", "red")  # the contact no longer counts
    assert Contact.objects.filter(youth=red).count() == 1
    assert ContactRevision.objects.filter(youth=red, kind="removed").count() == 1
    assert_accessible(page)


def test_an_expired_session_on_the_case_file_keeps_the_draft(
    phone_page, log_in, alice, password, caseload, time_machine
):
    red, _others = caseload
    page = log_in(phone_page, alice)
    page.goto(f"/unge/{red.public_id}/")
    page.get_by_role("navigation", name="Handlinger for sagen").get_by_role("link", name="Log kontakt").tap()
    panel = page.locator("#contact-panel")
    panel.locator("textarea[name=note]").fill("Evalueringssamtale på kontoret")
    Session.objects.all().delete()
    panel.get_by_role("button", name="Gem kontakt").tap()
    page.wait_for_url(re.compile(rf"/konto/login/\?next=%2Funge%2F{red.public_id}%2F"))
    assert page.locator("#contact-panel").count() == 0
    _sign_in_here(page, alice, password, time_machine)
    expect(page).to_have_url(re.compile(rf"/unge/{red.public_id}/$"))
    panel = page.locator("#contact-panel")
    expect(panel.locator("textarea[name=note]")).to_have_value("Evalueringssamtale på kontoret")
    expect(panel.locator(".draft-restored")).to_be_visible()
    panel.get_by_role("button", name="Gem kontakt").tap()
    expect(panel.locator(".contact-saved")).to_be_focused()
    assert Contact.objects.filter(youth=red, note="Evalueringssamtale på kontoret").count() == 1
    assert Contact.objects.filter(youth=red).count() == 2
    assert_accessible(page)
