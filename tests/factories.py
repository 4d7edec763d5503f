"""factory_boy factories for the core models. Apps add theirs beside their tests."""

import factory
from django.contrib.auth.hashers import make_password

from kui.accounts.models import Organisation, OrganisationKind, Role, Team, User

TEST_PASSWORD = "kui-test-password"
_HASHED = make_password(TEST_PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Ungeindsats {n}")
    kind = OrganisationKind.KUI_UNIT


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.dk")
    role = Role.CONTACT_PERSON
    organisation = factory.SubFactory(OrganisationFactory)
    team = None
    password = _HASHED
