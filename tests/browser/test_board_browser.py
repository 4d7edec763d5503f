"""Monday morning (docs/domain.md, "Scenarios"): a contact person opens the board, sees who
nobody has talked to for 12 days, and logs a call in two clicks — the row
turns from red to normal in place, without a page reload."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pathways import services as pathway_services
from tests.browser.axe import assert_accessible
from youths import services
from youths.models import Contact, YouthStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RED_DAYS, RECENT_DAYS = 12, 2  # close follow allows 7 days without contact


def _youth_with_last_contact(contact_person, first_name: str, days_ago: int):
    """An active youth on close follow whose only cause for red is the
    contact gap: the pathway has a next step planned next week."""
    today = timezone.localdate()
    youth = services.youth_create(
        by=contact_person,
        status=YouthStatus.ACTIVE,
        first_name=first_name,
        last_name="Jensen",
        birth_date=datetime.date(2005, 5, 5),
        target_group="dropped_out",
        support_level="close",
        team=contact_person.team,
        referral_date=today - datetime.timedelta(days=90),
    )
    services.contact_person_assign(
        youth=youth,
        by=contact_person,
        contact_person=contact_person,
        started_on=today,  # registered as active today: nothing in the case lies before that
    )
    pathway = pathway_services.pathway_start(
        youth=youth,
        by=contact_person,
        goal="EGU",
        # Two weeks in: inside every support level's plan-review cadence, so the only
        # causes on these rows are the contact gaps the tests are about.
        started_on=today - datetime.timedelta(days=14),
    )
    pathway_services.step_add(
        pathway=pathway,
        by=contact_person,
        step_type="internship",
        title="Praktik på lager",
        starts_on=today + datetime.timedelta(days=7),
    )
    services.contact_log(
        youth=youth,
        by=contact_person,
        happened_at=timezone.now() - datetime.timedelta(days=days_ago),
        medium="phone",
        duration_minutes=15,
    )
    return youth


@pytest.fixture
def monday(alice):
    """Alice's caseload: three youths untouched for 12 days, two called recently."""
    red = [_youth_with_last_contact(alice, name, RED_DAYS) for name in ("Mads", "Sara", "Emil")]
    recent = [_youth_with_last_contact(alice, name, RECENT_DAYS) for name in ("Ida", "Noah")]
    return {"red": red, "recent": recent}


@pytest.fixture
def board(logged_in_page, alice, monday):
    """Alice logged in and on her board, with a marker that a reload would wipe."""
    page = logged_in_page(alice)
    expect(page).to_have_url(re.compile(r"/unge/$"))
    page.evaluate("window.__noReload = 1")
    return page


def _row(page, youth):
    return page.locator(f"#row-{youth.public_id}")


def _open_quick_contact(row):
    row.locator("summary", has_text="Log kontakt").click()


def _save(row):
    row.get_by_role("button", name="Gem kontakt").click()


def test_it_shows_the_youths_nobody_has_talked_to_in_red(board, monday):
    expect(board.locator("tr.state-red")).to_have_count(3)
    for youth in monday["red"]:
        expect(_row(board, youth)).to_have_attribute("data-state", "red")
    for youth in monday["recent"]:
        expect(_row(board, youth)).to_have_attribute("data-state", "")


def test_it_clears_a_red_row_with_two_clicks_and_no_reload(board, monday):
    youth = monday["red"][0]
    row = _row(board, youth)
    _open_quick_contact(row)
    _save(row)
    expect(row).to_have_attribute("data-state", "")
    expect(row.locator(".days-since-contact")).to_have_text(re.compile(r"^\s*0\s*$"))
    expect(board.locator("tr.state-red")).to_have_count(2)
    assert board.evaluate("window.__noReload") == 1
    contact = Contact.objects.filter(youth=youth).latest("happened_at")
    assert (contact.medium, contact.duration_minutes, contact.reached) == ("phone", 15, True)


def test_it_keeps_bad_input_in_the_row_and_saves_nothing(board, monday):
    youth = monday["red"][1]
    row = _row(board, youth)
    _open_quick_contact(row)
    row.locator("input[name=duration_minutes]").fill("-5")
    _save(row)
    expect(row.locator(".invalid-feedback")).to_be_visible()
    expect(row.locator("input[name=duration_minutes]")).to_have_value("-5")
    expect(row.locator(".draft-restored")).to_have_count(0)  # the server kept the input; no draft notice
    expect(row).to_have_attribute("data-state", "red")
    assert board.evaluate("window.__noReload") == 1
    assert Contact.objects.filter(youth=youth).count() == 1


def test_the_board_is_accessible_with_a_quick_form_open(board, monday):
    assert_accessible(board)
    _open_quick_contact(_row(board, monday["red"][2]))
    assert_accessible(board)


def test_it_logs_a_contact_on_a_phone_without_sideways_scrolling(phone_page, log_in, alice, monday):
    log_in(phone_page, alice)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    row = _row(phone_page, monday["red"][0])
    _open_quick_contact(row)
    _save(row)
    expect(row).to_have_attribute("data-state", "")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_cpr_number_typed_into_the_name_search_is_looked_up_by_post(board, monday, alice):
    """The number never reaches the address: kui.js hands it to the CPR lookup."""
    youth = services.youth_update(youth=monday["red"][0], by=alice, version=monday["red"][0].version, cpr="0505054321")
    requests = []
    board.on("request", lambda request: requests.append(request.url))
    board.locator("details.board-filters summary").click()
    board.get_by_label("Søg på navn").fill("050505-4321")
    board.get_by_label("Søg på navn").press("Enter")
    expect(board).to_have_url(re.compile(rf"/unge/{youth.public_id}/$"))
    assert requests and not any("050505" in url or "0505054321" in url for url in requests)
