"""The practices in Chromium, on a phone-wide page: a plan review recorded
with the youth's words, an aftercare drop-out that puts the youth back on
the board, and the youth reading why their next step matters. axe-core
finds no serious or critical violation on the pages."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pathways import services as pathway_services
from pathways.models import PlanReview
from tests.browser.axe import assert_accessible
from tests.pathways.factories import pathway_for
from tests.portfolio.factories import youth_with_login
from tests.youths.factories import youth_in_caseload
from youths import services as youth_services
from youths.models import YouthStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DAY = datetime.timedelta(days=1)
WHY = "Du prøver skolen af, før du søger ind."


def test_a_plan_review_on_a_phone(phone_page, log_in, alice):
    today = timezone.localdate()
    youth = youth_in_caseload(alice, first_name="Malthe", last_name="Kjær")
    pathway = pathway_for(youth, started_on=today - 40 * DAY)
    pathway_services.step_add(
        pathway=pathway, by=alice, step_type="bridging", title="Brobygning", purpose=WHY, starts_on=today + 3 * DAY
    )
    page = log_in(phone_page, alice)
    page.goto(f"/forloeb/unge/{youth.public_id}/")
    expect(page.locator(".review-overdue")).to_be_visible()
    page.get_by_text("Registrér en opfølgning").click()
    page.get_by_label("Hvem deltog").fill("Malthe og tovholderen")
    page.get_by_label("Den unges egne ord").fill("Jeg vil gerne starte tidligere om morgenen.")
    assert_accessible(page)
    page.get_by_role("button", name="Gem opfølgningen").click()
    expect(page.locator(".plan-review").first).to_contain_text("starte tidligere")
    expect(page.locator(".review-overdue")).to_have_count(0)
    assert PlanReview.objects.filter(pathway=pathway).count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360 + 1


def test_an_aftercare_drop_out_is_back_on_the_board(logged_in_page, alice):
    today = timezone.localdate()
    youth = youth_in_caseload(alice, first_name="Sara", last_name="Holm")
    pathway = pathway_for(youth, started_on=today - 200 * DAY)
    pathway_services.pathway_close(
        pathway=pathway, by=alice, ended_on=today, outcome="education", education_kind="eud_basic"
    )
    youth_services.youth_change_status(
        youth=youth, by=alice, to_status=YouthStatus.COMPLETED, changed_on=today, reason="Startet på EUD"
    )
    page = logged_in_page(alice)
    page.goto("/unge/")
    expect(page.locator(f"#row-{youth.public_id}")).to_have_count(0)
    page.goto(f"/forloeb/unge/{youth.public_id}/")
    page.get_by_text("Registrér opfølgningen").click()
    page.get_by_label("Nej, er faldet fra").check()
    assert_accessible(page)
    page.get_by_role("button", name="Gem opfølgningen").click()
    expect(page.locator(".check-in").first).to_contain_text("Faldet fra")
    page.goto("/unge/")
    row = page.locator(f"#row-{youth.public_id}")
    expect(row).to_have_attribute("data-state", "red")
    expect(row).to_contain_text("Intet næste skridt")


def test_the_youth_reads_why_the_next_step(logged_in_page, alice):
    oliver = youth_with_login(alice)
    pathway = pathway_for(oliver)
    pathway_services.step_add(
        pathway=pathway,
        by=alice,
        step_type="bridging",
        title="Brobygning i logistik",
        purpose=WHY,
        starts_on=timezone.localdate() + 3 * DAY,
    )
    page = logged_in_page(oliver.user)
    page.goto("/mig/plan/")
    expect(page.locator(".step-purpose").first).to_contain_text(WHY)
    expect(page.locator(".step-purpose").first).to_contain_text("Det fører dig mod dit mål: EGU i lager og logistik.")
    assert_accessible(page)
