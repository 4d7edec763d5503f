"""Picking one of many by searching: on the plan page the ball goes to a
partner's mentor who is not in the short list, found by typing a name."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kui.accounts.models import OrganisationKind, Role
from pathways.models import BallHandover
from tests.browser.axe import assert_accessible
from tests.factories import OrganisationFactory, UserFactory
from tests.pathways.factories import pathway_for
from tests.youths.factories import youth_in_caseload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_ball_goes_to_someone_found_by_searching(logged_in_page, alice):
    youth = youth_in_caseload(alice)
    pathway_for(youth, started_on=timezone.localdate())
    company = OrganisationFactory(name="Lagerhuset", kind=OrganisationKind.COMPANY)
    mentor = UserFactory(first_name="Jens", last_name="Mentor", role=Role.PARTNER_STAFF, organisation=company)
    page = logged_in_page(alice)
    page.goto(f"/forloeb/unge/{youth.public_id}/")
    page.locator("summary", has_text="Giv bolden videre").click()
    person = page.locator("select[name=holder_user]")
    expect(person.locator("option", has_text="Jens Mentor")).to_have_count(0)
    page.get_by_role("searchbox", name="Søg: Person").fill("jens")
    expect(person.locator("option", has_text="Jens Mentor (Lagerhuset)")).to_have_count(1)
    person.select_option(label="Jens Mentor (Lagerhuset)")
    assert_accessible(page)
    page.get_by_role("button", name="Giv videre").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert BallHandover.objects.get(youth=youth).holder_user == mentor
