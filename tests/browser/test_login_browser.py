"""Logging in and out in a real browser, in Danish, on a desktop and a phone."""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.signin import TEST_TOTP_SECRET, enrol_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOGIN_URL = re.compile(r"/konto/login/")
BOARD_URL = re.compile(r"/unge/$")


def test_it_shows_the_login_page_in_danish(page):
    page.goto("/unge/")
    expect(page).to_have_url(LOGIN_URL)
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
    assert_accessible(page)


def test_it_lands_a_contact_person_on_the_board(page, log_in, alice):
    log_in(page, alice)
    expect(page).to_have_url(BOARD_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tavle")
    assert_accessible(page)


def test_it_rejects_a_wrong_password(page, alice):
    page.goto("/konto/login/")
    page.locator("input[name=username]").fill(alice.username)
    page.locator("input[name=password]").fill("not-the-password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .alert-danger, main .invalid-feedback").first).to_be_visible()
    expect(page).to_have_url(LOGIN_URL)


def test_it_fits_a_phone_without_sideways_scrolling(phone_page, log_in, alice):
    phone_page.goto("/konto/login/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    log_in(phone_page, alice)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Tavle")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone_page)


def test_it_logs_out(page, log_in, alice):
    log_in(page, alice)
    page.get_by_role("button", name="Log ud").click()
    expect(page).to_have_url(LOGIN_URL)
    page.goto("/unge/")
    expect(page).to_have_url(LOGIN_URL)


def test_it_signs_in_with_password_and_a_totp_code(page, alice, password):
    enrol_totp(alice)
    page.goto("/konto/login/")
    page.locator("input[name=username]").fill(alice.username)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/konto/2fa/authenticate/$"))
    assert_accessible(page)
    page.locator("input[name=code]").fill("000000")
    page.get_by_role("button", name="Log ind").click()
    expect(page.locator("main")).to_contain_text("Forkert kode")
    page.locator("input[name=code]").fill(pyotp.TOTP(TEST_TOTP_SECRET).now())
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(BOARD_URL)


def test_first_sign_in_enrols_an_authenticator_app(page, alice, password):
    page.goto("/konto/login/")
    page.locator("input[name=username]").fill(alice.username)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/konto/2fa/totp/activate/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktiver autentificeringsapp")
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Aktiver").click()
    expect(page.locator("main")).to_contain_text("gendannelseskoder", ignore_case=True)
    page.goto("/unge/")
    expect(page).to_have_url(BOARD_URL)
