import datetime

import factory
from django.utils import timezone

from youths.models import Contact, ContactPersonAssignment, Youth, YouthStatus


class YouthFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Youth

    first_name = factory.Sequence(lambda n: f"Ung{n}")
    last_name = "Hansen"
    birth_date = datetime.date(2005, 5, 5)
    # Referred well before any date the tests use, so dated events lie inside the case.
    referral_date = datetime.date(2025, 1, 6)
    target_group = "other"
    status = YouthStatus.ACTIVE
    support_level = "close"


def youth_in_caseload(contact_person, days_since_contact: int | None = 1, **fields) -> Youth:
    """An active youth with `contact_person` as primary and a reached contact
    `days_since_contact` days ago (None: never contacted)."""
    youth = YouthFactory(organisation=contact_person.organisation, team=contact_person.team, **fields)
    ContactPersonAssignment.objects.create(
        youth=youth,
        contact_person=contact_person,
        started_on=datetime.date(2026, 1, 1),
        assigned_by=contact_person,
    )
    if days_since_contact is not None:
        Contact.objects.create(
            youth=youth,
            happened_at=timezone.now() - datetime.timedelta(days=days_since_contact),
            logged_by=contact_person,
        )
    return youth
