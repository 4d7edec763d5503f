"""Whose youths a dashboard counts.

- A steering member sees the partnership they steer: every youth held by a
  municipal organisation (the KUI unit, the jobcentre, the family
  department…) in this installation, which serves one municipality. Partner
  organisations hold no youths of their own; they host steps.
- An administrator sees the same.
- A team lead sees their team (or their organisation, if they have no team).
Everyone else gets no dashboard (404).

A scope has a key ("all", "org:3", "team:7") so cached figures and monthly
snapshots can be stored per scope.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import Organisation, OrganisationKind, Role, Team
from youths.models import Youth

DASHBOARD_ROLES = (Role.STEERING, Role.TEAM_LEAD, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class Scope:
    key: str
    label: str
    organisation_id: int | None = None
    team_id: int | None = None

    def youths(self) -> QuerySet:
        youths = Youth.objects.order_by()
        if self.team_id is not None:
            return youths.filter(team_id=self.team_id)
        if self.organisation_id is not None:
            return youths.filter(organisation_id=self.organisation_id)
        return youths.filter(organisation_id__in=municipal_organisation_ids())


def municipal_organisation_ids() -> list[int]:
    """The municipal organisations' ids, read first and given to the youth
    query as a list. Joining youths to organisations and filtering on the
    kind hides from PostgreSQL's planner that those few organisations hold
    every youth: it estimates the youths from the share of organisations that
    are municipal (6 of 300 once the partners are registered, so 2 % of the
    youths), then plans nested loops over "a hundred" youths that are really
    50,000 — measured: 17 s instead of 0.5 s with 5,000 youths and 300
    partners. With the ids in the statement it reads the youths' own
    organisation statistics and estimates them right."""
    return list(Organisation.objects.filter(kind__in=OrganisationKind.municipal()).values_list("pk", flat=True))


def partnership() -> Scope:
    return Scope("all", str(_("The partnership")))


def of_organisation(organisation: Organisation) -> Scope:
    return Scope(f"org:{organisation.pk}", organisation.name, organisation_id=organisation.pk)


def of_team(team: Team) -> Scope:
    return Scope(f"team:{team.pk}", team.name, organisation_id=team.organisation_id, team_id=team.pk)


def scope_for(user) -> Scope | None:
    """The dashboard scope of a user, or None when they get no dashboard."""
    if not user.is_authenticated:
        return None
    if user.is_superuser or user.role in (Role.ADMINISTRATOR, Role.STEERING):
        return partnership()
    if user.role == Role.TEAM_LEAD:
        if user.team_id:
            return of_team(user.team)
        return of_organisation(user.organisation) if user.organisation_id else None
    return None


def from_key(key: str) -> Scope | None:
    """The scope a stored key names (monthly snapshots), or None if it is gone."""
    if key == "all":
        return partnership()
    kind, _, number = key.partition(":")
    if not number.isdigit():
        return None
    if kind == "org":
        organisation = Organisation.objects.filter(pk=int(number)).first()
        return of_organisation(organisation) if organisation else None
    if kind == "team":
        team = Team.objects.filter(pk=int(number)).first()
        return of_team(team) if team else None
    return None


def snapshot_scopes() -> list[Scope]:
    """Every scope someone can look at: the installation, each organisation
    that holds youths, and each team that does."""
    organisations = Organisation.objects.filter(youths__isnull=False).distinct().order_by("pk")
    teams = Team.objects.filter(youths__isnull=False).distinct().order_by("pk")
    return [partnership(), *(of_organisation(o) for o in organisations), *(of_team(t) for t in teams)]
