"""The long choice lists of the core, picked by searching
(kui/lib/search_select.py): colleagues and organisations."""

from django.db.models import QuerySet

from kui.accounts.models import CASEWORK_ROLES, Organisation, User
from kui.lib.search_select import ChoiceSearch, register


def caseworkers(user) -> QuerySet:
    """Who can hold a youth's thread or own an action: the active contact
    persons and team leads of the user's own organisation."""
    if not user.organisation_id:
        return User.objects.none()
    return User.objects.filter(organisation_id=user.organisation_id, role__in=CASEWORK_ROLES, is_active=True)


def team_caseworkers(user) -> QuerySet:
    """The few listed before anyone searches: the user's own team."""
    if not user.team_id:
        return User.objects.none()
    return caseworkers(user).filter(team_id=user.team_id)


def register_searches() -> None:
    register("caseworkers", ChoiceSearch(choices=caseworkers, fields=("first_name", "last_name", "username")))
    register(
        "partners",
        ChoiceSearch(choices=lambda user: Organisation.objects.visible_to(user).partners(), fields=("name",)),
    )
    register("organisations", ChoiceSearch(choices=Organisation.objects.visible_to, fields=("name",)))
