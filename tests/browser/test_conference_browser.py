"""A case conference's participants in Chromium on a phone: the chair removes
one after being asked first, with targets of at least 44×44 px, and axe-core
finds no serious or critical violation on the confirmation page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kui.accounts.models import OrganisationKind
from pathways import conferences
from pathways.models import ConferenceAttendee
from tests.browser.axe import assert_accessible
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TOUCH = 44


def _touch_sized(locator) -> None:
    box = locator.bounding_box()
    assert box and box["width"] >= TOUCH and box["height"] >= TOUCH, box


def test_the_chair_removes_a_participant_after_being_asked(phone_page, log_in, lead):
    health = OrganisationFactory(name="Psykologhuset", kind=OrganisationKind.HEALTH)
    conference = conferences.conference_schedule(by=lead, held_on=timezone.localdate())
    conferences.conference_attendee_add(
        conference=conference, by=lead, name="Lene Holm", profession="psykolog", organisation=health
    )
    page = log_in(phone_page, lead)
    page.goto(f"/forloeb/sagsdroeftelser/{conference.public_id}/")
    remove = page.get_by_role("link", name="Fjern – Lene Holm")
    _touch_sized(remove)
    remove.click()
    expect(page.get_by_role("heading", name="Fjern Lene Holm fra deltagerne?")).to_be_visible()
    assert ConferenceAttendee.objects.exists()  # asking removes nothing
    assert_accessible(page)
    _touch_sized(page.get_by_role("button", name="Ja, fjern"))
    _touch_sized(page.get_by_role("link", name="Nej, behold"))
    page.get_by_role("button", name="Ja, fjern").click()
    expect(page.locator(".alert-success")).to_contain_text("Lene Holm er fjernet fra deltagerne.")
    expect(page.locator(".conference-attendees")).not_to_contain_text("Lene Holm")
    assert not ConferenceAttendee.objects.exists()
