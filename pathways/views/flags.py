"""The in-app list of open flags: what needs acting on, and for how long it
has waited. Flags are read here, never edited: fixing the cause resolves them."""

from itertools import groupby

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kui.accounts.models import Role
from kui.lib.access import role_required
from pathways.models import Flag, FlagKind
from youths.models import ContactPersonAssignment, EffortLimits, Youth

CASEWORK = (Role.CONTACT_PERSON, Role.TEAM_LEAD)


def flags_for(user):
    """A contact person's flags are those of their own caseload; a team lead
    sees their team's youths too (the organisation's without a named team)."""
    mine = Q(youth__in=Youth.objects.in_caseload_of(user).values("pk"))
    if user.is_team_lead:
        mine |= Q(youth__team_id=user.team_id) if user.team_id else Q(pk__isnull=False)
        # The waiting list belongs to no team yet: its flags go to every team lead.
        mine |= Q(kind=FlagKind.WAITING_TOO_LONG, youth__team__isnull=True)
    kind_order = {kind: index for index, kind in enumerate(FlagKind.values)}
    flags = (
        Flag.objects.visible_to(user)
        .open()
        .filter(mine)
        .select_related("youth", "step", "task")
        .order_by("kind", "raised_at", "pk")
        .prefetch_related(ContactPersonAssignment.objects.prefetch_current("youth__assignments"))
    )
    limits = EffortLimits.current()
    for flag in flags:
        flag.limits = limits
    return sorted(flags, key=lambda flag: kind_order.get(flag.kind, len(kind_order)))


@role_required(*CASEWORK)
def flag_list(request: HttpRequest) -> HttpResponse:
    flags = flags_for(request.user)
    groups = [(FlagKind(kind).label, kind, list(rows)) for kind, rows in groupby(flags, key=lambda flag: flag.kind)]
    return render(request, "pathways/flags.html", {"groups": groups, "total": len(flags)})
