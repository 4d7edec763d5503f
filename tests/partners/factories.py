"""Test helpers for the partners app: a company with a mentor, and a youth
placed there (a current step plus a consent naming the company)."""

import datetime

from kui.accounts.models import OrganisationKind, Role
from partners.models import Offer, PartnerContact
from pathways.models import Step, StepStatus
from tests import clock
from tests.factories import OrganisationFactory, UserFactory
from tests.pathways.factories import pathway_for
from tests.youths.factories import youth_in_caseload
from youths.models import Consent

TODAY = clock.TODAY
DAY = datetime.timedelta(days=1)


def company(name="Lagerhuset Nord", kind=OrganisationKind.COMPANY, **fields):
    return OrganisationFactory(name=name, kind=kind, **fields)


def mentor_at(organisation, username=None):
    return UserFactory(
        username=username or f"mentor-{organisation.pk}",
        first_name="Mette",
        last_name="Lager",
        role=Role.PARTNER_STAFF,
        organisation=organisation,
    )


def consent_for(youth, organisation=None, *, by, area="jobcentre", given_on=None):
    return Consent.objects.create(
        youth=youth, area=area, organisation=organisation, recorded_by=by, given_on=given_on or TODAY - 30 * DAY
    )


def current_step(youth, organisation, starts_on=None, ends_on=None, status=StepStatus.ACTIVE, **fields) -> Step:
    pathway = youth.pathways.filter(ended_on__isnull=True).first() or pathway_for(youth, started_on=TODAY - 60 * DAY)
    fields.setdefault("step_type", "internship")
    fields.setdefault("title", "Praktik på lager")
    return Step.objects.create(
        pathway=pathway,
        partner=organisation,
        status=status,
        starts_on=starts_on or TODAY - 7 * DAY,
        ends_on=ends_on or TODAY + 21 * DAY,
        weekdays=[0, 1, 2, 3, 4],
        **fields,
    )


def placed_youth(contact_person, organisation, first_name="Oliver", last_name="Jørgensen", consent=True, **step):
    """An active youth in the contact person's caseload with a current step
    at the organisation and (unless consent=False) a consent naming it."""
    youth = youth_in_caseload(contact_person, first_name=first_name, last_name=last_name)
    current_step(youth, organisation, **step)
    if consent:
        consent_for(youth, organisation, by=contact_person)
    return youth


def offer_at(organisation, **fields) -> Offer:
    fields.setdefault("title", "Praktik på lager – pluk og pak")
    fields.setdefault("trade", "warehouse")
    fields.setdefault("capacity", 2)
    return Offer.objects.create(organisation=organisation, weekdays=[0, 1, 2, 3, 4], hours_per_week=30, **fields)


def contact_at(organisation, name="Jonas Truck", **fields) -> PartnerContact:
    fields.setdefault("phone", "40000001")
    return PartnerContact.objects.create(organisation=organisation, name=name, **fields)
