"""The data-protection pages in a real browser at phone width: the spot checks,
the monthly sample, a case file's earlier values and the 404 page, without
serious accessibility violations or sideways scrolling."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from tests.browser.axe import assert_accessible
from tests.factories import UserFactory
from youths import services as youth_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def youth(alice):
    youth = youth_services.youth_create(
        by=alice,
        first_name="Åse",
        last_name="Ærø",
        birth_date=datetime.date(2004, 6, 1),
        target_group="other",
        phone="11111111",
    )
    youth_services.youth_update(youth=youth, by=alice, version=youth.version, phone="22222222")
    audit_record(actor=alice, action=AuditAction.READ, obj=youth, subject_id=youth.public_id)
    return youth


def test_the_coordinator_reviews_the_spot_checks_on_a_phone(phone_page, log_in, org_a, youth):
    coordinator = UserFactory(username="dpo", first_name="Dorte", role="team_lead", organisation=org_a)
    coordinator.user_permissions.add(Permission.objects.get(codename="review_spot_checks"))
    log_in(phone_page, coordinator)
    phone_page.goto("/unge/stikproever/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Stikprøver af logningen")
    assert_accessible(phone_page)
    _no_sideways_scroll(phone_page)
    phone_page.get_by_role("link", name="Månedens tilfældige stikprøve").click()
    expect(phone_page.get_by_role("button", name="Godkend")).to_be_visible()
    assert_accessible(phone_page)
    _no_sideways_scroll(phone_page)


def test_earlier_values_and_the_404_page_are_accessible(phone_page, log_in, alice, youth):
    log_in(phone_page, alice)
    phone_page.goto(f"/unge/{youth.public_id}/")
    phone_page.get_by_text("1 rettelse").click()
    expect(phone_page.get_by_role("cell", name="11111111")).to_be_visible()
    assert_accessible(phone_page)
    phone_page.goto("/findes-ikke/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Siden blev ikke fundet")
    assert_accessible(phone_page)
    _no_sideways_scroll(phone_page)
