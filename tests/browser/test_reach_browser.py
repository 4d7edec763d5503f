"""The youth chooses reminders and a calendar on /mig/ and sees their
progression; staff record prior learning; the steering group reads the key
problems. In Chromium, at 360 px for the youth's pages, each page through axe."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pathways.models import StepStatus
from portfolio.models import PriorLearning, ReminderSettings
from tests.browser.axe import assert_accessible
from tests.pathways.factories import step_in
from tests.portfolio.factories import completed_step, youth_with_login
from youths.models import LogbookNote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def oliver(alice):
    youth = youth_with_login(alice, phone="20 30 40 50")
    step = completed_step(youth)
    step_in(
        step.pathway, timezone.localdate() + datetime.timedelta(days=4), status=StepStatus.PLANNED, title="Brobygning"
    )
    return youth


def test_the_youth_turns_on_sms_reminders_and_a_calendar_at_360px(phone_page, log_in, oliver):
    page = phone_page
    log_in(page, oliver.user)
    expect(page.locator("#progression")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Vælg påmindelser").click()
    assert_accessible(page)
    page.get_by_label("Mind mig om det på SMS").check()
    expect(page.get_by_label("Mit mobilnummer")).to_have_value("20 30 40 50")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Dine påmindelser er gemt.")).to_be_visible()
    page.get_by_role("button", name="Lav min kalenderadresse").click()
    assert "/kalender/" in page.locator("#calendar-url").input_value()
    assert_accessible(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    choice = ReminderSettings.objects.get(youth=oliver)
    assert choice.by_sms and choice.sms_number == "+4520304050" and choice.calendar_token


def test_staff_record_prior_learning_and_the_youth_sees_it(page, log_in, alice, oliver):
    log_in(page, alice)
    page.goto(f"/unge/{oliver.public_id}/portfolio/")
    page.get_by_role("link", name="Registrér realkompetence").click()
    assert_accessible(page)
    page.get_by_label("Hvad den unge kan").fill("Kassebetjening")
    page.get_by_label("Lært gennem").select_option("work")
    page.get_by_label("Dokumentation").fill("Udtalelse fra Netto")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("[data-prior-learning]")).to_contain_text("Kassebetjening")
    assert_accessible(page)
    assert PriorLearning.objects.get(youth=oliver).evidence == "Udtalelse fra Netto"


def test_the_steering_group_reads_the_key_problems(page, log_in, steering, alice, oliver):
    for _ in range(6):
        LogbookNote.objects.create(youth=oliver, theme="housing", text="x", written_by=alice)
    log_in(page, steering)
    page.goto("/statistik/")
    page.get_by_role("link", name="Nøgleproblemer").click()
    expect(page.locator("#table-key-problems-over-time")).to_be_visible()
    page.get_by_label("Over tid fordelt på").select_option("quarter")
    page.get_by_role("button", name="Vis").click()
    expect(page.locator("#table-key-problems-over-time thead")).to_contain_text("kvt.")
    assert_accessible(page)
