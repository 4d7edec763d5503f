"""The central rule in the browser: a youth with no next step is red on the
board; the contact person plans a step and, after the scan, the row is normal."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from pathways.models import Flag, FlagKind
from tests.browser.axe import assert_accessible
from youths import services
from youths.models import YouthStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def stalled_youth(alice):
    today = timezone.localdate()
    youth = services.youth_create(
        by=alice,
        status=YouthStatus.ACTIVE,
        first_name="Malthe",
        last_name="Kjær",
        birth_date=datetime.date(2004, 8, 8),
        target_group="dropped_out",
        support_level="close",
        team=alice.team,
    )
    services.contact_person_assign(youth=youth, by=alice, contact_person=alice, started_on=today)
    services.contact_log(youth=youth, by=alice, happened_at=timezone.now(), medium="phone", duration_minutes=15)
    call_command("scan_pathways")
    return youth


def test_planning_a_step_turns_a_red_row_normal(logged_in_page, alice, stalled_youth):
    page = logged_in_page(alice)
    row = page.locator(f"#row-{stalled_youth.public_id}")
    expect(row).to_have_attribute("data-state", "red")
    expect(row).to_contain_text("Intet næste skridt")

    row.get_by_role("link", name="Malthe Kjær").click()
    page.get_by_role("link", name="Åbn planen").click()
    page.get_by_label(re.compile("mål", re.I)).fill("EGU i lager og logistik")
    page.get_by_role("button", name="Start forløb").click()
    page.get_by_role("link", name="Tilføj skridt").click()
    assert_accessible(page)
    page.locator("#id_step_type").select_option("bridging")
    page.locator("#id_title").fill("Brobygning i logistik")
    page.locator("#id_starts_on").fill((timezone.localdate() + datetime.timedelta(days=5)).isoformat())
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Brobygning i logistik").first).to_be_visible()

    call_command("scan_pathways")
    page.goto("/unge/")
    expect(page.locator(f"#row-{stalled_youth.public_id}")).to_have_attribute("data-state", "")
    assert not Flag.objects.open().filter(youth=stalled_youth, kind=FlagKind.NO_NEXT_STEP).exists()
    assert_accessible(page)
