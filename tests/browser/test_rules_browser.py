"""The pages of the effort's rules in Chromium, at phone width and through
axe: the youth proposes a contact person, the team lead decides and lets a
colleague leave, the administrator edits the limits."""

import pytest
from playwright.sync_api import expect

from kui.accounts.models import Organisation, OrganisationKind, Role
from tests.browser.axe import assert_accessible
from tests.factories import UserFactory
from tests.pathways.factories import pathway_for, step_in
from tests.portfolio.factories import youth_with_login
from tests.youths.factories import youth_in_caseload
from youths import services
from youths.models import ContactPersonAssignment, ContactPersonProposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + Math.round(e.getBoundingClientRect().right))"""


def _fits_a_phone(page) -> None:
    page.wait_for_load_state("load")  # stylesheets applied: a half-styled page is wider
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, page.evaluate(WIDEST)
    assert_accessible(page)


@pytest.fixture
def teacher(db):
    school = Organisation.objects.create(name="Produktionsskolen Vest", kind=OrganisationKind.PRODUCTION_SCHOOL)
    return UserFactory(
        username="hanne", first_name="Hanne", last_name="Holm", role=Role.PARTNER_STAFF, organisation=school
    )


def test_the_youth_proposes_a_teacher_and_the_team_lead_accepts(phone_page, log_in, new_context, alice, lead, teacher):
    oliver = youth_with_login(alice)
    log_in(phone_page, oliver.user)
    phone_page.goto("/mig/kontaktperson/")
    phone_page.get_by_label("Søg efter en person på navn eller arbejdsplads").fill("Hanne")
    phone_page.get_by_role("button", name="Søg").click()
    phone_page.get_by_label("Hanne Holm (Produktionsskolen Vest)").check()
    _fits_a_phone(phone_page)
    phone_page.get_by_role("button", name="Send mit forslag").click()
    expect(phone_page.locator("#youth-home")).to_be_visible()
    proposal = ContactPersonProposal.objects.get()

    lead_page = new_context(viewport={"width": 360, "height": 740}).new_page()
    log_in(lead_page, lead)
    lead_page.goto("/unge/forslag/")
    _fits_a_phone(lead_page)
    lead_page.goto(f"/unge/forslag/{proposal.public_id}/")
    lead_page.get_by_label("Godkend: gør personen til kontaktperson").check()
    _fits_a_phone(lead_page)
    lead_page.get_by_role("button", name="Gem").click()
    expect(lead_page.get_by_text("Ingen forslag venter.")).to_be_visible()
    assert ContactPersonAssignment.objects.get(youth=oliver, ended_on__isnull=True).contact_person == teacher


def test_the_team_lead_lets_a_colleague_leave_and_names_a_successor_later(phone_page, log_in, alice, bob, lead):
    youth = youth_in_caseload(alice)
    step_in(pathway_for(youth), youth.referral_date.replace(year=2030))
    log_in(phone_page, lead)
    phone_page.goto(f"/unge/medarbejdere/{alice.public_id}/fratraeden/")
    _fits_a_phone(phone_page)
    phone_page.get_by_role("button", name="Gem").click()
    expect(phone_page.locator(".orphan-row")).to_have_count(1)
    _fits_a_phone(phone_page)
    phone_page.get_by_role("link", name=f"Udpeg en kontaktperson – {youth.display_name}").click()
    phone_page.locator("select[name=contact_person]").select_option(str(bob.pk))
    phone_page.locator("textarea[name=reason]").fill("Alice er stoppet")
    phone_page.get_by_role("button", name="Gem").click()
    phone_page.goto("/unge/uden-kontaktperson/")
    expect(phone_page.get_by_text("Alle unge har en kontaktperson.")).to_be_visible()


def test_the_administrator_edits_the_limits(phone_page, log_in, administrator):
    log_in(phone_page, administrator)
    phone_page.goto("/unge/graenser/")
    _fits_a_phone(phone_page)
    phone_page.get_by_label("Tæt opfølgning: dage uden kontakt").fill("0")
    phone_page.get_by_role("button", name="Gem grænserne").click()
    expect(phone_page.locator(".invalid-feedback").first).to_be_visible()
    phone_page.get_by_label("Tæt opfølgning: dage uden kontakt").fill("6")
    phone_page.get_by_role("button", name="Gem grænserne").click()
    expect(phone_page.get_by_text("Grænserne er gemt.")).to_be_visible()
    assert services.SupportLevelThreshold.as_dict()["close"] == 6


def test_the_administrator_picks_who_leaves_by_searching(phone_page, log_in, administrator, alice):
    log_in(phone_page, administrator)
    phone_page.goto("/unge/medarbejdere/fratraeden/")
    _fits_a_phone(phone_page)
    phone_page.get_by_role("button", name="Fortsæt").click()
    expect(phone_page.locator("#id_person_error")).to_contain_text("påkrævet")


def test_the_contact_person_records_waiting_for_a_psychologist(phone_page, log_in, alice):
    youth = youth_in_caseload(alice)
    pathway_for(youth)
    log_in(phone_page, alice)
    phone_page.goto(f"/forloeb/unge/{youth.public_id}/skridt/venter/")
    _fits_a_phone(phone_page)
    phone_page.get_by_label("Type").select_option("treatment")
    phone_page.get_by_label("Titel").fill("Samtaler hos psykolog")
    phone_page.get_by_role("textbox", name="Venter på").fill("psykolog")
    phone_page.get_by_role("button", name="Gem").click()
    expect(phone_page.locator(".invalid-feedback").first).to_be_visible()  # no check-in date: refused
    phone_page.get_by_label("Opfølgningsdato").fill("2026-12-07")
    phone_page.get_by_role("button", name="Gem").click()
    expect(phone_page.locator(".step-check-in")).to_have_text("07.12.2026")
    _fits_a_phone(phone_page)
