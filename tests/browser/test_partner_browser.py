"""The demo mentor at the warehouse, in the browser: she sees her two
interns and nobody else, records attendance for one of them, and every other
page is closed to her. Each page she sees passes axe."""

import pyotp
import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from kui.accounts.models import User
from kui.demo.core import DEMO_PASSWORD, demo_totp_secret
from partners.access import youths_for_partner
from partners.models import Attendance
from tests.browser.axe import assert_accessible
from youths.models import Youth

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo refuses to run in production mode
    call_command("seed_demo", youths=40, seed=3)
    return User.objects.get(username="partner")


def log_in_as_demo_user(page, username):
    page.goto("/konto/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    # Demo staff are enrolled with a fixed TOTP secret (manage.py demo_logins prints it).
    page.wait_for_url("**/konto/2fa/authenticate/")
    page.locator("input[name=code]").fill(pyotp.TOTP(demo_totp_secret(username)).now())
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/konto/login/" not in url and "/konto/2fa/" not in url)


def test_the_mentor_records_attendance_and_sees_no_other_youth(page, demo):
    interns = {str(youth.public_id) for youth in youths_for_partner(demo)}
    oliver = Youth.objects.get(user__username="ung")
    log_in_as_demo_user(page, "partner")

    assert page.url.endswith("/partnere/min-side/")
    rows = page.locator("tr.partner-youth")
    expect(rows).to_have_count(2)
    assert {rows.nth(n).get_attribute("data-youth") for n in range(2)} == interns
    assert_accessible(page)

    page.locator(f"tr[data-youth='{oliver.public_id}'] a").click()
    expect(page.locator("h1")).to_have_text("Oliver")
    assert_accessible(page)
    page.locator("form.attendance-form input[name=present][value=no]").check()
    page.locator("form.attendance-form input[name=note]").fill("Tandlæge om formiddagen")
    page.locator("form.attendance-form button[type=submit]").click()

    today = timezone.localdate().isoformat()
    expect(page.locator(f"ul.attendance li[data-day='{today}']")).to_have_attribute("data-present", "no")
    assert_accessible(page)
    mark = Attendance.objects.get(youth=oliver, day=timezone.localdate())
    assert (mark.present, mark.recorded_by, mark.note) == (False, demo, "Tandlæge om formiddagen")


def test_every_other_youth_and_page_is_closed_to_the_mentor(page, demo):
    other = Youth.objects.exclude(pk__in=youths_for_partner(demo)).first()
    log_in_as_demo_user(page, "partner")
    for path in (
        f"/partnere/min-side/unge/{other.public_id}/",
        f"/unge/{other.public_id}/",
        "/unge/",
        "/partnere/",
        "/partnere/aftaler/",
        "/forloeb/flag/",
    ):
        response = page.goto(path)
        assert response.status == 404, path
    page.goto("/partnere/min-side/")
    nav = page.get_by_role("navigation", name="Hovedmenu")
    expect(nav.locator("a.nav-link[href='/partnere/min-side/']")).to_have_count(1)
    expect(nav.locator("a.nav-link[href='/unge/']")).to_have_count(0)
    assert_accessible(page)


def test_the_partner_page_works_on_a_phone(phone_page, demo):
    log_in_as_demo_user(phone_page, "partner")
    expect(phone_page.locator("tr.partner-youth")).to_have_count(2)
    width = phone_page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360
    assert_accessible(phone_page)
