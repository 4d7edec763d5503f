"""The installable app on a phone (360×740): a contact logged with no network
waits on the device, says "venter på netværk", and is sent exactly once when
the network returns, also when the first answer is lost on the way; other
pages say honestly that they need the network; logging out deletes what
waits, and another user of the device cannot read it."""

import datetime
import re
import time

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import ACTION_TIMEOUT_MS, PHONE_VIEWPORT
from tests.browser.test_board_browser import RED_DAYS, _youth_with_last_contact
from youths.models import Contact

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Talte om praktik på lageret"


@pytest.fixture
def phone(new_context):
    context = new_context(viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


@pytest.fixture
def sara(alice):
    return _youth_with_last_contact(alice, "Sara", RED_DAYS)


def _log_contact_offline(context, page, youth):
    context.set_offline(True)
    card = page.locator(f"#row-{youth.public_id}")
    # The card's form cannot be fetched without a network: the page's blank one stands in.
    card.locator("summary", has_text="Log kontakt").click()
    card.locator("textarea[name=note]").fill(NOTE)
    card.get_by_role("button", name="Gem kontakt").click()
    waiting = card.locator(".offline-waiting")
    expect(waiting).to_have_text(re.compile(r"Kontakt med Sara Jensen kl\. \d\d:\d\d venter på netværk"))
    expect(waiting).to_be_focused()
    expect(page.locator("#offline-queue")).to_be_visible()
    expect(page.locator("#offline-queue")).to_contain_text("venter på netværk")
    expect(page.locator("#live-region")).to_contain_text("venter på netværk")
    return card


def _stored(page) -> str:
    return page.evaluate("JSON.stringify(Object.entries(window.localStorage))")


def test_a_contact_logged_offline_is_sent_exactly_once_when_the_network_returns(phone, log_in, alice, sara):
    context, page, errors = phone
    log_in(page, alice)
    expect(page).to_have_url(re.compile(r"/unge/$"))
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    card = _log_contact_offline(context, page, sara)
    assert Contact.objects.filter(youth=sara).count() == 1  # only the one from before
    stored = _stored(page)
    assert f"kui-offline:{alice.public_id}" in stored
    assert NOTE not in stored and "Sara" not in stored  # encrypted on the device
    assert_accessible(page)

    errors.clear()  # offline, the failed fetch of the form is reported by htmx; online, nothing may be
    context.set_offline(False)
    expect(card.locator(".offline-waiting")).to_have_text(re.compile(r"Kontakt med Sara Jensen gemt"))
    expect(page.locator("#offline-queue")).to_be_hidden()
    assert Contact.objects.filter(youth=sara, note=NOTE).count() == 1
    assert f"kui-offline:{alice.public_id}" not in _stored(page)

    page.reload()  # and nothing is sent again
    expect(page.locator("#offline-queue")).to_be_hidden()
    assert Contact.objects.filter(youth=sara, note=NOTE).count() == 1
    assert Contact.objects.filter(youth=sara).count() == 2
    assert errors == []


def test_a_lost_answer_is_sent_again_and_still_saved_once(phone, log_in, alice, sara):
    context, page, _errors = phone
    log_in(page, alice)
    card = _log_contact_offline(context, page, sara)
    answers = []

    def lose_the_first_answer(route):
        response = route.fetch()  # the server saves the contact ...
        answers.append(response.status)
        if len(answers) == 1:
            route.abort("connectionreset")  # ... but the phone never hears back
        else:
            route.fulfill(response=response)

    page.route("**/kontakt/fra-koe/", lose_the_first_answer)
    context.set_offline(False)
    _wait_until(page, lambda: len(answers) == 1)
    assert Contact.objects.filter(youth=sara, note=NOTE).count() == 1
    expect(page.locator("#offline-queue")).to_contain_text("venter på netværk")  # the phone still waits
    page.evaluate("window.dispatchEvent(new Event('online'))")  # the next try (the timer or the network)
    expect(card.locator(".offline-waiting")).to_have_text(re.compile(r"Kontakt med Sara Jensen gemt"))
    assert answers == [200, 200]
    assert Contact.objects.filter(youth=sara, note=NOTE).count() == 1


def _wait_until(page, condition, seconds=ACTION_TIMEOUT_MS / 1000):
    """Polls with Playwright's own wait: route handlers run only while it has control."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        page.wait_for_timeout(50)


def test_other_pages_say_honestly_that_they_need_the_network(phone, log_in, alice, sara):
    context, page, _errors = phone
    log_in(page, alice)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # the worker now controls the page
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    context.set_offline(True)
    page.goto(f"/unge/{sara.public_id}/")
    expect(page.locator("h1")).to_have_text("Intet netværk")
    expect(page.locator("main")).to_contain_text("venter på denne enhed")
    assert "Sara" not in page.content()
    assert_accessible(page)
    context.set_offline(False)
    page.goto(f"/unge/{sara.public_id}/")
    expect(page.locator("h1")).to_contain_text("Sara")


def test_logging_out_deletes_what_waits_and_another_user_cannot_read_it(phone, log_in, alice, bob, sara, time_machine):
    context, page, _errors = phone
    log_in(page, alice)
    _log_contact_offline(context, page, sara)
    page.route("**/kontakt/fra-koe/", lambda route: route.abort("connectionreset"))  # it keeps waiting
    context.set_offline(False)
    alice_key = f"kui-offline:{alice.public_id}"
    assert alice_key in _stored(page)

    # Alice's session ends without logging out; Bob signs in on the same phone.
    Session.objects.all().delete()
    context.clear_cookies()
    log_in(page, bob)
    expect(page.locator("#offline-queue")).to_be_hidden()
    readable = page.evaluate(
        """async (name) => {
          const sealed = JSON.parse(localStorage.getItem(name));
          const raw = Uint8Array.from(atob(document.body.dataset.offlineKey), c => c.charCodeAt(0));
          const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["decrypt"]);
          const iv = Uint8Array.from(atob(sealed.iv), c => c.charCodeAt(0));
          const data = Uint8Array.from(atob(sealed.data), c => c.charCodeAt(0));
          try { await crypto.subtle.decrypt({name: "AES-GCM", iv}, key, data); return true; }
          catch (e) { return false; }
        }""",
        alice_key,
    )
    assert readable is False
    assert Contact.objects.filter(youth=sara, note=NOTE).count() == 0  # not sent under Bob's name

    # Alice again: her contact is there for her, and logging out (after the warning) deletes it.
    page.context.clear_cookies()
    Session.objects.all().delete()
    page.unroute("**/kontakt/fra-koe/")
    page.route("**/kontakt/fra-koe/", lambda route: route.abort("connectionreset"))
    # A second-factor code is taken once: the clock (shared with the live server) moves to the next step.
    time_machine.shift(datetime.timedelta(seconds=31))
    log_in(page, alice)
    expect(page.locator("#offline-queue")).to_contain_text("Kontakt med Sara Jensen")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Vis menu").click()
    page.get_by_role("button", name="Log ud").click()
    expect(page).to_have_url(re.compile(r"/konto/login/"))
    expect(page.locator("input[name=username]")).to_be_visible()
    assert dialogs and "slettes" in dialogs[0]
    assert "kui-offline:" not in _stored(page)
    assert Contact.objects.filter(youth=sara, note=NOTE).count() == 0
