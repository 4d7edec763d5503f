"""Who may hold a youth's thread, and how to find them without listing
every staff member of the partnership.

A contact person is an active caseworker (contact person or team lead) of the
youth's own organisation — or partner staff employed at a partner
organisation, such as the production school's tovholder or a trusted teacher
the youth nominated. This is the one home of that rule: the services check
it, the search pages offer only these people.
"""

from django.db.models import Q, QuerySet

from kui.accounts.models import CASEWORK_ROLES, OrganisationKind, Role, User
from youths.models import Youth

SEARCH_MIN_LENGTH = 2
SEARCH_LIMIT = 10


def eligible_contact_persons(youth: Youth) -> QuerySet:
    own_casework = Q(organisation_id=youth.organisation_id, role__in=CASEWORK_ROLES)
    partner_staff = Q(role=Role.PARTNER_STAFF, organisation__isnull=False) & ~Q(
        organisation__kind__in=OrganisationKind.municipal()
    )
    return User.objects.filter(is_active=True).filter(own_casework | partner_staff)


def is_eligible_contact_person(youth: Youth, person: User) -> bool:
    return eligible_contact_persons(youth).filter(pk=person.pk).exists()


def search_contact_persons(youth: Youth, query: str) -> list[User]:
    """At most SEARCH_LIMIT people whose name (or organisation) matches every
    word typed; nothing for fewer than SEARCH_MIN_LENGTH letters, so no page
    ever lists the whole partnership's staff."""
    query = query.replace("\x00", "")[:100]  # PostgreSQL refuses NUL in a string; nobody's name is longer
    words = query.split()[:4]
    if len(query.strip()) < SEARCH_MIN_LENGTH or not words:
        return []
    people = eligible_contact_persons(youth)
    for word in words:
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(organisation__name__icontains=word)
        )
    return list(people.select_related("organisation").order_by("first_name", "last_name", "pk")[:SEARCH_LIMIT])
