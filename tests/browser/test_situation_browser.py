"""Issue 18 in Chromium: the youth's situation page (target groups and an
education-readiness assessment), the youth asking for access and the
contact person releasing a text with a part left out, and a case conference
with a psychologist from another department taking part (the consent warning,
then the minutes). axe-core finds no serious or critical violation at 360 px
and at 1280 px on any of these pages."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kui.accounts.models import OrganisationKind
from pathways import conferences
from pathways.models import ConferenceAttendee
from portfolio.models import AccessRequest, AccessRequestItem
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PHONE_VIEWPORT
from tests.factories import OrganisationFactory
from tests.portfolio.factories import youth_with_login
from tests.youths.factories import youth_in_caseload
from youths import services as youth_services
from youths.models import ReadinessAssessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 800}
NOTE = "Virker træt. Har talt med skolen om fravær."


def _accessible_at_both_widths(page) -> None:
    for viewport in (PHONE_VIEWPORT, DESKTOP):
        page.set_viewport_size(viewport)
        assert_accessible(page)
    page.set_viewport_size(PHONE_VIEWPORT)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_VIEWPORT["width"] + 1


def test_the_situation_page_on_a_phone(phone_page, log_in, alice):
    jobcentre = OrganisationFactory(name="Jobcenter Syd", kind=OrganisationKind.JOBCENTRE)
    youth = youth_in_caseload(alice, first_name="Sara", last_name="Mikkelsen", target_group="mental_health")
    page = log_in(phone_page, alice)
    page.goto(f"/unge/{youth.public_id}/situation/")
    _accessible_at_both_widths(page)
    page.get_by_label("Ledig på uddannelseshjælp").check()
    page.locator("#h-groups ~ form").get_by_role("button", name="Gem").click()
    expect(page.locator(".alert-success")).to_contain_text("Gemt")
    assert sorted(youth.target_groups.values_list("group", flat=True)) == ["mental_health", "unemployed"]

    page.get_by_text("Registrér en vurdering").click()
    page.locator("select[name=readiness]").select_option("activity_ready")
    page.get_by_label("Vurderet den").fill(timezone.localdate().isoformat())
    page.get_by_label("Vurderet af").fill("  ")  # blank: a Danish error, nothing saved
    page.locator("#h-readiness ~ details form").get_by_role("button", name="Gem").click()
    expect(page.locator("#h-readiness ~ details .invalid-feedback").first).to_be_visible()
    assert not ReadinessAssessment.objects.exists()
    _accessible_at_both_widths(page)
    page.get_by_label("Vurderet af").fill("Karin Dahl, jobkonsulent")
    page.locator("#h-readiness ~ details select[name=organisation]").select_option(label=jobcentre.name)
    page.locator("#h-readiness ~ details form").get_by_role("button", name="Gem").click()
    expect(page.locator(".readiness-history")).to_contain_text("Karin Dahl, jobkonsulent")
    assert ReadinessAssessment.objects.get().organisation == jobcentre


def test_the_youth_asks_and_the_contact_person_releases_with_a_part_left_out(phone_page, page, log_in, alice):
    youth = youth_with_login(alice)
    youth_services.note_write(youth=youth, by=alice, theme="education", text=NOTE, written_on=timezone.localdate())
    phone = log_in(phone_page, youth.user)
    phone.goto("/mig/mine-data/")
    phone.locator("#ask-for-access").click()
    expect(phone.locator(".access-requests")).to_contain_text("Svar senest")
    _accessible_at_both_widths(phone)
    access_request = AccessRequest.objects.get(youth=youth)
    phone.goto("/mig/mine-data/indsigt/")  # the back button or a refresh: back to the page, not an error
    expect(phone.locator(".access-requests")).to_contain_text("Svar senest")

    staff = log_in(page, alice)
    staff.goto("/forloeb/opgaver/")
    expect(staff.locator("#h-tasks-mine").locator("..")).to_contain_text("Besvar anmodningen om indsigt")
    staff.goto(f"/unge/{youth.public_id}/")
    staff.locator(".access-request a").first.click()
    staff.wait_for_url(f"**/indsigt/{access_request.public_id}/")
    _accessible_at_both_widths(staff)
    texts = staff.locator("fieldset.free-text")
    for index in range(texts.count()):
        fieldset = texts.nth(index)
        expect(fieldset.locator(".written")).not_to_be_empty()
        if NOTE in fieldset.locator("blockquote").inner_text():
            fieldset.get_by_label("Beslutning").select_option("redact")
            fieldset.get_by_label("Teksten som den udleveres").fill("Virker træt.")
            fieldset.get_by_label("Hvorfor udelades noget?").fill("Oplysninger fra skolen.")
        else:
            fieldset.get_by_label("Beslutning").select_option("release")
    staff.get_by_role("button", name="Udlever til den unge").click()
    expect(staff.locator(".alert-success")).to_be_visible()
    item = AccessRequestItem.objects.get(request=access_request, field="text")
    assert (item.decision, item.released_text) == ("redact", "Virker træt.")


def test_a_psychologist_takes_part_and_the_minutes_keep_it(page, log_in, alice, lead):
    psychology = OrganisationFactory(name="Børne- og ungepsykologerne", kind=OrganisationKind.HEALTH)
    youth = youth_in_caseload(alice, first_name="Sara", last_name="Mikkelsen")
    conference = conferences.conference_schedule(by=lead, held_on=timezone.localdate())
    conferences.conference_add_case(conference=conference, by=lead, youth=youth)
    staff = log_in(page, lead)
    staff.goto(f"/forloeb/sagsdroeftelser/{conference.public_id}/")
    staff.get_by_text("Tilføj en deltager").click()
    staff.get_by_label("Navn").fill("Lene Holm")
    staff.get_by_label("Fag").fill("psykolog")
    staff.get_by_role("searchbox", name="Søg: Organisation").fill("psykolog")
    staff.locator("select[name=organisation]").select_option(label=psychology.name)
    staff.get_by_role("button", name="Tilføj", exact=True).click()
    # No consent covers the psychologists: a warning in Danish, nobody added.
    expect(staff.locator(".attendee-add .invalid-feedback, .attendee-add .alert-danger").first).to_contain_text(
        "Sara Mikkelsen"
    )
    assert not ConferenceAttendee.objects.exists()
    _accessible_at_both_widths(staff)
    staff.get_by_label("Jeg har læst advarslen", exact=False).check()
    staff.get_by_role("button", name="Tilføj", exact=True).click()
    expect(staff.locator(".conference-attendees")).to_contain_text("Lene Holm, psykolog")
    expect(staff.locator(".consent-warning")).to_contain_text("Sara Mikkelsen")
    _accessible_at_both_widths(staff)
    staff.goto(f"/forloeb/sagsdroeftelser/{conference.public_id}/dagsorden/")
    expect(staff.locator(".consent-warning")).to_be_visible()
    _accessible_at_both_widths(staff)

    conferences.conference_record_case(
        case=conference.cases.get(),
        by=lead,
        notes="Drøftet uden psykologerne",
        action={"description": "Ring til mor", "owner": alice, "due_on": timezone.localdate(), "becomes": "task"},
    )
    conferences.conference_mark_done(conference=conference, by=lead)
    staff.goto(f"/forloeb/sagsdroeftelser/{conference.public_id}/")
    staff.get_by_role("link", name="Referat").click()
    expect(staff.locator(".conference-minutes .attendee")).to_contain_text("Lene Holm, psykolog")
    expect(staff.locator(".conference-minutes")).to_contain_text("Drøftet uden psykologerne")
    _accessible_at_both_widths(staff)
